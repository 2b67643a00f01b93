// Observed units (regions, firms) with their inputs and outputs: what every DEA model reads,
// for one period (Technology) or a balanced panel of periods (Panel).
#pragma once
#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace xinzhi::dea {

enum class Returns { Constant, Variable, NonIncreasing };
enum class Orientation { Input, Output };

struct Technology {
  std::vector<std::string> units;
  std::vector<std::string> input_names, output_names, undesirable_names;
  // units × inputs, units × outputs, units × undesirable outputs, row by row.
  std::vector<double> x, y, b;

  size_t size() const { return units.size(); }
  size_t inputs() const { return input_names.size(); }
  size_t outputs() const { return output_names.size(); }
  size_t undesirables() const { return undesirable_names.size(); }
  double input(size_t unit, size_t i) const { return x[unit * inputs() + i]; }
  double output(size_t unit, size_t r) const { return y[unit * outputs() + r]; }
  double undesirable(size_t unit, size_t k) const { return b[unit * undesirables() + k]; }
};

// One unit's row of a units × width block (x, y or b).
inline std::span<const double> row_of(const std::vector<double>& values, size_t unit, size_t width) {
  return {values.data() + unit * width, width};
}

// InvalidInput, naming the unit and the column, unless the sizes agree, every value is finite
// and in [0, 1e100], there is at least one unit, input and output, and no unit has all its inputs or all
// its outputs at zero (a radial score would be 0/0: DEA has no answer for it, so it is refused
// rather than given one).
void check_technology(const Technology& t);

// The same units observed in several periods, period by period in time order.
struct Panel {
  std::vector<std::string> periods;
  std::vector<Technology> technologies;  // one per period; the same units in the same order
};

// check_technology for every period, and InvalidInput naming the period when one lists other
// units (or in another order) than the first: Malmquist indices compare a unit with itself.
void check_panel(const Panel& p);

}  // namespace xinzhi::dea
