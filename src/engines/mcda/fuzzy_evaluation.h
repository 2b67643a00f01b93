// Fuzzy comprehensive evaluation (模糊综合评价, Wang Peizhuang 1983): a weight vector A over m
// factors composed with a membership relation R (m factors × k grades) into B = A ∘ R.
#pragma once
#include <span>
#include <string_view>
#include <vector>

#include "base/run_guard.h"
#include "engines/mcda/matrix.h"

namespace xinzhi::mcda {

enum class FuzzyOperator {
  MaxMin,      // M(∧,∨): b_j = max_i min(a_i, r_ij) — the main factor decides
  ProductMax,  // M(·,∨): b_j = max_i a_i · r_ij
  WeightedSum, // M(·,+): b_j = min(1, Σ_i a_i · r_ij) — every factor counts
};
FuzzyOperator fuzzy_operator_from(std::string_view name);  // "max-min", "product-max", "weighted-sum"

class FuzzyEvaluation {
 public:
  // `grade_scores` (one per grade, e.g. 90, 75, 60, 40) turns B into a weighted score.
  // InvalidInput on weights or scores of the wrong size or memberships outside [0, 1]; the
  // getters need run() first (Internal otherwise).
  FuzzyEvaluation(std::vector<double> weights, const Matrix& relation, FuzzyOperator op,
                  std::vector<double> grade_scores = {});
  void run();
  const std::vector<double>& membership() const {  // B as composed
    guard_.assure_finished("FuzzyEvaluation");
    return b_;
  }
  const std::vector<double>& normalised_membership() const {  // B / Σ B
    guard_.assure_finished("FuzzyEvaluation");
    return nb_;
  }
  size_t grade() const {  // maximum membership, 0-based (first on ties)
    guard_.assure_finished("FuzzyEvaluation");
    return grade_;
  }
  double score() const {  // Σ nb_j · s_j, NaN without grade scores
    guard_.assure_finished("FuzzyEvaluation");
    return score_;
  }

 private:
  std::vector<double> a_;
  const Matrix& r_;
  FuzzyOperator op_;
  std::vector<double> scores_;
  std::vector<double> b_, nb_;
  size_t grade_ = 0;
  double score_ = 0;
  RunGuard guard_;
};

}  // namespace xinzhi::mcda
