#pragma once
// The wall clock as Unix seconds: what sessions, throttles, snapshots and metrics stamp.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <string>

namespace xinzhi {

inline int64_t unix_seconds_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// Today's date in UTC, "2026-12-02": what expiry dates and as-of labels are judged against.
inline std::string utc_today() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", (utc.tm_year + 1900) % 10000, utc.tm_mon + 1, utc.tm_mday);
  return buf;
}

}  // namespace xinzhi
