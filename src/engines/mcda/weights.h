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

// CRITIC weights (Diakoulaki, Mavrotas & Papayannakis 1995, Computers & Operations Research
// 22:763–770): each column min-max normalised (reversed for a cost criterion), its contrast
// σ_j (standard deviation) and its conflict Σ_k (1 − r_jk) with the others (Pearson r), so
// C_j = σ_j Σ_k (1 − r_jk) and w_j = C_j / Σ C. A column with no variance carries no
// information: weight 0, and it is left out of the others' conflict sums (as if absent, so
// adding a constant column changes no weight); when no column varies the weights are equal, and
// varying columns without conflict (one alone, or all perfectly correlated) share equally.
// Needs at least 2 rows; every value finite (InvalidInput naming the cell).
class CriticWeights {
 public:
  CriticWeights(const Matrix& x, std::vector<Direction> directions) : x_(x), directions_(std::move(directions)) {}
  void run();
  const std::vector<double>& weights() const {
    guard_.assure_finished("CriticWeights");
    return weights_;
  }
  const std::vector<double>& contrasts() const {  // σ_j of the normalised column
    guard_.assure_finished("CriticWeights");
    return sigma_;
  }
  const std::vector<double>& information() const {  // C_j
    guard_.assure_finished("CriticWeights");
    return information_;
  }

 private:
  const Matrix& x_;
  std::vector<Direction> directions_;
  std::vector<double> weights_, sigma_, information_;
  RunGuard guard_;
};

// Combined weights w_j ∝ s_j · o_j (multiplicative, the usual AHP × entropy combination), or
// α s_j + (1 − α) o_j when alpha is given in [0, 1].
std::vector<double> combined_weights(std::span<const double> subjective, std::span<const double> objective,
                                     double alpha = -1);

}  // namespace xinzhi::mcda
