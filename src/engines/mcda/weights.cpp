#include "engines/mcda/weights.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "base/error.h"

namespace xinzhi::mcda {

namespace {
// Column sums Σ x and Σ x ln x in one pass over the rows, in parallel: with S = Σ x,
// −Σ p ln p = ln S − (Σ x ln x) / S, so p need never be formed.
struct ColumnSums {
  std::vector<double> sum, xlogx;
  size_t bad = 0;  // cells that are negative, NaN or infinite
};

ColumnSums column_sums(const Matrix& x) {
  const size_t n = x.cols;
  auto body = [&](const tbb::blocked_range<size_t>& rows, ColumnSums acc) {
    for (size_t r = rows.begin(); r != rows.end(); ++r) {
      const double* row = x.values.data() + r * n;
      for (size_t j = 0; j < n; ++j) {
        double v = row[j];
        acc.bad += !(v >= 0 && v < std::numeric_limits<double>::infinity());
        acc.sum[j] += v;
        if (v > 0) acc.xlogx[j] += v * std::log(v);
      }
    }
    return acc;
  };
  auto join = [](ColumnSums a, const ColumnSums& b) {
    for (size_t j = 0; j < a.sum.size(); ++j) a.sum[j] += b.sum[j], a.xlogx[j] += b.xlogx[j];
    a.bad += b.bad;
    return a;
  };
  ColumnSums zero{std::vector<double>(n, 0), std::vector<double>(n, 0), 0};
  return tbb::parallel_reduce(tbb::blocked_range<size_t>(0, x.rows, 4096), zero, body, join);
}
}  // namespace

void EntropyWeights::run() {
  if (x_.rows < 2) invalid_input("entropy weights need at least 2 alternatives");
  if (x_.cols == 0) invalid_input("entropy weights need at least 1 criterion");
  const size_t n = x_.cols;
  auto sums = column_sums(x_);
  if (sums.bad) {  // counted in the parallel pass; only now look for the first one, to name it
    check_finite(x_, "matrix");
    for (size_t i = 0; i < x_.values.size(); ++i)
      if (x_.values[i] < 0)
        invalid_input("matrix row " + std::to_string(i / x_.cols + 1) + ", column " + std::to_string(i % x_.cols + 1) +
                      " is negative; entropy weights need values ≥ 0 (normalise the column first)");
  }
  const double ln_m = std::log(static_cast<double>(x_.rows));
  entropies_.assign(n, 1.0);
  double total = 0;
  for (size_t j = 0; j < n; ++j) {
    if (sums.sum[j] > 0) entropies_[j] = std::min(1.0, (std::log(sums.sum[j]) - sums.xlogx[j] / sums.sum[j]) / ln_m);
    total += 1 - entropies_[j];
  }
  weights_.assign(n, 1.0 / n);
  // Below this no column tells the alternatives apart (they are constant up to rounding).
  if (total > 1e-12)
    for (size_t j = 0; j < n; ++j) weights_[j] = (1 - entropies_[j]) / total;
  guard_.mark_finished();
}

void CriticWeights::run() {
  const size_t m = x_.rows, n = x_.cols;
  if (m < 2) invalid_input("CRITIC weights need at least 2 alternatives");
  if (n == 0) invalid_input("CRITIC weights need at least 1 criterion");
  if (directions_.empty()) directions_.assign(n, Direction::Benefit);
  if (directions_.size() != n)
    invalid_input(std::to_string(directions_.size()) + " criterion types for " + std::to_string(n) + " columns");
  check_finite(x_, "matrix");
  // Normalised columns, column by column.
  std::vector<double> z(m * n);
  std::vector<bool> varies(n, false);
  for (size_t j = 0; j < n; ++j) {
    double lo = x_(0, j), hi = x_(0, j);
    for (size_t i = 1; i < m; ++i) lo = std::min(lo, x_(i, j)), hi = std::max(hi, x_(i, j));
    varies[j] = hi - lo > 1e-12 * std::max(1.0, std::fabs(hi));
    for (size_t i = 0; i < m; ++i) {
      const double v = varies[j] ? (x_(i, j) - lo) / (hi - lo) : 0.0;
      z[j * m + i] = directions_[j] == Direction::Cost ? 1.0 - v : v;
    }
  }
  std::vector<double> mean(n, 0.0);
  sigma_.assign(n, 0.0);
  for (size_t j = 0; j < n; ++j) {
    for (size_t i = 0; i < m; ++i) mean[j] += z[j * m + i];
    mean[j] /= static_cast<double>(m);
    double ss = 0;
    for (size_t i = 0; i < m; ++i) ss += (z[j * m + i] - mean[j]) * (z[j * m + i] - mean[j]);
    // Sample standard deviation (n − 1), as Diakoulaki et al. and most software; the weights
    // do not depend on the choice, it cancels in the normalisation.
    sigma_[j] = varies[j] ? std::sqrt(ss / static_cast<double>(m - 1)) : 0.0;
  }
  information_.assign(n, 0.0);
  double total = 0;
  for (size_t j = 0; j < n; ++j) {
    if (!varies[j]) continue;
    double conflict = 0;
    for (size_t k = 0; k < n; ++k) {
      if (k == j || !varies[k]) continue;
      double cov = 0;
      for (size_t i = 0; i < m; ++i) cov += (z[j * m + i] - mean[j]) * (z[k * m + i] - mean[k]);
      const double r = cov / static_cast<double>(m - 1) / (sigma_[j] * sigma_[k]);
      conflict += 1 - r;
    }
    information_[j] = sigma_[j] * conflict;
    total += information_[j];
  }
  // Without information (no column varies) the weights are equal; a varying column alone, or
  // varying columns all perfectly correlated (no conflict), share the weight equally; constant
  // columns get none whenever any column varies.
  const size_t varying = static_cast<size_t>(std::count(varies.begin(), varies.end(), true));
  weights_.assign(n, 1.0 / static_cast<double>(n));
  if (total > 1e-12) {
    for (size_t j = 0; j < n; ++j) weights_[j] = information_[j] / total;
  } else if (varying > 0) {
    for (size_t j = 0; j < n; ++j) weights_[j] = varies[j] ? 1.0 / static_cast<double>(varying) : 0.0;
  }
  guard_.mark_finished();
}

std::vector<double> combined_weights(std::span<const double> subjective, std::span<const double> objective, double alpha) {
  if (subjective.size() != objective.size())
    invalid_input(std::to_string(subjective.size()) + " subjective weights but " + std::to_string(objective.size()) +
                  " objective ones");
  auto s = normalised_weights(subjective, subjective.size());
  auto o = normalised_weights(objective, objective.size());
  std::vector<double> out(s.size());
  if (alpha >= 0) {
    if (alpha > 1) invalid_input("alpha must be in [0, 1]");
    for (size_t j = 0; j < s.size(); ++j) out[j] = alpha * s[j] + (1 - alpha) * o[j];
    return out;
  }
  for (size_t j = 0; j < s.size(); ++j) out[j] = s[j] * o[j];
  return normalised_weights(out, out.size());
}

}  // namespace xinzhi::mcda
