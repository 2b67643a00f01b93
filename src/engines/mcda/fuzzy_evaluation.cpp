#include "engines/mcda/fuzzy_evaluation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "base/error.h"

namespace xinzhi::mcda {

FuzzyOperator fuzzy_operator_from(std::string_view name) {
  if (name == "max-min") return FuzzyOperator::MaxMin;
  if (name == "product-max") return FuzzyOperator::ProductMax;
  if (name == "weighted-sum") return FuzzyOperator::WeightedSum;
  invalid_input("operator is '" + std::string(name) + "', expected max-min, product-max or weighted-sum");
}

FuzzyEvaluation::FuzzyEvaluation(std::vector<double> weights, const Matrix& relation, FuzzyOperator op,
                                 std::vector<double> grade_scores)
    : a_(normalised_weights(weights, relation.rows)), r_(relation), op_(op), scores_(std::move(grade_scores)) {
  if (relation.cols == 0) invalid_input("the relation matrix has no grades");
  if (!scores_.empty() && scores_.size() != relation.cols)
    invalid_input(std::to_string(scores_.size()) + " grade scores given for " + std::to_string(relation.cols) + " grades");
  check_finite(relation, "relation");
  for (size_t i = 0; i < r_.rows; ++i)
    for (size_t j = 0; j < r_.cols; ++j)
      if (r_(i, j) < 0 || r_(i, j) > 1)
        invalid_input("relation row " + std::to_string(i + 1) + ", column " + std::to_string(j + 1) + " is " +
                      std::to_string(r_(i, j)) + ", a membership degree must be in [0, 1]");
}

void FuzzyEvaluation::run() {
  const size_t m = r_.rows, k = r_.cols;
  b_.assign(k, 0);
  for (size_t j = 0; j < k; ++j) {
    double b = 0;
    for (size_t i = 0; i < m; ++i) {
      switch (op_) {
        case FuzzyOperator::MaxMin: b = std::max(b, std::min(a_[i], r_(i, j))); break;
        case FuzzyOperator::ProductMax: b = std::max(b, a_[i] * r_(i, j)); break;
        case FuzzyOperator::WeightedSum: b += a_[i] * r_(i, j); break;
      }
    }
    b_[j] = op_ == FuzzyOperator::WeightedSum ? std::min(1.0, b) : b;
  }
  double total = 0;
  for (double b : b_) total += b;
  nb_ = b_;
  if (total > 0)
    for (double& b : nb_) b /= total;
  grade_ = static_cast<size_t>(std::max_element(b_.begin(), b_.end()) - b_.begin());
  score_ = std::numeric_limits<double>::quiet_NaN();
  if (!scores_.empty()) {
    score_ = 0;
    for (size_t j = 0; j < k; ++j) score_ += nb_[j] * scores_[j];
  }
  guard_.mark_finished();
}

}  // namespace xinzhi::mcda
