#include "engines/io/leontief.h"

#include <Eigen/Dense>
#include <cmath>
#include <numeric>

#include "base/error.h"

namespace xinzhi::io {

namespace {
using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

std::string fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

// Each entry divided by the mean of all entries (the normalisation of Rasmussen's indices).
std::vector<double> over_mean(std::vector<double> v) {
  double mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  for (auto& x : v) x /= mean;
  return v;
}
}  // namespace

LeontiefModel::LeontiefModel(std::vector<std::string> sectors, std::vector<double> transactions,
                             std::vector<double> total_output)
    : sectors_(std::move(sectors)), z_(std::move(transactions)), x_(std::move(total_output)) {
  const size_t n = sectors_.size();
  if (n == 0) invalid_input("an input–output table needs at least one sector");
  if (z_.size() != n * n)
    invalid_input("the transactions hold " + std::to_string(z_.size()) + " values, expected " +
                  std::to_string(n) + " × " + std::to_string(n));
  if (x_.size() != n)
    invalid_input("total output holds " + std::to_string(x_.size()) + " values, expected " + std::to_string(n));
  for (size_t j = 0; j < n; ++j)
    if (!std::isfinite(x_[j]) || x_[j] <= 0)
      fail_keyed(ErrorCode::InvalidInput, "io_output_not_positive", {{"sector", sectors_[j]}, {"value", fixed(x_[j])}},
                 "sector '" + sectors_[j] + "' has total output " + fixed(x_[j]) +
                     "; every sector needs a positive output (drop sectors that produce nothing)");
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) {
      double v = z_[i * n + j];
      if (!std::isfinite(v) || v < 0)
        fail_keyed(ErrorCode::InvalidInput, "io_transaction_invalid",
                   {{"from", sectors_[i]}, {"to", sectors_[j]}, {"value", fixed(v)}},
                   "the transaction from '" + sectors_[i] + "' to '" + sectors_[j] + "' is " + fixed(v) +
                       ", expected a finite number ≥ 0");
    }
}

void LeontiefModel::run() {
  const size_t n = sectors_.size();
  a_.assign(n * n, 0);
  for (size_t j = 0; j < n; ++j) {
    double inputs = 0;
    for (size_t i = 0; i < n; ++i) inputs += (a_[i * n + j] = z_[i * n + j] / x_[j]);
    if (inputs >= 1)
      fail_keyed(ErrorCode::InvalidInput, "io_not_productive", {{"sector", sectors_[j]}, {"share", fixed(inputs)}},
                 "the intermediate inputs of sector '" + sectors_[j] + "' are " + fixed(inputs) +
                     " of its output (≥ 1): the table is not productive; is the output row the right one?");
  }
  // Every column of A sums below 1, so I − A is strictly diagonally dominant by columns and
  // LU with partial pivoting (Eigen's, blocked) inverts it stably.
  Eigen::Map<const RowMajor> a(a_.data(), static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
  RowMajor l = (RowMajor::Identity(a.rows(), a.cols()) - a).partialPivLu().inverse();
  l_.assign(l.data(), l.data() + n * n);

  multipliers_.assign(n, 0);
  std::vector<double> ghosh_rows(n, 0);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) {
      double v = l_[i * n + j];
      multipliers_[j] += v;
      ghosh_rows[i] += v * x_[j] / x_[i];  // G_ij = L_ij x_j / x_i
    }
  backward_ = over_mean(multipliers_);
  forward_ = over_mean(std::move(ghosh_rows));
  guard_.mark_finished();
}

const std::vector<double>& LeontiefModel::coefficients() const {
  guard_.assure_finished("LeontiefModel");
  return a_;
}
const std::vector<double>& LeontiefModel::leontief_inverse() const {
  guard_.assure_finished("LeontiefModel");
  return l_;
}
const std::vector<double>& LeontiefModel::output_multipliers() const {
  guard_.assure_finished("LeontiefModel");
  return multipliers_;
}
const std::vector<double>& LeontiefModel::backward_linkages() const {
  guard_.assure_finished("LeontiefModel");
  return backward_;
}
const std::vector<double>& LeontiefModel::forward_linkages() const {
  guard_.assure_finished("LeontiefModel");
  return forward_;
}

}  // namespace xinzhi::io
