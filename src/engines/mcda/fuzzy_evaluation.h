// Fuzzy comprehensive evaluation (模糊综合评价, Wang Peizhuang 1983): a weight vector A over m
// factors composed with a membership relation R (m factors × k grades) into B = A ∘ R.
#pragma once
#include <span>
#include <string_view>
#include <vector>

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
  FuzzyEvaluation(std::vector<double> weights, const Matrix& relation, FuzzyOperator op,
                  std::vector<double> grade_scores = {});
  void run();
  const std::vector<double>& membership() const { return b_; }             // B as composed
  const std::vector<double>& normalised_membership() const { return nb_; }  // B / Σ B
  size_t grade() const { return grade_; }  // maximum membership, 0-based (first on ties)
  double score() const { return score_; }  // Σ nb_j · s_j, NaN without grade scores

 private:
  std::vector<double> a_;
  const Matrix& r_;
  FuzzyOperator op_;
  std::vector<double> scores_;
  std::vector<double> b_, nb_;
  size_t grade_ = 0;
  double score_ = 0;
};

}  // namespace xinzhi::mcda
