#include "modules/nqpf/indicator_system.h"

#include <cstdio>
#include <set>

#include "base/error.h"

namespace xinzhi::nqpf {

// The JSON text of data/nqpf/*.json, generated at build time (templates_data.cpp.in).
extern const char* const kSystemTemplates[];
extern const size_t kSystemTemplateCount;

namespace {

// Limits that keep a saved system (each save computes its index) to the size of a published one.
constexpr size_t kMostIndicators = 60, kMostDimensions = 12, kLongestName = 200, kLongestNote = 2000;

std::string text_at(const nlohmann::json& j, const std::string& key, const std::string& where, bool required = true,
                    size_t longest = kLongestName) {
  if (!j.contains(key)) {
    if (!required) return "";
    fail_keyed(ErrorCode::InvalidInput, "field_missing", {{"field", where + key}}, "indicator system: " + where + key + " is missing");
  }
  if (!j[key].is_string() || (required && j[key].get<std::string>().empty()))
    fail_keyed(ErrorCode::InvalidInput, "field_wrong_type", {{"field", where + key}},
               "indicator system: " + where + key + " must be a non-empty text");
  std::string text = j[key].get<std::string>();
  if (text.size() > longest)
    fail_keyed(ErrorCode::InvalidInput, "field_too_long", {{"field", where + key}, {"max", std::to_string(longest)}},
               "indicator system: " + where + key + " is longer than " + std::to_string(longest) + " bytes");
  return text;
}

// A series code names a series and nothing else: no braces (it is read inside a formula's),
// no spaces.
void check_code(const std::string& code, const std::string& field) {
  if (code.find_first_of("{} \t\n") != std::string::npos)
    fail_keyed(ErrorCode::InvalidInput, "nqpf_bad_code", {{"field", field}, {"value", code}},
               "indicator system: " + field + " '" + code + "' is not a series code (no braces or spaces)");
}

Indicator indicator_from_json(const nlohmann::json& j, const std::string& where) {
  if (!j.is_object()) invalid_input("indicator system: " + where + " must be an object");
  Indicator i;
  i.id = text_at(j, "id", where);
  i.name = text_at(j, "name", where);
  i.unit = text_at(j, "unit", where, false);
  i.note = text_at(j, "note", where, false, kLongestNote);
  const std::string direction = j.contains("direction") ? text_at(j, "direction", where) : "+";
  if (direction != "+" && direction != "-")
    fail_keyed(ErrorCode::InvalidInput, "field_wrong_type", {{"field", where + "direction"}},
               "indicator system: " + where + "direction is '" + direction + "', expected + or -");
  i.direction = direction == "-" ? mcda::Direction::Cost : mcda::Direction::Benefit;
  i.series = text_at(j, "series", where, false);
  i.numerator = text_at(j, "numerator", where, false);
  i.denominator = text_at(j, "denominator", where, false);
  i.formula = text_at(j, "formula", where, false, 4 * 2000);  // UTF-8 bytes; the formula counts characters
  const int sources = !i.series.empty() + !(i.numerator.empty() || i.denominator.empty()) + !i.formula.empty();
  if (sources != 1)
    fail_keyed(ErrorCode::InvalidInput, "nqpf_indicator_source", {{"field", where + "series"}},
               "indicator system: " + where.substr(0, where.size() - 1) +
                   " needs one of series, numerator and denominator, or formula");
  for (const char* key : {"series", "numerator", "denominator"})
    if (j.contains(key)) check_code(j[key].get<std::string>(), where + key);
  if (!i.formula.empty()) IndicatorFormula(i.formula, where + "formula");  // refused here, with its field
  if (j.contains("scale")) {
    if (!j["scale"].is_number() || !(j["scale"].get<double>() > 0))
      fail_keyed(ErrorCode::InvalidInput, "field_wrong_type", {{"field", where + "scale"}},
                 "indicator system: " + where + "scale must be a positive number");
    i.scale = j["scale"].get<double>();
  }
  return i;
}

}  // namespace

IndicatorFormula formula_of(const Indicator& i) {
  if (!i.formula.empty()) return IndicatorFormula(i.formula, "formula");
  if (!i.series.empty()) return IndicatorFormula("{" + i.series + "}", "series");
  // The ratio as it has always been computed: (n / d) · scale, missing when d is 0.
  char scale[32];
  std::snprintf(scale, sizeof scale, "%.17g", i.scale);
  return IndicatorFormula("{" + i.numerator + "} / {" + i.denominator + "} * " + scale, "numerator");
}

std::string source_text(const Indicator& i) {
  if (!i.formula.empty()) return i.formula;
  return i.series.empty() ? i.numerator + " / " + i.denominator : i.series;
}

size_t IndicatorSystem::indicator_count() const {
  size_t n = 0;
  for (const auto& d : dimensions) n += d.indicators.size();
  return n;
}

IndicatorSystem system_from_json(const nlohmann::json& j) {
  if (!j.is_object()) invalid_input("indicator system: must be a JSON object");
  IndicatorSystem s;
  s.id = text_at(j, "id", "");
  s.name = text_at(j, "name", "");
  s.after = text_at(j, "after", "", false, kLongestNote);
  s.note = text_at(j, "note", "", false, kLongestNote);
  if (!j.contains("dimensions") || !j["dimensions"].is_array() || j["dimensions"].empty())
    fail_keyed(ErrorCode::InvalidInput, "field_missing", {{"field", "dimensions"}},
               "indicator system: dimensions must be a non-empty list");
  std::set<std::string> ids;
  for (size_t d = 0; d < j["dimensions"].size(); ++d) {
    const auto& dj = j["dimensions"][d];
    const std::string where = "dimensions[" + std::to_string(d) + "].";
    if (!dj.is_object()) invalid_input("indicator system: " + where + " must be an object");
    Dimension dim;
    dim.name = text_at(dj, "name", where);
    if (!dj.contains("indicators") || !dj["indicators"].is_array() || dj["indicators"].empty())
      fail_keyed(ErrorCode::InvalidInput, "field_missing", {{"field", where + "indicators"}},
                 "indicator system: " + where + "indicators must be a non-empty list");
    for (size_t i = 0; i < dj["indicators"].size(); ++i) {
      Indicator ind = indicator_from_json(dj["indicators"][i], where + "indicators[" + std::to_string(i) + "].");
      if (!ids.insert(ind.id).second)
        fail_keyed(ErrorCode::InvalidInput, "nqpf_indicator_twice", {{"item", ind.id}},
                   "indicator system: indicator '" + ind.id + "' appears twice");
      dim.indicators.push_back(std::move(ind));
    }
    s.dimensions.push_back(std::move(dim));
  }
  if (s.dimensions.size() > kMostDimensions || s.indicator_count() > kMostIndicators)
    fail_keyed(ErrorCode::InvalidInput, "nqpf_too_many_indicators",
               {{"max", std::to_string(kMostIndicators)}, {"dimensions", std::to_string(kMostDimensions)}},
               "indicator system: at most " + std::to_string(kMostIndicators) + " indicators in " +
                   std::to_string(kMostDimensions) + " dimensions");
  if (s.indicator_count() < 2)
    fail_keyed(ErrorCode::InvalidInput, "nqpf_too_few_indicators", {}, "indicator system: an index needs at least 2 indicators");
  return s;
}

nlohmann::json to_json(const IndicatorSystem& s) {
  nlohmann::json dims = nlohmann::json::array();
  for (const auto& d : s.dimensions) {
    nlohmann::json inds = nlohmann::json::array();
    for (const auto& i : d.indicators) {
      nlohmann::json x = {{"id", i.id}, {"name", i.name}, {"unit", i.unit},
                          {"direction", i.direction == mcda::Direction::Cost ? "-" : "+"}};
      if (!i.series.empty()) x["series"] = i.series;
      if (!i.numerator.empty()) {
        x["numerator"] = i.numerator;
        x["denominator"] = i.denominator;
        x["scale"] = i.scale;
      }
      if (!i.formula.empty()) x["formula"] = i.formula;
      if (!i.note.empty()) x["note"] = i.note;
      inds.push_back(std::move(x));
    }
    dims.push_back({{"name", d.name}, {"indicators", std::move(inds)}});
  }
  return {{"id", s.id}, {"name", s.name}, {"after", s.after}, {"note", s.note}, {"dimensions", std::move(dims)}};
}

const std::vector<IndicatorSystem>& system_templates() {
  static const std::vector<IndicatorSystem> all = [] {
    std::vector<IndicatorSystem> out;
    for (size_t i = 0; i < kSystemTemplateCount; ++i) out.push_back(system_from_json(nlohmann::json::parse(kSystemTemplates[i])));
    return out;
  }();
  return all;
}

const IndicatorSystem& system_template(const std::string& id) {
  std::string ids;
  for (const auto& s : system_templates()) {
    if (s.id == id) return s;
    ids += (ids.empty() ? "" : ", ") + s.id;
  }
  fail_keyed(ErrorCode::NotFound, "nqpf_no_system", {{"item", id}},
             "no indicator system '" + id + "' (templates: " + ids + ")");
}

}  // namespace xinzhi::nqpf
