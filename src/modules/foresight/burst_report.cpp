#include "modules/foresight/burst_report.h"

#include "engines/series/bursts.h"

namespace xinzhi::foresight {

void write_burst_report(JsonWriter& w, const std::vector<ingest::PeriodCount>& counts, const BurstParameters& p) {
  std::vector<uint64_t> r, d;
  for (const auto& c : counts) r.push_back(c.r), d.push_back(c.d);
  series::KleinbergBursts k(r, d, p.s, p.gamma, p.min_duration);
  k.run();
  w.begin_object()
      .field("s", p.s)
      .field("gamma", p.gamma)
      .field("min_duration", uint64_t{p.min_duration})
      .field("p0", k.p0())
      .field("p1", k.p1())
      .field("cost", k.cost());
  w.key("periods").begin_array();
  for (size_t t = 0; t < counts.size(); ++t)
    w.begin_object().field("period", counts[t].period).field("r", counts[t].r).field("d", counts[t].d)
        .field("state", k.states()[t]).end_object();
  w.end_array().key("bursts").begin_array();
  for (const auto& b : k.bursts())
    w.begin_object().field("start", counts[b.start].period).field("end", counts[b.end].period)
        .field("periods", uint64_t{b.end - b.start + 1}).field("strength", b.strength).end_object();
  w.end_array().end_object();
}

}  // namespace xinzhi::foresight
