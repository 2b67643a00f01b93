#include "engines/series/periods.h"

#include <chrono>
#include <cstdio>

#include "base/error.h"

namespace xinzhi::series {

std::string period_of(std::string_view date, Granularity g) {
  std::string digits;
  for (char c : date)
    if (c != '-') digits += c;
  if (digits.size() != 8 || digits.find_first_not_of("0123456789") != std::string::npos)
    invalid_input("date '" + std::string(date) + "' is not YYYY-MM-DD or YYYYMMDD");
  int y = std::stoi(digits.substr(0, 4));
  unsigned m = std::stoul(digits.substr(4, 2)), d = std::stoul(digits.substr(6, 2));
  std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  if (!ymd.ok()) invalid_input("date '" + std::string(date) + "' is not a calendar date");
  char buf[32];
  switch (g) {
    case Granularity::Year: snprintf(buf, sizeof buf, "%04d", y); break;
    case Granularity::Quarter: snprintf(buf, sizeof buf, "%04d-Q%u", y, (m - 1) / 3 + 1); break;
    case Granularity::Month: snprintf(buf, sizeof buf, "%04d-%02u", y, m); break;
    case Granularity::Week: {
      // ISO 8601: the week with the year's first Thursday is week 1.
      using namespace std::chrono;
      sys_days day{ymd};
      weekday wd{day};
      int monday_based = (static_cast<int>(wd.c_encoding()) + 6) % 7;  // Monday 0 … Sunday 6
      sys_days thursday = day + days{3 - monday_based};
      year_month_day th{thursday};
      sys_days jan1{th.year() / January / 1};
      int week = static_cast<int>((thursday - jan1).count() / 7 + 1);
      snprintf(buf, sizeof buf, "%04d-W%02d", static_cast<int>(th.year()), week);
      break;
    }
  }
  return buf;
}

namespace {
int64_t days_of(int y, unsigned m, unsigned d) {
  using namespace std::chrono;
  return sys_days{year_month_day{year(y), month(m), day(d)}}.time_since_epoch().count();
}
int64_t monday_on_or_before(int64_t days) {
  // 1970-01-01 was a Thursday: (days + 3) mod 7 is 0 on Mondays.
  int64_t offset = ((days + 3) % 7 + 7) % 7;
  return days - offset;
}
}  // namespace

PeriodAxis::PeriodAxis(Granularity g, int from_year, int to_year) : g_(g), from_(from_year), to_(to_year) {
  if (to_year < from_year) invalid_input("the period range ends before it starts");
  if (from_year < 1800 || to_year > 2200) invalid_input("years must lie between 1800 and 2200");
  char buf[32];
  for (int y = from_year; y <= to_year; ++y) {
    switch (g) {
      case Granularity::Year: labels_.push_back(std::to_string(y)); break;
      case Granularity::Quarter:
        for (int q = 1; q <= 4; ++q) snprintf(buf, sizeof buf, "%04d-Q%d", y, q), labels_.push_back(buf);
        break;
      case Granularity::Month:
        for (int m = 1; m <= 12; ++m) snprintf(buf, sizeof buf, "%04d-%02d", y, m), labels_.push_back(buf);
        break;
      case Granularity::Week: break;
    }
  }
  if (g == Granularity::Week) {
    first_monday_ = monday_on_or_before(days_of(from_year, 1, 1));
    int64_t last_monday = monday_on_or_before(days_of(to_year, 12, 31));
    for (int64_t day = first_monday_; day <= last_monday; day += 7) {
      std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
      snprintf(buf, sizeof buf, "%04d%02u%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
               static_cast<unsigned>(ymd.day()));
      labels_.push_back(period_of(buf, Granularity::Week));
    }
  }
}

uint32_t PeriodAxis::week_of(int y, unsigned m, unsigned d) const {
  int64_t i = (days_of(y, m, d) - first_monday_) / 7;
  return i >= 0 && static_cast<size_t>(i) < labels_.size() ? static_cast<uint32_t>(i) : kOutside;
}

Granularity granularity_named(std::string_view name) {
  if (name == "year") return Granularity::Year;
  if (name == "quarter") return Granularity::Quarter;
  if (name == "month") return Granularity::Month;
  if (name == "week") return Granularity::Week;
  invalid_input("period '" + std::string(name) + "' is not year, quarter, month or week");
}

}  // namespace xinzhi::series
