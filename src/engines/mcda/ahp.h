// The Analytic Hierarchy Process (Saaty 1977, 1980): priority weights from a pairwise
// comparison matrix by the principal eigenvector (or the column-normalised approximation),
// λmax, the consistency index and ratio, and the judgements that spoil consistency most.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "base/run_guard.h"
#include "engines/mcda/matrix.h"

namespace xinzhi::mcda {

enum class AhpMethod { Eigenvector, ColumnNormalised };

// Random consistency indices RI(n) for n = 1, 2, 3 … (RI(1) = RI(2) = 0).
struct RandomIndexTable {
  std::string name, source;
  std::vector<double> ri;  // ri[n - 1]
};
// "classic" (Saaty 1980), "saaty2005" (Saaty 2005; Saaty & Vargas 2012), "alonso-lamata"
// (Alonso & Lamata 2006, 100,000 matrices); InvalidInput naming the known tables otherwise.
const RandomIndexTable& random_index_table(std::string_view name);
std::vector<std::string> random_index_table_names();

// One judgement a_ij set against what the weights imply (w_i / w_j).
struct Judgement {
  size_t row = 0, col = 0;
  double given = 0, implied = 0;
  double deviation = 0;  // max(a / implied, implied / a) ≥ 1: how many times off the judgement is
};

// InvalidInput naming row and column (1-based) unless the matrix is square, positive, with a
// unit diagonal and reciprocal (a_ij · a_ji = 1 within 1e-3, so that 0.333 stands for 1/3).
void check_pairwise(const Matrix& a);

// InvalidInput from the constructor as check_pairwise, or when the matrix is larger than the
// random index table; the getters need run() first (Internal otherwise).
class PairwiseComparison {
 public:
  explicit PairwiseComparison(Matrix a, AhpMethod method = AhpMethod::Eigenvector, std::string_view ri = "classic",
                              double threshold = 0.10);
  void run();
  const std::vector<double>& weights() const {
    guard_.assure_finished("PairwiseComparison");
    return weights_;
  }
  double lambda_max() const {
    guard_.assure_finished("PairwiseComparison");
    return lambda_max_;
  }
  double ci() const {
    guard_.assure_finished("PairwiseComparison");
    return ci_;
  }
  double ri() const {
    guard_.assure_finished("PairwiseComparison");
    return ri_;
  }
  double cr() const {  // 0 for n ≤ 2 (always consistent)
    guard_.assure_finished("PairwiseComparison");
    return cr_;
  }
  bool consistent() const {
    guard_.assure_finished("PairwiseComparison");
    return cr_ <= threshold_;
  }
  // The upper-triangle judgements ordered by deviation, largest first.
  std::vector<Judgement> worst_judgements(size_t k) const;
  size_t iterations() const {
    guard_.assure_finished("PairwiseComparison");
    return iterations_;
  }

 private:
  Matrix a_;
  AhpMethod method_;
  const RandomIndexTable& table_;
  double threshold_;
  std::vector<double> weights_;
  double lambda_max_ = 0, ci_ = 0, ri_ = 0, cr_ = 0;
  size_t iterations_ = 0;
  RunGuard guard_;
};

// Aggregation of individual judgements (AIJ): the element-wise geometric mean of several
// experts' matrices, optionally weighted; the result is again reciprocal.
Matrix geometric_mean(const std::vector<Matrix>& experts, const std::vector<double>& expert_weights = {});

}  // namespace xinzhi::mcda
