// PROMETHEE II (Brans & Vincke 1985): pairwise preference degrees per criterion, positive,
// negative and net outranking flows; the net flow ranks the alternatives completely.
#pragma once
#include <vector>

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

class Promethee {
 public:
  Promethee(const Matrix& x, std::vector<double> weights, std::vector<Direction> directions,
            std::vector<PreferenceFunction> functions = {});
  void run();
  const std::vector<double>& positive_flow() const { return plus_; }
  const std::vector<double>& negative_flow() const { return minus_; }
  const std::vector<double>& net_flow() const { return net_; }
  const std::vector<size_t>& rank() const { return rank_; }

 private:
  const Matrix& x_;
  std::vector<double> w_;
  std::vector<Direction> dir_;
  std::vector<PreferenceFunction> f_;
  std::vector<double> plus_, minus_, net_;
  std::vector<size_t> rank_;
};

}  // namespace xinzhi::mcda
