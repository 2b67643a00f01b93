// An indicator system for the new-quality-productive-forces index (新质生产力评价指标体系):
// dimensions of indicators, each with its unit, direction and the statistical series (or ratio
// of two series) it is read from, and the published system it follows.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engines/mcda/matrix.h"
#include "modules/nqpf/indicator_formula.h"

namespace xinzhi::nqpf {

struct Indicator {
  std::string id, name, unit;
  mcda::Direction direction = mcda::Direction::Benefit;
  std::string series;                  // one series code ("RDIntense/v4_ztr_qd_RD"), or
  std::string numerator, denominator;  // a ratio of two, times scale, or
  double scale = 1;
  std::string formula;                 // arithmetic over {series} (indicator_formula.h)
  std::string note;
};

struct Dimension {
  std::string name;
  std::vector<Indicator> indicators;
};

struct IndicatorSystem {
  std::string id, name, after, note;  // after: the published system it follows
  std::vector<Dimension> dimensions;
  size_t indicator_count() const;
};

// What the indicator is computed from as one formula: "{series}", "{n} / {d} * scale" or its own.
IndicatorFormula formula_of(const Indicator& i);
// The same as the page shows it: the series, "n / d", or the formula.
std::string source_text(const Indicator& i);

// From the JSON of a template or an edited system; InvalidInput naming the field
// ("dimensions[1].indicators[0].series") for anything missing, unknown or repeated.
IndicatorSystem system_from_json(const nlohmann::json& j);
nlohmann::json to_json(const IndicatorSystem& s);

// The systems shipped with Xinzhi (data/nqpf/*.json, compiled in); the first is the default.
const std::vector<IndicatorSystem>& system_templates();
// A template by id; NotFound naming the ids there are.
const IndicatorSystem& system_template(const std::string& id);

}  // namespace xinzhi::nqpf
