#include "engines/mcda/promethee.h"

#include <cmath>
#include <string>

#include "base/error.h"
#include "engines/mcda/topsis.h"

namespace xinzhi::mcda {

double PreferenceFunction::operator()(double d) const {
  using enum Shape;
  if (d <= 0) return 0;
  switch (shape) {
    case Usual: return 1;
    case UShape: return d > q ? 1 : 0;
    case VShape: return p > 0 ? std::min(1.0, d / p) : 1;
    case Level: return d > p ? 1 : d > q ? 0.5 : 0;
    case Linear: return d > p ? 1 : d > q ? (p > q ? (d - q) / (p - q) : 1) : 0;
    case Gaussian: return s > 0 ? 1 - std::exp(-d * d / (2 * s * s)) : 1;
  }
  return 0;
}

Promethee::Promethee(const Matrix& x, std::vector<double> weights, std::vector<Direction> directions,
                     std::vector<PreferenceFunction> functions)
    : x_(x), w_(normalised_weights(weights, x.cols)), dir_(std::move(directions)), f_(std::move(functions)) {
  if (dir_.size() != x.cols)
    invalid_input(std::to_string(dir_.size()) + " criterion types given for " + std::to_string(x.cols) + " criteria");
  if (f_.empty()) f_.assign(x.cols, PreferenceFunction{});
  if (f_.size() != x.cols)
    invalid_input(std::to_string(f_.size()) + " preference functions given for " + std::to_string(x.cols) + " criteria");
  if (x.rows < 2) invalid_input("PROMETHEE needs at least 2 alternatives");
  // m² / 2 pairs × criteria: 5,000 alternatives is about a second; more would look like a hang.
  if (x.rows > 5000) invalid_input("PROMETHEE compares every pair: at most 5,000 alternatives, not " + std::to_string(x.rows));
}

void Promethee::run() {
  check_finite(x_, "matrix");
  const size_t m = x_.rows, n = x_.cols;
  plus_.assign(m, 0);
  minus_.assign(m, 0);
  for (size_t a = 0; a < m; ++a)
    for (size_t b = a + 1; b < m; ++b) {
      double ab = 0, ba = 0;  // π(a, b) and π(b, a)
      for (size_t j = 0; j < n; ++j) {
        double d = x_(a, j) - x_(b, j);
        if (dir_[j] == Direction::Cost) d = -d;
        ab += w_[j] * f_[j](d);
        ba += w_[j] * f_[j](-d);
      }
      plus_[a] += ab, minus_[b] += ab;
      plus_[b] += ba, minus_[a] += ba;
    }
  net_.assign(m, 0);
  for (size_t a = 0; a < m; ++a) {
    plus_[a] /= static_cast<double>(m - 1);
    minus_[a] /= static_cast<double>(m - 1);
    net_[a] = plus_[a] - minus_[a];
  }
  rank_ = ranks_descending(net_);
  guard_.mark_finished();
}

}  // namespace xinzhi::mcda
