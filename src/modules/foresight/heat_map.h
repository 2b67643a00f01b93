// The technology-foresight heat map (技术预见热力图): fields × periods of imported patents with
// count, share, growth and Kleinberg bursts, the strongest bursts and the emerging fields.
// The CLI, the API and the scheduled snapshots all run a HeatMapQuery through heat_map().
#pragma once
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "base/json_writer.h"
#include "engines/series/field_heat_map.h"
#include "modules/foresight/patent_cube.h"

namespace xinzhi::foresight {

struct HeatMapQuery {
  std::string level = "subclass";   // section | class | subclass | group
  std::string period = "year";      // year | quarter | month | week
  std::string measure = "count";    // count | share | growth | burst (the run's strength)
  std::string counting = "whole";   // whole | fractional
  std::string order = "strength";   // strength | total | similarity
  int from = 0, to = 0;             // years; 0 takes the data's first / last year
  CubeFilter filter;
  size_t top = 40;                  // fields shown, 0 for all
  size_t burst_top = 20;            // strongest bursts listed
  series::HeatMapParameters params;
};

// Reads a query from JSON (API bodies, stored snapshots); every key is optional and a wrong
// one is an invalid-input error naming it.
HeatMapQuery query_from_json(const nlohmann::json& j);
nlohmann::json to_json(const HeatMapQuery& q);
// An object of strings and numbers (such as a query) through the streaming writer.
void write_flat_json(JsonWriter& w, const nlohmann::json& flat);

struct HeatMapField {
  uint32_t id;
  std::string code;
  series::FieldSummary summary;
  size_t rank;  // 1-based position in the requested order among all fields with records
};

// How a measure becomes a colour, shared by the page (through the JSON) and the PNG/SVG so that
// both draw a cell alike: position x in [0, 1] along the colour stops (equally spaced, linear
// in RGB between them). log: x = ln(1 + k·v) / ln(1 + k·max), so that the few large cells do
// not leave the rest near-white; linear: v / max; diverging (growth): 0.5 + v / (2·max).
struct ColourScale {
  std::string kind;             // log | linear | diverging
  double factor = 1;            // k: 100 for shares, so the log acts on percentage points
  double max = 0;               // the largest |value| among the cells shown
  std::vector<std::string> colours;  // #rrggbb stops from x = 0 to 1
  std::string missing = "#ededed";   // an undefined cell (growth from 0, an incomplete period)
  std::string burst_outline = "#262673";
  std::string unit;             // 件 | % | %/年 (per period) | "" (burst strength has none)
  double position(double v) const;  // x in [0, 1]
};

struct HeatMap {
  HeatMapQuery query;
  int from = 0, to = 0;
  std::vector<std::string> periods;
  // Periods [0, complete_periods) end on or before the data's last filing date; later ones the
  // data stops inside (or before) and are marked incomplete (docs/foresight.md).
  size_t complete_periods = 0;
  std::string data_from, data_through;  // first and last filing date of all records, YYYY-MM-DD
  uint64_t records_total = 0;           // records imported, before the query's filters
  std::vector<PatentSource> sources;
  // Why a list is empty, as a key the page translates ("" when it is not empty):
  // no_industry_data | no_patents_match for the heat map; too_few_periods |
  // none_meet_criteria for the emerging fields; no_bursts for the burst list.
  std::string empty_heatmap, empty_emerging, empty_bursts;
  ColourScale scale;
  uint64_t records = 0;             // records in the window after filters
  size_t fields_with_records = 0;
  std::vector<HeatMapField> shown;  // the top fields in order
  std::vector<HeatMapField> emerging;  // emergence candidates by score
  struct Burst {
    HeatMapField field;
    series::BurstInterval interval;
  };
  std::vector<Burst> bursts;  // strongest first
  double compute_seconds = 0;  // classify, count, measures, bursts and orders (the cube already loaded)
  std::unique_ptr<series::FieldHeatMap> engine;
  double value(uint32_t field, size_t t, bool& defined) const;  // the query's measure
};

// The number of leading periods of the axis that end on or before `last_date` (YYYYMMDD).
size_t complete_periods(const series::PeriodAxis& axis, uint32_t last_date, int to_year);
// The YlOrRd (counts, shares, burst strength) or blue–yellow–red (growth) scale of a map.
ColourScale colour_scale(const HeatMap& m);

// Throws xinzhi::Error (invalid input) for bad parameters, naming them.
HeatMap heat_map(const PatentCube& cube, const HeatMapQuery& q);

void write_json(JsonWriter& w, const HeatMap& m);
// field,label_zh,label_en,<period>… with the measure's values (empty where undefined).
void write_csv(std::ostream& out, const HeatMap& m);

}  // namespace xinzhi::foresight
