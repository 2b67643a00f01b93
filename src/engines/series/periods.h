// Periods of dated events: the label of the year, quarter, month or ISO week a date
// (YYYY-MM-DD or YYYYMMDD) falls in, so events can be counted per period.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace xinzhi::series {

enum class Granularity { Year, Quarter, Month, Week };

// "2016", "2016-Q3", "2016-07", "2016-W27"; InvalidInput on a bad date.
std::string period_of(std::string_view date, Granularity g);
Granularity granularity_named(std::string_view name);  // year | quarter | month | week; InvalidInput otherwise

// The consecutive periods from 1 January of `from_year` to 31 December of `to_year`, so that
// millions of dates can be put in their period by arithmetic instead of by label. Weeks are ISO
// weeks, from the one holding 1 January.
class PeriodAxis {
 public:
  static constexpr uint32_t kOutside = UINT32_MAX;
  // InvalidInput when to_year < from_year or the range is beyond 1800–2200.
  PeriodAxis(Granularity g, int from_year, int to_year);
  size_t size() const { return labels_.size(); }
  const std::vector<std::string>& labels() const { return labels_; }
  // The period of a date given as the number YYYYMMDD (assumed valid), or kOutside. Inline:
  // a heat map calls it for each of ten million records.
  uint32_t index_of(uint32_t yyyymmdd) const {
    const int y = static_cast<int>(yyyymmdd / 10000);
    const unsigned m = yyyymmdd / 100 % 100;
    if (y < from_ || y > to_) return kOutside;
    switch (g_) {
      case Granularity::Year: return static_cast<uint32_t>(y - from_);
      case Granularity::Quarter: return static_cast<uint32_t>((y - from_) * 4 + static_cast<int>((m - 1) / 3));
      case Granularity::Month: return static_cast<uint32_t>((y - from_) * 12 + static_cast<int>(m - 1));
      case Granularity::Week: return week_of(y, m, yyyymmdd % 100);
    }
    return kOutside;
  }

 private:
  uint32_t week_of(int y, unsigned m, unsigned d) const;
  Granularity g_;
  int from_, to_;
  int64_t first_monday_ = 0;  // days since 1970-01-01, weeks only
  std::vector<std::string> labels_;
};

}  // namespace xinzhi::series
