// PROMETHEE II (Brans & Vincke 1985): pairwise preference degrees per criterion, positive,
// negative and net outranking flows; the net flow ranks the alternatives completely.
#pragma once
#include <vector>

#include "base/run_guard.h"
#include "engines/mcda/matrix.h"

namespace xinzhi::mcda {

// The preference function of a criterion on the difference d of two alternatives.
struct PreferenceFunction {
  enum class Shape { Usual, UShape, VShape, Level, Linear, Gaussian } shape = Shape::Usual;
  double q = 0;  // indifference threshold (U, level, linear)
  double p = 0;  // strict preference threshold (V, level, linear)
  double s = 0;  // Gaussian inflection point
  double operator()(double d) const;
};

// InvalidInput on weights, types or functions of the wrong size, fewer than 2 or more than
// 5,000 alternatives, or (from run()) a cell that is not finite; the getters need run() first
// (Internal otherwise).
class Promethee {
 public:
  Promethee(const Matrix& x, std::vector<double> weights, std::vector<Direction> directions,
            std::vector<PreferenceFunction> functions = {});
  void run();
  const std::vector<double>& positive_flow() const {
    guard_.assure_finished("Promethee");
    return plus_;
  }
  const std::vector<double>& negative_flow() const {
    guard_.assure_finished("Promethee");
    return minus_;
  }
  const std::vector<double>& net_flow() const {
    guard_.assure_finished("Promethee");
    return net_;
  }
  const std::vector<size_t>& rank() const {
    guard_.assure_finished("Promethee");
    return rank_;
  }

 private:
  const Matrix& x_;
  std::vector<double> w_;
  std::vector<Direction> dir_;
  std::vector<PreferenceFunction> f_;
  std::vector<double> plus_, minus_, net_;
  std::vector<size_t> rank_;
  RunGuard guard_;
};

}  // namespace xinzhi::mcda
