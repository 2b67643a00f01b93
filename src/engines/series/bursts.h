// Kleinberg burst detection, batched two-state form (Kleinberg 2002, §4), as CiteSpace uses it:
// per period r_t relevant items out of d_t documents; base rate p0 = Σr / Σd, burst rate
// p1 = s · p0 (capped below 1); state cost σ_i(t) = −ln[C(d_t, r_t) p_i^r_t (1 − p_i)^(d_t − r_t)];
// going up costs γ · ln n, going down nothing; the state sequence minimising the total cost
// is found exactly by Viterbi (not by a greedy choice per period).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "base/run_guard.h"

namespace xinzhi::series {

struct BurstInterval {
  size_t start, end;  // period indexes, inclusive
  double strength;    // Σ (σ0 − σ1) over the run
};

class KleinbergBursts {
 public:
  // The state before the first period is the base state. InvalidInput when the series differ
  // in length, a period has r > d, s ≤ 1 or γ < 0. The results are read after run() (Internal
  // before it).
  KleinbergBursts(std::vector<uint64_t> r, std::vector<uint64_t> d, double s = 2.0, double gamma = 1.0,
                  size_t min_duration = 1);
  void run();
  const std::vector<int>& states() const {  // 0 base, 1 burst, per period
    guard_.assure_finished("KleinbergBursts");
    return states_;
  }
  const std::vector<BurstInterval>& bursts() const {  // runs of at least min_duration
    guard_.assure_finished("KleinbergBursts");
    return bursts_;
  }
  double cost() const {  // of the optimal sequence
    guard_.assure_finished("KleinbergBursts");
    return cost_;
  }
  double p0() const {
    guard_.assure_finished("KleinbergBursts");
    return p0_;
  }
  double p1() const {
    guard_.assure_finished("KleinbergBursts");
    return p1_;
  }
  // The total cost of any state sequence (for tests and explanations), after run().
  double sequence_cost(const std::vector<int>& states) const;

 private:
  double sigma(int state, size_t t) const;
  std::vector<uint64_t> r_, d_;
  double s_, gamma_;
  size_t min_duration_;
  double p0_ = 0, p1_ = 0, cost_ = 0;
  double log_p0_ = 0, log_q0_ = 0, log_p1_ = 0, log_q1_ = 0;
  std::vector<double> log_choose_;
  std::vector<int> states_;
  std::vector<BurstInterval> bursts_;
  RunGuard guard_;
};

}  // namespace xinzhi::series
