// A dense row-major matrix of doubles: decision matrices (alternatives × criteria), pairwise
// comparison matrices and fuzzy relation matrices all travel as this.
#pragma once
#include <cstddef>
#include <span>
#include <vector>

namespace xinzhi::mcda {

struct Matrix {
  size_t rows = 0, cols = 0;
  std::vector<double> values;  // rows × cols, row by row

  Matrix() = default;
  Matrix(size_t r, size_t c, double fill = 0) : rows(r), cols(c), values(r * c, fill) {}
  double& operator()(size_t r, size_t c) { return values[r * cols + c]; }
  double operator()(size_t r, size_t c) const { return values[r * cols + c]; }
  std::span<const double> row(size_t r) const { return {values.data() + r * cols, cols}; }
};

// Criterion direction: more is better (benefit) or less is better (cost).
enum class Direction { Benefit, Cost };

// InvalidInput unless the weights are as many as the columns, finite, non-negative and not
// all zero; returns them scaled to sum to 1.
std::vector<double> normalised_weights(std::span<const double> weights, size_t columns);
// InvalidInput naming the first cell (1-based row and column) that is NaN or infinite.
void check_finite(const Matrix& m, const char* what);

}  // namespace xinzhi::mcda
