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

struct HeatMap {
  HeatMapQuery query;
  int from = 0, to = 0;
  std::vector<std::string> periods;
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

// Throws xinzhi::Error (invalid input) for bad parameters, naming them.
HeatMap heat_map(const PatentCube& cube, const HeatMapQuery& q);

void write_json(JsonWriter& w, const HeatMap& m);
// field,label_zh,label_en,<period>… with the measure's values (empty where undefined).
void write_csv(std::ostream& out, const HeatMap& m);

}  // namespace xinzhi::foresight
