#include "engines/series/bursts.h"

#include <array>
#include <cmath>
#include <math.h>  // lgamma_r (POSIX/GNU)
#include <limits>
#include <string>

#include "base/error.h"

namespace xinzhi::series {

namespace {
// lgamma() writes the global signgam, a data race when fields' bursts run in parallel
// (ThreadSanitizer found it); lgamma_r returns the sign instead. Our arguments are ≥ 1.
double log_gamma(double x) {
  int sign = 0;
  return ::lgamma_r(x, &sign);
}
}  // namespace

KleinbergBursts::KleinbergBursts(std::vector<uint64_t> r, std::vector<uint64_t> d, double s, double gamma,
                                 size_t min_duration)
    : r_(std::move(r)), d_(std::move(d)), s_(s), gamma_(gamma), min_duration_(min_duration) {
  if (r_.size() != d_.size()) invalid_input("r and d must have one value per period");
  for (size_t t = 0; t < r_.size(); ++t)
    if (r_[t] > d_[t]) invalid_input("period " + std::to_string(t) + " has more items than documents");
  if (!(s_ > 1)) invalid_input("s must be greater than 1");
  if (!(gamma_ >= 0)) invalid_input("gamma must not be negative");
}

double KleinbergBursts::sigma(int state, size_t t) const {
  double r = static_cast<double>(r_[t]), d = static_cast<double>(d_[t]);
  // −ln[C(d, r) p^r (1 − p)^(d − r)], with ln C(d, r) taken from log_choose_ (the same in both
  // states; kept so that costs read as Kleinberg's) and the logarithms of p from run().
  double ll = log_choose_[t];
  if (r > 0) ll += r * (state ? log_p1_ : log_p0_);
  if (d - r > 0) ll += (d - r) * (state ? log_q1_ : log_q0_);
  return -ll;
}

double KleinbergBursts::sequence_cost(const std::vector<int>& states) const {
  guard_.assure_finished("KleinbergBursts");  // the logarithms come from run()
  const size_t n = r_.size();
  double up = gamma_ * std::log(static_cast<double>(n));
  double total = 0;
  int previous = 0;
  for (size_t t = 0; t < n; ++t) {
    total += sigma(states[t], t) + (states[t] > previous ? up : 0);
    previous = states[t];
  }
  return total;
}

void KleinbergBursts::run() {
  const size_t n = r_.size();
  states_.assign(n, 0);
  bursts_.clear();
  cost_ = 0;
  uint64_t sum_r = 0, sum_d = 0;
  for (size_t t = 0; t < n; ++t) sum_r += r_[t], sum_d += d_[t];
  p0_ = sum_d ? static_cast<double>(sum_r) / sum_d : 0;
  p1_ = std::min(s_ * p0_, 0.9999);
  // Logarithms once per series, ln C(d, r) once per period: a heat map runs this for every
  // field, and lgamma dominated when each cost recomputed them.
  log_p0_ = std::log(p0_), log_q0_ = std::log1p(-p0_), log_p1_ = std::log(p1_), log_q1_ = std::log1p(-p1_);
  log_choose_.resize(n);
  for (size_t t = 0; t < n; ++t) {
    double r = static_cast<double>(r_[t]), d = static_cast<double>(d_[t]);
    log_choose_[t] = log_gamma(d + 1) - log_gamma(r + 1) - log_gamma(d - r + 1);
  }
  // Nothing can burst when nothing happens, or when every document is an item.
  if (n == 0 || sum_r == 0 || p1_ <= p0_) {
    for (size_t t = 0; t < n; ++t) cost_ += p0_ > 0 && p0_ < 1 ? sigma(0, t) : 0;
    guard_.mark_finished();
    return;
  }
  // Viterbi over two states; the state before period 0 is the base state.
  const double up = gamma_ * std::log(static_cast<double>(n));
  std::vector<std::array<int, 2>> from(n);
  double best[2] = {0, std::numeric_limits<double>::infinity()};
  for (size_t t = 0; t < n; ++t) {
    double next[2];
    for (int j = 0; j < 2; ++j) {
      double stay = best[j], move = best[1 - j] + (j == 1 ? up : 0);
      from[t][j] = stay <= move ? j : 1 - j;
      next[j] = std::min(stay, move) + sigma(j, t);
    }
    best[0] = next[0], best[1] = next[1];
  }
  int state = best[0] <= best[1] ? 0 : 1;
  cost_ = best[state];
  for (size_t t = n; t-- > 0;) {
    states_[t] = state;
    state = from[t][state];
  }
  for (size_t t = 0; t < n;) {
    if (states_[t] == 0) {
      ++t;
      continue;
    }
    size_t start = t;
    double strength = 0;
    for (; t < n && states_[t] == 1; ++t) strength += sigma(0, t) - sigma(1, t);
    if (t - start >= min_duration_) bursts_.push_back({start, t - 1, strength});
  }
  guard_.mark_finished();
}

}  // namespace xinzhi::series
