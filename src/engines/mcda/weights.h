// Objective weights from the data (Shannon entropy) and their combination with subjective
// (AHP) weights.
#pragma once
#include <span>
#include <vector>

#include "base/run_guard.h"
#include "engines/mcda/matrix.h"

namespace xinzhi::mcda {

// Entropy weights (Shannon 1948, as used for criteria weighting since Zeleny 1982):
// p_ij = x_ij / Σ_i x_ij, e_j = −Σ_i p_ij ln p_ij / ln m, w_j = (1 − e_j) / Σ_k (1 − e_k).
// Values must be ≥ 0 (InvalidInput naming the first negative cell: normalise first, e.g. min-max
// with directions); a zero contributes 0 · ln 0 = 0, its limit. A column of zeros or of one
// constant carries no information (e_j = 1, weight 0); when no column carries any, the
// weights are equal. Parallel over rows for large matrices. The getters need run() first
// (Internal otherwise).
class EntropyWeights {
 public:
  explicit EntropyWeights(const Matrix& x) : x_(x) {}
  void run();
  const std::vector<double>& weights() const {
    guard_.assure_finished("EntropyWeights");
    return weights_;
  }
  const std::vector<double>& entropies() const {
    guard_.assure_finished("EntropyWeights");
    return entropies_;
  }

 private:
  const Matrix& x_;
  std::vector<double> weights_, entropies_;
  RunGuard guard_;
};

// Combined weights w_j ∝ s_j · o_j (multiplicative, the usual AHP × entropy combination), or
// α s_j + (1 − α) o_j when alpha is given in [0, 1].
std::vector<double> combined_weights(std::span<const double> subjective, std::span<const double> objective,
                                     double alpha = -1);

}  // namespace xinzhi::mcda
