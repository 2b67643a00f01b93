// Counts an analyst brings for burst detection: CSV period,r,d (header optional) — r items
// of interest out of d documents in each period, periods in time order.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace xinzhi::ingest {

struct PeriodCount {
  std::string period;
  uint64_t r, d;
};

// file:line errors for a missing column, a count that is not a whole number, r > d, a
// period given twice; an empty file is refused.
std::vector<PeriodCount> read_period_counts(const std::string& path);

}  // namespace xinzhi::ingest
