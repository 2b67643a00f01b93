#include "engines/inequality/regional_gaps.h"

#include <cmath>

#include "base/error.h"
#include "base/text.h"

namespace xinzhi::inequality {

RegionalGaps::RegionalGaps(std::vector<std::string> regions, std::vector<double> values, std::vector<size_t> group,
                           std::vector<std::string> group_names)
    : regions_(std::move(regions)), y_(std::move(values)), group_(std::move(group)), group_names_(std::move(group_names)) {
  if (y_.size() != regions_.size() || group_.size() != regions_.size())
    fail(ErrorCode::Internal, "RegionalGaps: regions, values and groups differ in length");
  if (y_.size() < 2) fail_keyed(ErrorCode::InvalidInput, "gaps_too_few_regions", {}, "regional gaps need at least 2 regions");
  double sum = 0;
  for (size_t i = 0; i < y_.size(); ++i) {
    if (!std::isfinite(y_[i]) || y_[i] < 0)
      fail_keyed(ErrorCode::InvalidInput, "gaps_bad_value", {{"unit", regions_[i]}},
                 "regional gaps: the value of " + regions_[i] + " is " + text::number(y_[i]) +
                     "; Gini and Theil need values ≥ 0");
    if (group_[i] >= group_names_.size()) fail(ErrorCode::Internal, "RegionalGaps: a group index out of range");
    sum += y_[i];
  }
  if (!(sum > 0)) fail_keyed(ErrorCode::InvalidInput, "gaps_zero_mean", {}, "regional gaps: every value is zero");
}

void RegionalGaps::run() {
  const size_t n = y_.size(), k = group_names_.size();
  std::vector<size_t> count(k, 0);
  group_mean_.assign(k, 0.0);
  double mu = 0;
  for (size_t i = 0; i < n; ++i) {
    ++count[group_[i]];
    group_mean_[group_[i]] += y_[i];
    mu += y_[i];
  }
  mu /= static_cast<double>(n);
  for (size_t j = 0; j < k; ++j) {
    if (count[j] == 0)
      fail_keyed(ErrorCode::InvalidInput, "gaps_empty_group", {{"group", group_names_[j]}},
                 "regional gaps: group " + group_names_[j] + " has no region");
    group_mean_[j] /= static_cast<double>(count[j]);
  }
  // Pairwise sums over groups: Σ|y − y'|, and the positive and negative parts of y_j − y_h.
  std::vector<double> absolute(k * k, 0.0), above(k * k, 0.0);
  double total_abs = 0;
  for (size_t a = 0; a < n; ++a) {
    for (size_t b = 0; b < n; ++b) {
      const double d = y_[a] - y_[b];
      absolute[group_[a] * k + group_[b]] += std::fabs(d);
      if (d > 0) above[group_[a] * k + group_[b]] += d;
      total_abs += std::fabs(d);
    }
  }
  const double nn = static_cast<double>(n);
  gini_ = total_abs / (2 * nn * nn * mu);
  pair_gini_.assign(k * k, 0.0);
  group_gini_.assign(k, 0.0);
  std::vector<double> p(k), s(k);
  for (size_t j = 0; j < k; ++j) {
    const double nj = static_cast<double>(count[j]);
    p[j] = nj / nn;
    s[j] = nj * group_mean_[j] / (nn * mu);
    group_gini_[j] = group_mean_[j] > 0 ? absolute[j * k + j] / (2 * nj * nj * group_mean_[j]) : 0.0;
    pair_gini_[j * k + j] = group_gini_[j];
  }
  within_ = between_ = transvariation_ = 0;
  for (size_t j = 0; j < k; ++j) within_ += group_gini_[j] * p[j] * s[j];
  for (size_t j = 0; j < k; ++j) {
    for (size_t h = 0; h < j; ++h) {
      const double nj = static_cast<double>(count[j]), nh = static_cast<double>(count[h]);
      const double means = group_mean_[j] + group_mean_[h];
      const double g = means > 0 ? absolute[j * k + h] / (nj * nh * means) : 0.0;
      pair_gini_[j * k + h] = pair_gini_[h * k + j] = g;
      // d: the richer group's excess over the other, p: the reverse (Dagum's economic
      // distance and first-order transvariation), both as sums over the pairs.
      const bool j_richer = group_mean_[j] >= group_mean_[h];
      const double d = j_richer ? above[j * k + h] : above[h * k + j];
      const double q = j_richer ? above[h * k + j] : above[j * k + h];
      const double relative = d + q > 0 ? (d - q) / (d + q) : 0.0;
      const double weight = g * (p[j] * s[h] + p[h] * s[j]);
      between_ += weight * relative;
      transvariation_ += weight * (1 - relative);
    }
  }
  // Theil T and its split.
  auto ylny = [](double r) { return r > 0 ? r * std::log(r) : 0.0; };
  theil_ = 0;
  std::vector<double> group_theil(k, 0.0);
  for (size_t i = 0; i < n; ++i) {
    theil_ += ylny(y_[i] / mu);
    if (group_mean_[group_[i]] > 0) group_theil[group_[i]] += ylny(y_[i] / group_mean_[group_[i]]);
  }
  theil_ /= nn;
  theil_within_ = theil_between_ = 0;
  for (size_t j = 0; j < k; ++j) {
    group_theil[j] /= static_cast<double>(count[j]);
    theil_within_ += s[j] * group_theil[j];
    if (group_mean_[j] > 0) theil_between_ += s[j] * std::log(group_mean_[j] / mu);
  }
  guard_.mark_finished();
}

#define XINZHI_GAPS_GETTER(type, name, member) \
  type RegionalGaps::name() const {            \
    guard_.assure_finished("RegionalGaps");    \
    return member;                             \
  }
XINZHI_GAPS_GETTER(double, gini, gini_)
XINZHI_GAPS_GETTER(double, within, within_)
XINZHI_GAPS_GETTER(double, between, between_)
XINZHI_GAPS_GETTER(double, transvariation, transvariation_)
XINZHI_GAPS_GETTER(const std::vector<double>&, group_gini, group_gini_)
XINZHI_GAPS_GETTER(const std::vector<double>&, pair_gini, pair_gini_)
XINZHI_GAPS_GETTER(const std::vector<double>&, group_mean, group_mean_)
XINZHI_GAPS_GETTER(double, theil, theil_)
XINZHI_GAPS_GETTER(double, theil_within, theil_within_)
XINZHI_GAPS_GETTER(double, theil_between, theil_between_)
#undef XINZHI_GAPS_GETTER

}  // namespace xinzhi::inequality
