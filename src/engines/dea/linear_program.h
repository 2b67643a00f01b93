// A small dense linear program and the two-phase primal simplex that solves it: the engine
// under every DEA model, whose programs have a handful of rows and up to a few thousand columns.
#pragma once
#include <cstddef>
#include <span>
#include <vector>

namespace xinzhi::dea {

enum class RowSense { LessEqual, Equal, GreaterEqual };

// minimise cᵀx subject to rows (aᵢᵀx ≤ | = | ≥ bᵢ) and x ≥ 0.
struct LinearProgram {
  explicit LinearProgram(size_t columns) : columns(columns), objective(columns, 0.0) {}
  // Appends a row; coefficients has `columns` entries. Returns its index.
  size_t add_row(std::span<const double> coefficients, RowSense sense, double rhs);
  size_t rows() const { return senses.size(); }

  size_t columns;
  std::vector<double> objective;
  std::vector<double> coefficients;  // rows × columns, row by row
  std::vector<RowSense> senses;
  std::vector<double> rhs;
};

// Stalled: the pivot cap was reached (rounding kept a degenerate run going); no answer.
enum class LpStatus { Optimal, Infeasible, Unbounded, Stalled };

struct LpSolution {
  LpStatus status = LpStatus::Infeasible;
  double objective = 0;
  std::vector<double> x;  // the `columns` structural values (empty unless Optimal)
};

// The bounded-tableau simplex (Dantzig's rule, switching to Bland's smallest-index rule after a
// run of degenerate pivots, which DEA programs produce often: most λ sit at zero). Phase 1
// minimises the artificial variables of = and ≥ rows; artificials left basic at zero are pivoted
// out or mark redundant rows, which never re-enter. A pivot cap ends a run that rounding keeps
// from terminating (Stalled). Why not GLPK or Clp: these programs have 3–10 rows, and a
// solver's setup per program costs more than the pivots (bench/dea_malmquist.py measures the
// difference; tests/engines/dea check every answer against GLPK). One instance reuses its
// tableau across solves, so a Malmquist run allocates once per size.
class DenseSimplex {
 public:
  LpSolution solve(const LinearProgram& lp);
  // Pivots of the last solve (both phases): for the benchmark and the degenerate-cycling test.
  size_t pivots() const { return pivots_; }

 private:
  enum class Progress { Optimal, Unbounded, Stalled };
  Progress optimise(size_t cost_row, size_t entering_limit);
  void pivot(size_t row, size_t column);

  size_t rows_ = 0, width_ = 0;  // tableau: rows_ constraint rows + 2 cost rows, width_ columns + rhs
  std::vector<double> t_;
  std::vector<size_t> basis_;
  size_t pivots_ = 0;
};

}  // namespace xinzhi::dea
