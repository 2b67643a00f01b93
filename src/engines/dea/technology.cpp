#include "engines/dea/technology.h"

#include <cmath>

#include "base/error.h"
#include "base/text.h"

namespace xinzhi::dea {

namespace {
void check_block(const Technology& t, const std::vector<double>& values, const std::vector<std::string>& names,
                 const char* what) {
  if (values.size() != t.size() * names.size())
    invalid_input(std::string("DEA data: the ") + what + " values do not fill units × columns");
  for (size_t u = 0; u < t.size(); ++u) {
    for (size_t c = 0; c < names.size(); ++c) {
      const double v = values[u * names.size() + c];
      if (!std::isfinite(v))
        fail_keyed(ErrorCode::InvalidInput, "dea_value_not_finite", {{"unit", t.units[u]}, {"field", names[c]}},
                   "DEA data: unit '" + t.units[u] + "', " + what + " '" + names[c] + "' is not a finite number");
      // Column sums must not overflow (the programs scale each column by its mean).
      if (v > 1e100)
        fail_keyed(ErrorCode::InvalidInput, "dea_value_too_large", {{"unit", t.units[u]}, {"field", names[c]}},
                   "DEA data: unit '" + t.units[u] + "', " + what + " '" + names[c] + "' is " + text::number(v) +
                       "; rescale the column (values up to 1e100)");
      if (v < 0)
        fail_keyed(ErrorCode::InvalidInput, "dea_value_negative", {{"unit", t.units[u]}, {"field", names[c]}},
                   "DEA data: unit '" + t.units[u] + "', " + what + " '" + names[c] + "' is negative (" +
                       text::number(v) + "); DEA needs values ≥ 0 (shift or transform the column first)");
    }
  }
}

bool all_zero(const std::vector<double>& values, size_t unit, size_t width) {
  for (size_t c = 0; c < width; ++c)
    if (values[unit * width + c] != 0) return false;
  return true;
}
}  // namespace

void check_technology(const Technology& t) {
  if (t.size() == 0) fail_keyed(ErrorCode::InvalidInput, "dea_no_units", {}, "DEA data: no units");
  if (t.inputs() == 0 || t.outputs() == 0)
    fail_keyed(ErrorCode::InvalidInput, "dea_no_columns", {},
               "DEA data: at least one input and one (desirable) output are needed");
  check_block(t, t.x, t.input_names, "input");
  check_block(t, t.y, t.output_names, "output");
  check_block(t, t.b, t.undesirable_names, "undesirable output");
  for (size_t u = 0; u < t.size(); ++u) {
    if (all_zero(t.x, u, t.inputs()))
      fail_keyed(ErrorCode::InvalidInput, "dea_zero_inputs", {{"unit", t.units[u]}},
                 "DEA data: unit '" + t.units[u] + "' has every input at zero, so no efficiency is defined for it");
    if (all_zero(t.y, u, t.outputs()))
      fail_keyed(ErrorCode::InvalidInput, "dea_zero_outputs", {{"unit", t.units[u]}},
                 "DEA data: unit '" + t.units[u] + "' has every output at zero, so no efficiency is defined for it");
  }
}

void check_panel(const Panel& p) {
  if (p.technologies.size() != p.periods.size() || p.periods.size() < 2)
    fail_keyed(ErrorCode::InvalidInput, "dea_too_few_periods", {},
               "DEA panel: a productivity index needs at least two periods");
  const Technology& first = p.technologies.front();
  for (size_t t = 0; t < p.periods.size(); ++t) {
    const Technology& tech = p.technologies[t];
    if (tech.units != first.units)
      fail_keyed(ErrorCode::InvalidInput, "dea_unbalanced_panel", {{"period", p.periods[t]}},
                 "DEA panel: period " + p.periods[t] +
                     " does not list the same units as the first period (the panel must be balanced)");
    if (tech.input_names != first.input_names || tech.output_names != first.output_names ||
        tech.undesirable_names != first.undesirable_names)
      fail(ErrorCode::Internal, "DEA panel: periods with different columns");
    check_technology(tech);
  }
}

}  // namespace xinzhi::dea
