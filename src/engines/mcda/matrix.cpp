#include "engines/mcda/matrix.h"

#include <cmath>
#include <string>

#include "base/error.h"

namespace xinzhi::mcda {

std::vector<double> normalised_weights(std::span<const double> weights, size_t columns) {
  if (weights.size() != columns)
    invalid_input(std::to_string(weights.size()) + " weights given for " + std::to_string(columns) + " criteria");
  double sum = 0;
  for (size_t j = 0; j < weights.size(); ++j) {
    if (!std::isfinite(weights[j]) || weights[j] < 0)
      invalid_input("weight " + std::to_string(j + 1) + " is " + std::to_string(weights[j]) + ", expected a number ≥ 0");
    sum += weights[j];
  }
  if (sum <= 0) invalid_input("the weights are all zero");
  std::vector<double> out(weights.begin(), weights.end());
  for (double& w : out) w /= sum;
  return out;
}

void check_finite(const Matrix& m, const char* what) {
  for (size_t r = 0; r < m.rows; ++r)
    for (size_t c = 0; c < m.cols; ++c)
      if (!std::isfinite(m(r, c)))
        invalid_input(std::string(what) + " row " + std::to_string(r + 1) + ", column " + std::to_string(c + 1) +
                      " is not a finite number");
}

}  // namespace xinzhi::mcda
