// The new-quality-productive-forces index of provinces over years (新质生产力发展水平): an
// indicator system read from the provincial statistics, objective weights, TOPSIS closeness per
// region and year, its breakdown by dimension, ranks, regional gaps, and what moved a region.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "ingest/province_statistics.h"
#include "modules/nqpf/indicator_system.h"

namespace xinzhi::nqpf {

enum class WeightMethod { Entropy, Critic, Combined };

struct IndexOptions {
  WeightMethod weights = WeightMethod::Entropy;
  int from = 0, to = 0;  // 0: the years every indicator covers
};

// One region in one year.
struct RegionYear {
  std::string region;
  int year = 0;
  bool scored = false;
  std::string missing;          // the indicators it lacks, when not scored
  double closeness = 0;         // TOPSIS closeness in [0, 1]: the index
  double linear = 0;            // Σ w z: the weighted sum the breakdown divides
  std::vector<double> values;   // per indicator, in the system's unit (after filling)
  std::vector<double> parts;    // per indicator, w z (sums to linear)
  std::vector<double> dimension_closeness;  // TOPSIS within each dimension
  size_t rank = 0;              // among the year's scored regions, 1 = highest
  size_t ranked_among = 0;      // how many regions that year has a score
  std::optional<int> rank_change;  // places gained since the year before; none when unscored then
  std::vector<std::string> filled;  // ids of the indicators whose value was interpolated
};

// Dagum Gini and Theil of one year's index across regions grouped by the four economic regions.
struct YearGaps {
  int year = 0;
  double gini = 0, within = 0, between = 0, transvariation = 0, theil = 0, theil_within = 0, theil_between = 0;
  std::vector<std::string> groups;
  std::vector<double> group_gini, group_mean;
};

struct IndexResult {
  IndicatorSystem system;
  WeightMethod method = WeightMethod::Entropy;
  std::vector<int> years;
  std::vector<std::string> regions;
  std::vector<double> weights, entropy_weights, critic_weights;  // per indicator, in system order
  std::vector<std::string> indicator_ids;
  std::vector<RegionYear> cells;  // region by region, years in order
  std::vector<YearGaps> gaps;
  std::vector<ingest::ProvinceDataFix> fills;  // values filled by interpolation
  std::vector<ingest::ProvinceDataFix> data_fixes;  // what reading the statistics corrected
  std::vector<std::string> constant_indicators;  // no variance: weight 0
};

// Missing values: an interior gap of up to three years in a region's series is filled by linear
// interpolation between the nearest observed years (each fill listed and flagged on its cell); a
// longer gap or one at either end is not filled, and that region-year is not scored (missing is
// never scored as low). A window (from, to) must lie within the years the statistics hold. Indicators are min-max normalised
// over every region and year together (reversed for a cost indicator), so scores compare across
// years; weights are fixed across years, from that pooled matrix (entropy, CRITIC, or their
// mean); TOPSIS takes the pooled best and worst as ideal and anti-ideal.
IndexResult compute_index(const ingest::ProvinceStatistics& data, const IndicatorSystem& system,
                          const IndexOptions& options);

nlohmann::json to_json(const IndexResult& r);

// What moved a region between two years: the change of each indicator's part w z, largest
// first, with the values in both years. NotFound for a region or year the index lacks.
nlohmann::json movement(const IndexResult& r, const std::string& region, int from, int to);

// The four economic regions of the National Bureau of Statistics (2011): 东部, 中部, 西部, 东北.
const std::string& economic_region(const std::string& province);

WeightMethod weight_method_from(const std::string& text);

}  // namespace xinzhi::nqpf
