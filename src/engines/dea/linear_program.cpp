#include "engines/dea/linear_program.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "base/error.h"

namespace xinzhi::dea {

namespace {
// Entries below this are zero. The DEA layer scales every input and output column to mean 1,
// so tableau entries stay within a few orders of magnitude of 1.
constexpr double kZero = 1e-9;
// Phase 1 ends feasible when the artificials sum to at most this, relative to the right-hand side.
constexpr double kFeasible = 1e-9;
// Pivots without progress before switching to Bland's rule, which cannot cycle.
constexpr size_t kDegenerateRun = 50;
}  // namespace

size_t LinearProgram::add_row(std::span<const double> a, RowSense sense, double b) {
  if (a.size() != columns) fail(ErrorCode::Internal, "LinearProgram: a row has the wrong number of coefficients");
  coefficients.insert(coefficients.end(), a.begin(), a.end());
  senses.push_back(sense);
  rhs.push_back(b);
  return senses.size() - 1;
}

// Tableau layout: columns [0, n) structural, then one slack or surplus per inequality row,
// then one artificial per = or ≥ row, then the right-hand side. Rows [0, m) are constraints,
// row m the phase-2 costs, row m + 1 the phase-1 costs.
LpSolution DenseSimplex::solve(const LinearProgram& lp) {
  const size_t n = lp.columns, m = lp.rows();
  if (lp.coefficients.size() != n * m || lp.rhs.size() != m || lp.objective.size() != n)
    fail(ErrorCode::Internal, "LinearProgram: inconsistent sizes");
  size_t slacks = 0, artificials = 0;
  std::vector<RowSense> sense(lp.senses);
  std::vector<double> sign(m, 1.0);
  for (size_t i = 0; i < m; ++i) {
    if (lp.rhs[i] < 0) {  // b ≥ 0 for the starting basis: flip the row
      sign[i] = -1;
      if (sense[i] == RowSense::LessEqual) sense[i] = RowSense::GreaterEqual;
      else if (sense[i] == RowSense::GreaterEqual) sense[i] = RowSense::LessEqual;
    }
    if (sense[i] != RowSense::Equal) ++slacks;
    if (sense[i] != RowSense::LessEqual) ++artificials;
  }
  const size_t artificial_start = n + slacks, columns = artificial_start + artificials;
  rows_ = m;
  width_ = columns + 1;
  t_.assign((m + 2) * width_, 0.0);
  basis_.assign(m, 0);
  pivots_ = 0;
  double* cost = &t_[m * width_];
  double* phase1 = &t_[(m + 1) * width_];
  for (size_t j = 0; j < n; ++j) cost[j] = lp.objective[j];
  size_t next_slack = n, next_artificial = artificial_start;
  double rhs_size = 0;  // Σ|b| of the equilibrated rows: phase 1's tolerance scales with it
  for (size_t i = 0; i < m; ++i) {
    double* row = &t_[i * width_];
    // Row equilibration: each row divided by its largest coefficient, so that the absolute
    // tolerances below mean the same on every row whatever the data's magnitudes. The solution
    // is unchanged (a slack or surplus keeps coefficient ±1: it is only rescaled with its row).
    double largest = 0;
    for (size_t j = 0; j < n; ++j) largest = std::max(largest, std::fabs(lp.coefficients[i * n + j]));
    const double scale = largest > 0 ? sign[i] / largest : sign[i];
    for (size_t j = 0; j < n; ++j) row[j] = scale * lp.coefficients[i * n + j];
    row[columns] = scale * lp.rhs[i];
    rhs_size += std::fabs(row[columns]);
    if (sense[i] == RowSense::LessEqual) {
      row[next_slack] = 1;
      basis_[i] = next_slack++;
    } else {
      if (sense[i] == RowSense::GreaterEqual) row[next_slack++] = -1;
      row[next_artificial] = 1;
      basis_[i] = next_artificial++;
      // Phase-1 reduced costs: minus the sum of the rows whose artificial is basic.
      for (size_t j = 0; j < artificial_start; ++j) phase1[j] -= row[j];
      phase1[columns] -= row[columns];
    }
  }

  LpSolution out;
  if (artificials > 0) {
    const Progress first = optimise(m + 1, artificial_start);
    if (first == Progress::Stalled) {
      out.status = LpStatus::Stalled;
      return out;
    }
    // Phase 1 is bounded below by zero; "unbounded" there is rounding: no answer, not a crash.
    if (first == Progress::Unbounded) {
      out.status = LpStatus::Stalled;
      return out;
    }
    if (-phase1[columns] > kFeasible * (1 + rhs_size)) {
      out.status = LpStatus::Infeasible;
      return out;
    }
    // Artificials still basic hold (about) zero: make it exactly zero, then pivot each out on
    // its row's largest entry, which keeps every value at zero and so feasible. A row with no
    // such entry is redundant: it is cleared so that no later ratio test pivots on its noise,
    // and its artificial stays, never to re-enter.
    for (size_t i = 0; i < m; ++i) {
      if (basis_[i] < artificial_start) continue;
      double* row = &t_[i * width_];
      row[columns] = 0;
      size_t best = artificial_start;
      for (size_t j = 0; j < artificial_start; ++j)
        if (std::fabs(row[j]) > kZero && (best == artificial_start || std::fabs(row[j]) > std::fabs(row[best]))) best = j;
      if (best != artificial_start) {
        pivot(i, best);
      } else {
        for (size_t j = 0; j < artificial_start; ++j) row[j] = 0;
      }
    }
  }
  const Progress second = optimise(m, artificial_start);
  if (second != Progress::Optimal) {
    out.status = second == Progress::Stalled ? LpStatus::Stalled : LpStatus::Unbounded;
    return out;
  }
  out.status = LpStatus::Optimal;
  out.objective = -cost[columns];
  out.x.assign(n, 0.0);
  for (size_t i = 0; i < m; ++i)
    if (basis_[i] < n) out.x[basis_[i]] = std::max(0.0, t_[i * width_ + columns]);
  return out;
}

// Minimises the cost row `cost_row` over entering columns [0, entering_limit).
DenseSimplex::Progress DenseSimplex::optimise(size_t cost_row, size_t entering_limit) {
  const size_t rhs = width_ - 1;
  // Bland's rule ends cycling in exact arithmetic only: a cap that no program of this size
  // needs stops a run that rounding keeps going, rather than hanging a request.
  const size_t cap = 50 * (rows_ + width_) + 1000;
  // Phase 1 is bounded below by zero: a column that improves it with no entry above the
  // tolerance is rounding, so it is set aside for the rest of the phase instead of ending it.
  const bool phase1 = cost_row == rows_ + 1;
  std::vector<char> blocked(phase1 ? entering_limit : 0, 0);
  size_t degenerate = 0;
  for (size_t step = 0;; ++step) {
    if (step == cap) return Progress::Stalled;
    const double* cost = &t_[cost_row * width_];
    const bool bland = degenerate >= kDegenerateRun;
    size_t entering = entering_limit;
    double best = -kZero;
    for (size_t j = 0; j < entering_limit; ++j) {
      if (phase1 && blocked[j]) continue;
      if (cost[j] < best) {
        entering = j;
        if (bland) break;
        best = cost[j];
      }
    }
    if (entering == entering_limit) return Progress::Optimal;
    size_t leaving = rows_;
    double ratio = std::numeric_limits<double>::infinity();
    for (size_t i = 0; i < rows_; ++i) {
      const double a = t_[i * width_ + entering];
      if (a <= kZero) continue;
      const double r = t_[i * width_ + rhs] / a;
      // Ties go to the smallest basic index (Bland), which with the entering rule above
      // guarantees termination once the rule switches.
      if (r < ratio - 1e-12 || (r <= ratio + 1e-12 && leaving < rows_ && basis_[i] < basis_[leaving])) {
        ratio = r;
        leaving = i;
      }
    }
    if (leaving == rows_) {
      if (!phase1) return Progress::Unbounded;
      blocked[entering] = 1;
      continue;
    }
    degenerate = ratio <= kZero ? degenerate + 1 : 0;
    pivot(leaving, entering);
  }
}

void DenseSimplex::pivot(size_t row, size_t column) {
  ++pivots_;
  double* p = &t_[row * width_];
  const double inv = 1.0 / p[column];
  for (size_t j = 0; j < width_; ++j) p[j] *= inv;
  p[column] = 1.0;
  for (size_t i = 0; i < rows_ + 2; ++i) {
    if (i == row) continue;
    double* r = &t_[i * width_];
    const double f = r[column];
    if (f == 0.0) continue;
    for (size_t j = 0; j < width_; ++j) r[j] -= f * p[j];
    r[column] = 0.0;
  }
  basis_[row] = column;
}

}  // namespace xinzhi::dea
