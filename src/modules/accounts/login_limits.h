// Limits on guessing that live in memory, bounded however many keys an attacker invents:
// failed sign-ins per client address (a sliding window) and the lockout of names that are
// no account, which mirrors the stored lockout of real accounts so that the answers to a
// real and an invented name cannot be told apart.
#pragma once
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace xinzhi::accounts {

// Past `limit` failures within `window` an address is refused. When `capacity` addresses
// are tracked, addresses whose failures have all expired go first, then those with the
// fewest failures (oldest first): a spray of fresh addresses cannot wipe the record of an
// address that is guessing hard.
class AddressThrottle {
 public:
  explicit AddressThrottle(size_t limit = 30, std::chrono::seconds window = std::chrono::minutes(10),
                           size_t capacity = 100000);
  bool blocked(const std::string& address);
  void failed(const std::string& address);
  size_t tracked();

 private:
  struct Record {
    std::chrono::steady_clock::time_point first, last;
    size_t failures = 0;
  };
  void expire(Record& r, std::chrono::steady_clock::time_point now);
  void make_room(std::chrono::steady_clock::time_point now);
  size_t limit_;
  std::chrono::seconds window_;
  size_t capacity_;
  std::mutex mutex_;
  std::map<std::string, Record> records_;
};

// Consecutive wrong passwords for a name that is no account: the `lock_after`th locks the
// name for `lock_seconds`, as Sessions does for a real account in the database (the same
// policy values are passed in, so one process-wide instance serves every policy).
class UnknownNameLockouts {
 public:
  explicit UnknownNameLockouts(size_t capacity = 100000);
  static UnknownNameLockouts& process();
  // The epoch second until which the name is locked, or 0.
  int64_t locked_until(const std::string& name, int64_t now);
  // Counts a failure; returns the new lock's end when this failure locked the name, else 0.
  int64_t failed(const std::string& name, int64_t now, int lock_after, int64_t lock_seconds);

 private:
  struct Record {
    int failures = 0;
    int64_t locked_until = 0, last = 0;
  };
  size_t capacity_;
  std::mutex mutex_;
  std::map<std::string, Record> records_;
};

}  // namespace xinzhi::accounts
