#include "engines/dea/envelopment.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "base/error.h"

namespace xinzhi::dea {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Mean over the reference units of one column; 1 when the column is all zero.
double column_scale(const std::vector<const Technology*>& reference, size_t column, size_t width,
                    const std::vector<double> Technology::*values) {
  double sum = 0;
  size_t count = 0;
  for (const Technology* t : reference) {
    const std::vector<double>& v = t->*values;
    for (size_t j = 0; j < t->size(); ++j) sum += v[j * width + column];
    count += t->size();
  }
  return count > 0 && sum > 0 ? sum / static_cast<double>(count) : 1.0;
}
}  // namespace

Envelopment::Envelopment(std::vector<const Technology*> reference) : reference_(std::move(reference)) {
  if (reference_.empty()) fail(ErrorCode::Internal, "Envelopment: no reference technology");
  const Technology& first = *reference_.front();
  m_ = first.inputs();
  s_ = first.outputs();
  k_ = first.undesirables();
  for (const Technology* t : reference_) n_ += t->size();
  auto gather = [&](size_t width, const std::vector<double> Technology::*values, std::vector<double>& scaled,
                    std::vector<double>& scales) {
    scales.resize(width);
    scaled.resize(width * n_);
    for (size_t c = 0; c < width; ++c) {
      scales[c] = column_scale(reference_, c, width, values);
      size_t j = 0;
      for (const Technology* t : reference_)
        for (size_t u = 0; u < t->size(); ++u) scaled[c * n_ + j++] = (t->*values)[u * width + c] / scales[c];
    }
  };
  gather(m_, &Technology::x, x_, sx_);
  gather(s_, &Technology::y, y_, sy_);
  gather(k_, &Technology::b, b_, sb_);
}

void Envelopment::add_returns_row(LinearProgram& lp, size_t lambda_offset, Returns returns, double total,
                                  size_t total_column) const {
  if (returns == Returns::Constant) return;
  std::vector<double> row(lp.columns, 0.0);
  for (size_t j = 0; j < n_; ++j) row[lambda_offset + j] = 1;
  double rhs = total;
  if (total_column != SIZE_MAX) {
    row[total_column] = -1;
    rhs = 0;
  }
  lp.add_row(row, returns == Returns::Variable ? RowSense::Equal : RowSense::LessEqual, rhs);
}

double Envelopment::radial(std::span<const double> x, std::span<const double> y, Returns returns,
                           Orientation orientation, RadialDetail* detail) {
  const bool input = orientation == Orientation::Input;
  // Stage 1, columns [score, λ₁ … λₙ]: min θ, or min −φ.
  LinearProgram lp(1 + n_);
  lp.objective[0] = input ? 1.0 : -1.0;
  std::vector<double> row(1 + n_);
  for (size_t i = 0; i < m_; ++i) {
    const double xo = x[i] / sx_[i];
    row[0] = input ? -xo : 0.0;
    std::copy_n(&x_[i * n_], n_, row.begin() + 1);
    lp.add_row(row, RowSense::LessEqual, input ? 0.0 : xo);
  }
  for (size_t r = 0; r < s_; ++r) {
    const double yo = y[r] / sy_[r];
    row[0] = input ? 0.0 : -yo;
    std::copy_n(&y_[r * n_], n_, row.begin() + 1);
    lp.add_row(row, RowSense::GreaterEqual, input ? yo : 0.0);
  }
  add_returns_row(lp, 1, returns);
  const LpSolution first = simplex_.solve(lp);
  if (first.status != LpStatus::Optimal) return kNaN;
  const double level = first.x[0];  // θ or φ
  if (!(level > 0)) return kNaN;
  const double score = input ? level : 1.0 / level;
  if (!detail) return score;

  // Stage 2, columns [λ, s⁻, s⁺]: the largest sum of slacks (in the data's units) at that level.
  const size_t width = n_ + m_ + s_;
  LinearProgram slack(width);
  for (size_t i = 0; i < m_; ++i) slack.objective[n_ + i] = -sx_[i];
  for (size_t r = 0; r < s_; ++r) slack.objective[n_ + m_ + r] = -sy_[r];
  std::vector<double> srow(width);
  for (size_t i = 0; i < m_; ++i) {
    std::fill(srow.begin(), srow.end(), 0.0);
    std::copy_n(&x_[i * n_], n_, srow.begin());
    srow[n_ + i] = 1;
    slack.add_row(srow, RowSense::Equal, (input ? level : 1.0) * x[i] / sx_[i]);
  }
  for (size_t r = 0; r < s_; ++r) {
    std::fill(srow.begin(), srow.end(), 0.0);
    std::copy_n(&y_[r * n_], n_, srow.begin());
    srow[n_ + m_ + r] = -1;
    slack.add_row(srow, RowSense::Equal, (input ? 1.0 : level) * y[r] / sy_[r]);
  }
  add_returns_row(slack, 0, returns);
  LpSolution second = simplex_.solve(slack);
  if (second.status != LpStatus::Optimal) {
    // Rounding in stage 1 can leave stage 2 a hair infeasible: keep stage 1's λ, no slacks.
    detail->lambda.assign(first.x.begin() + 1, first.x.end());
    detail->input_slack.assign(m_, 0.0);
    detail->output_slack.assign(s_, 0.0);
    return score;
  }
  detail->lambda.assign(second.x.begin(), second.x.begin() + static_cast<std::ptrdiff_t>(n_));
  detail->input_slack.resize(m_);
  detail->output_slack.resize(s_);
  // Slacks below the simplex's tolerance are its rounding, not slack.
  auto clean = [](double v, double scale) { return v > 1e-9 ? v * scale : 0.0; };
  for (size_t i = 0; i < m_; ++i) detail->input_slack[i] = clean(second.x[n_ + i], sx_[i]);
  for (size_t r = 0; r < s_; ++r) detail->output_slack[r] = clean(second.x[n_ + m_ + r], sy_[r]);
  return score;
}

double Envelopment::directional(std::span<const double> x, std::span<const double> y, std::span<const double> b,
                                Returns returns) {
  // Columns [β⁺, β⁻, λ] with β = β⁺ − β⁻ free: against another period's frontier a unit may
  // lie beyond it (β < 0). max β.
  LinearProgram lp(2 + n_);
  lp.objective[0] = -1;
  lp.objective[1] = 1;
  std::vector<double> row(2 + n_);
  auto add = [&](double beta, const double* reference, RowSense sense, double rhs) {
    row[0] = beta;
    row[1] = -beta;
    std::copy_n(reference, n_, row.begin() + 2);
    lp.add_row(row, sense, rhs);
  };
  for (size_t i = 0; i < m_; ++i) add(0.0, &x_[i * n_], RowSense::LessEqual, x[i] / sx_[i]);
  for (size_t r = 0; r < s_; ++r) add(-y[r] / sy_[r], &y_[r * n_], RowSense::GreaterEqual, y[r] / sy_[r]);
  for (size_t k = 0; k < k_; ++k) add(b[k] / sb_[k], &b_[k * n_], RowSense::Equal, b[k] / sb_[k]);
  add_returns_row(lp, 2, returns);
  const LpSolution s = simplex_.solve(lp);
  return s.status == LpStatus::Optimal ? s.x[0] - s.x[1] : kNaN;
}

double Envelopment::sbm(std::span<const double> x, std::span<const double> y, std::span<const double> b,
                        Returns returns, SbmDetail* detail) {
  // Columns [t, Λ (n), S⁻ (m), Sᵍ (s), Sᵇ (k)]; every row an equality.
  const size_t in0 = 1 + n_, good0 = in0 + m_, bad0 = good0 + s_, width = bad0 + k_;
  size_t inputs_counted = 0, outputs_counted = 0;
  for (size_t i = 0; i < m_; ++i) inputs_counted += x[i] > 0;
  for (size_t r = 0; r < s_; ++r) outputs_counted += y[r] > 0;
  for (size_t k = 0; k < k_; ++k) outputs_counted += b[k] > 0;
  if (inputs_counted == 0 || outputs_counted == 0) return kNaN;
  LinearProgram lp(width);
  lp.objective[0] = 1;
  for (size_t i = 0; i < m_; ++i)
    if (x[i] > 0) lp.objective[in0 + i] = -1.0 / (static_cast<double>(inputs_counted) * (x[i] / sx_[i]));
  std::vector<double> row(width, 0.0);
  // 1 = t + 1/(s₁+s₂) (Σ Sᵍ/y + Σ Sᵇ/b)
  row[0] = 1;
  for (size_t r = 0; r < s_; ++r)
    if (y[r] > 0) row[good0 + r] = 1.0 / (static_cast<double>(outputs_counted) * (y[r] / sy_[r]));
  for (size_t k = 0; k < k_; ++k)
    if (b[k] > 0) row[bad0 + k] = 1.0 / (static_cast<double>(outputs_counted) * (b[k] / sb_[k]));
  lp.add_row(row, RowSense::Equal, 1.0);
  auto block = [&](size_t count, const std::vector<double>& ref, std::span<const double> own,
                   const std::vector<double>& scale, size_t slack0, double slack_sign) {
    for (size_t c = 0; c < count; ++c) {
      std::fill(row.begin(), row.end(), 0.0);
      row[0] = own[c] / scale[c];
      for (size_t j = 0; j < n_; ++j) row[1 + j] = -ref[c * n_ + j];
      row[slack0 + c] = slack_sign;
      lp.add_row(row, RowSense::Equal, 0.0);
    }
  };
  block(m_, x_, x, sx_, in0, -1.0);    // x t = XΛ + S⁻
  block(s_, y_, y, sy_, good0, 1.0);   // y t = YΛ − Sᵍ
  block(k_, b_, b, sb_, bad0, -1.0);   // b t = BΛ + Sᵇ
  add_returns_row(lp, 1, returns, 1.0, 0);
  const LpSolution s = simplex_.solve(lp);
  if (s.status != LpStatus::Optimal || !(s.x[0] > 0)) return kNaN;
  if (detail) {
    const double t = s.x[0];
    detail->lambda.resize(n_);
    for (size_t j = 0; j < n_; ++j) detail->lambda[j] = s.x[1 + j] / t;
    auto unscale = [&](size_t count, size_t slack0, const std::vector<double>& scale, std::vector<double>& out) {
      out.resize(count);
      for (size_t c = 0; c < count; ++c) out[c] = s.x[slack0 + c] / t * scale[c];
    };
    unscale(m_, in0, sx_, detail->input_slack);
    unscale(s_, good0, sy_, detail->output_slack);
    unscale(k_, bad0, sb_, detail->undesirable_slack);
  }
  return s.objective;
}

}  // namespace xinzhi::dea
