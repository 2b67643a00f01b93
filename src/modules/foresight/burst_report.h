// foresight: technology foresight (未来产业技术预见). So far: Kleinberg burst detection on
// counts an analyst brings (xinzhi series burst); the patent heat map follows.
#pragma once
#include <vector>

#include "base/json_writer.h"
#include "ingest/period_counts.h"

namespace xinzhi::foresight {

struct BurstParameters {
  double s = 2.0, gamma = 1.0;
  size_t min_duration = 1;
};

// Runs the detection and writes {"s","gamma","min_duration","p0","p1","cost",
// "periods":[{period,r,d,state}],"bursts":[{start,end,periods,strength}]}.
void write_burst_report(JsonWriter& w, const std::vector<ingest::PeriodCount>& counts, const BurstParameters& p);

}  // namespace xinzhi::foresight
