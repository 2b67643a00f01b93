// Chokepoint map (卡脖子技术图谱) of a chain for a region: per segment a documented composite
// of supplier concentration, outside dependence, structural criticality, lack of substitutes
// and technology control, each row explained; and supply-shock simulation downstream.
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "base/json_writer.h"
#include "modules/chain/chain_snapshot_builder.h"

namespace xinzhi::chain {

struct ChokepointWeights {
  double concentration = 0.20, outside = 0.20, dominance = 0.15, betweenness = 0.10, substitutes = 0.15,
         technology = 0.20;
};

struct ChokepointRow {
  std::string name, stage;
  double score;
  // Components, each in [0, 1], higher = more of a chokepoint. A component is < 0 when the data
  // cannot give it, and is left out of the score with the weights renormalised: outside when no
  // firm's place is known well enough to tell local from outside, technology when the placed
  // firms hold no patents. Firms of unknown place count in neither (missing data, not risk).
  double concentration, outside, dominance, betweenness, substitutes, technology;
  uint32_t firms, local, foreign, dominated;  // dominated: downstream segments it dominates
  uint32_t unplaced;  // firms whose place is too coarse to tell for the region
  uint64_t patents, local_patents;
  std::vector<std::string> drivers;  // the components that made the score high, largest first
};

// A segment the data cannot score: no firm of it is known, so concentration, outside
// dependence and substitutes would all read as maximal for want of data. It is listed apart
// and never ranked above a scored segment: a gap to fill, not a chokepoint.
struct DataGap {
  std::string name, stage;
  std::string reason;  // no_known_firm; no_weighted_component (every weighted component missing)
  uint32_t dominated;  // downstream segments it dominates (structure is known without firms)
};

struct ChokepointReport {
  std::string chain, region;
  ChokepointWeights weights;
  std::vector<ChokepointRow> rows;  // scored segments only, highest score first
  std::vector<DataGap> data_gaps;   // segments left unscored, in chain order
  // Where the figures come from: the chain's origin (derived, twchains, template), its
  // description, whether it is the sample region's, its creation and its last change (UTC;
  // as_of is filled by ChainService, which reads the edit log).
  std::string origin, description, created_at, as_of;
  bool sample = false;
};

// InvalidInput keyed chokepoint_weight_invalid (a weight negative or not finite) or
// chokepoint_weights_zero (no weight above 0: nothing to score with).
ChokepointReport chokepoints(const PreparedChain& chain, const ChokepointWeights& weights = {});

struct ShockRequest {
  std::string segment;     // remove this segment
  std::string region;      // or: lose the suppliers in this region (each segment loses their share)
  std::string enterprise;  // or: lose this firm (each of its segments loses 1 / firms)
};

struct ShockRow {
  std::string name, stage;
  double initial, loss;
  bool cut_off, end_product;
};

struct ShockReport {
  std::string chain, shock;
  double amplification;
  std::vector<ShockRow> rows;  // segments with any loss, largest first
  std::vector<std::string> cut_off;
  size_t end_products = 0, end_products_hit = 0;
};

ShockReport simulate_shock(const PreparedChain& chain, const ShockRequest& request);

void write_json(JsonWriter& w, const ChokepointReport& r);
void write_json(JsonWriter& w, const ShockReport& r);
// The ranking as CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads Chinese
// as the local code page), one row per scored segment in rank order with every component,
// then the data gaps with their reason; headers in Chinese and English, the weights in the
// component headers; numbers in the JSON's shortest round-trip form.
void write_csv(std::ostream& out, const ChokepointReport& r);

}  // namespace xinzhi::chain
