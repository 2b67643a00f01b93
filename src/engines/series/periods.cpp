#include "engines/series/periods.h"

#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace xinzhi::series {

std::string period_of(std::string_view date, Granularity g) {
  std::string digits;
  for (char c : date)
    if (c != '-') digits += c;
  if (digits.size() != 8 || digits.find_first_not_of("0123456789") != std::string::npos)
    throw std::invalid_argument("date '" + std::string(date) + "' is not YYYY-MM-DD or YYYYMMDD");
  int y = std::stoi(digits.substr(0, 4));
  unsigned m = std::stoul(digits.substr(4, 2)), d = std::stoul(digits.substr(6, 2));
  std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  if (!ymd.ok()) throw std::invalid_argument("date '" + std::string(date) + "' is not a calendar date");
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

Granularity granularity_named(std::string_view name) {
  if (name == "year") return Granularity::Year;
  if (name == "quarter") return Granularity::Quarter;
  if (name == "month") return Granularity::Month;
  if (name == "week") return Granularity::Week;
  throw std::invalid_argument("period '" + std::string(name) + "' is not year, quarter, month or week");
}

}  // namespace xinzhi::series
