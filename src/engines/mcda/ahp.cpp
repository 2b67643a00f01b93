#include "engines/mcda/ahp.h"

#include <algorithm>
#include <cmath>

#include "base/error.h"

namespace xinzhi::mcda {

namespace {
// RI(n) for n = 1 … 15.
const std::vector<RandomIndexTable> kTables = {
    {"classic", "Saaty (1980), The Analytic Hierarchy Process (McGraw-Hill)",
     {0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59}},
    {"saaty2005", "Saaty (2005), Theory and Applications of the Analytic Network Process; Saaty & Vargas (2012)",
     {0, 0, 0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59}},
    {"alonso-lamata", "Alonso & Lamata (2006), Int. J. Uncertainty, Fuzziness and Knowledge-Based Systems 14:445, "
                      "100,000 random matrices",
     {0, 0, 0.5247, 0.8816, 1.1086, 1.2479, 1.3417, 1.4057, 1.4499, 1.4854, 1.5140, 1.5365, 1.5551, 1.5713, 1.5838}},
};
}  // namespace

const RandomIndexTable& random_index_table(std::string_view name) {
  for (const auto& t : kTables)
    if (t.name == name) return t;
  std::string names;
  for (const auto& t : kTables) names += (names.empty() ? "" : ", ") + t.name;
  invalid_input("random index table '" + std::string(name) + "' is unknown; expected " + names);
}

std::vector<std::string> random_index_table_names() {
  std::vector<std::string> out;
  for (const auto& t : kTables) out.push_back(t.name);
  return out;
}

namespace {
std::string num(double v) {
  char buf[32];
  snprintf(buf, sizeof buf, "%g", v);
  return buf;
}
}  // namespace

void check_pairwise(const Matrix& a) {
  if (a.rows != a.cols)
    invalid_input("a pairwise comparison matrix must be square; this one has " + std::to_string(a.rows) + " rows and " +
                  std::to_string(a.cols) + " columns");
  if (a.rows == 0) invalid_input("the pairwise comparison matrix is empty");
  auto cell = [](size_t i, size_t j) { return "row " + std::to_string(i + 1) + ", column " + std::to_string(j + 1); };
  for (size_t i = 0; i < a.rows; ++i)
    for (size_t j = 0; j < a.cols; ++j) {
      double v = a(i, j);
      if (!std::isfinite(v) || v <= 0)
        invalid_input(cell(i, j) + ": the judgement " + num(v) + " must be a positive number");
      if (i == j && std::abs(v - 1) > 1e-9) invalid_input(cell(i, j) + ": the diagonal must be 1");
      if (j > i && std::abs(v * a(j, i) - 1) > 1e-3)
        invalid_input(cell(j, i) + ": " + num(a(j, i)) + " is not the reciprocal of " + cell(i, j) + " (" + num(v) +
                      ")");
    }
}

PairwiseComparison::PairwiseComparison(Matrix a, AhpMethod method, std::string_view ri, double threshold)
    : a_(std::move(a)), method_(method), table_(random_index_table(ri)), threshold_(threshold) {
  check_pairwise(a_);
  if (a_.rows > table_.ri.size())
    invalid_input("the random index table '" + table_.name + "' stops at n = " + std::to_string(table_.ri.size()));
}

void PairwiseComparison::run() {
  const size_t n = a_.rows;
  weights_.assign(n, 1.0 / n);
  if (method_ == AhpMethod::ColumnNormalised) {
    // Normalise each column to sum 1, then average across each row.
    std::vector<double> colsum(n, 0);
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j) colsum[j] += a_(i, j);
    for (size_t i = 0; i < n; ++i) {
      double s = 0;
      for (size_t j = 0; j < n; ++j) s += a_(i, j) / colsum[j];
      weights_[i] = s / n;
    }
  } else {
    // Power iteration: a positive matrix has a simple dominant (Perron) eigenvalue, so it
    // converges; 1e-15 in the largest change is past any printed digit.
    std::vector<double> next(n);
    for (iterations_ = 1; iterations_ <= 10000; ++iterations_) {
      double sum = 0;
      for (size_t i = 0; i < n; ++i) {
        double s = 0;
        for (size_t j = 0; j < n; ++j) s += a_(i, j) * weights_[j];
        next[i] = s;
        sum += s;
      }
      double change = 0;
      for (size_t i = 0; i < n; ++i) {
        next[i] /= sum;
        change = std::max(change, std::abs(next[i] - weights_[i]));
      }
      weights_.swap(next);
      if (change < 1e-15) break;
    }
  }
  // λmax as the mean of (A w)_i / w_i: exact for the eigenvector, the usual estimate otherwise.
  double lambda = 0;
  for (size_t i = 0; i < n; ++i) {
    double s = 0;
    for (size_t j = 0; j < n; ++j) s += a_(i, j) * weights_[j];
    lambda += s / weights_[i];
  }
  lambda_max_ = lambda / n;
  ci_ = n > 1 ? std::max(0.0, (lambda_max_ - n) / (n - 1)) : 0;
  ri_ = table_.ri[n - 1];
  cr_ = ri_ > 0 ? ci_ / ri_ : 0;
  guard_.mark_finished();
}

std::vector<Judgement> PairwiseComparison::worst_judgements(size_t k) const {
  guard_.assure_finished("PairwiseComparison");
  std::vector<Judgement> all;
  for (size_t i = 0; i < a_.rows; ++i)
    for (size_t j = i + 1; j < a_.cols; ++j) {
      double implied = weights_[i] / weights_[j];
      double ratio = a_(i, j) / implied;
      all.push_back({i, j, a_(i, j), implied, std::max(ratio, 1 / ratio)});
    }
  std::stable_sort(all.begin(), all.end(), [](const Judgement& x, const Judgement& y) { return x.deviation > y.deviation; });
  if (all.size() > k) all.resize(k);
  return all;
}

Matrix geometric_mean(const std::vector<Matrix>& experts, const std::vector<double>& expert_weights) {
  if (experts.empty()) invalid_input("no expert matrices to combine");
  std::vector<double> w = expert_weights.empty() ? std::vector<double>(experts.size(), 1.0) : expert_weights;
  w = normalised_weights(w, experts.size());
  Matrix out(experts[0].rows, experts[0].cols, 0);
  for (size_t e = 0; e < experts.size(); ++e) {
    check_pairwise(experts[e]);
    if (experts[e].rows != out.rows)
      invalid_input("expert " + std::to_string(e + 1) + " compares " + std::to_string(experts[e].rows) +
                    " items, expert 1 compares " + std::to_string(out.rows));
    for (size_t i = 0; i < out.values.size(); ++i) out.values[i] += w[e] * std::log(experts[e].values[i]);
  }
  for (double& v : out.values) v = std::exp(v);
  return out;
}

}  // namespace xinzhi::mcda
