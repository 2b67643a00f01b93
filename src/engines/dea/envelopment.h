// The envelopment programs of DEA for one evaluated point against a reference technology: the
// radial (Farrell) score with its λ and slacks, the directional distance used by the
// Malmquist–Luenberger index, and Tone's slacks-based measure. The models' building block.
#pragma once
#include <span>
#include <vector>

#include "engines/dea/linear_program.h"
#include "engines/dea/technology.h"

namespace xinzhi::dea {

struct RadialDetail {
  std::vector<double> lambda;  // one per reference unit (all periods in order)
  std::vector<double> input_slack, output_slack;  // in the data's own units
};

struct SbmDetail {
  std::vector<double> lambda;
  std::vector<double> input_slack, output_slack, undesirable_slack;
};

class Envelopment {
 public:
  // The reference technology is the union of the given periods' units (a contemporaneous
  // frontier has one, the global frontier all). Every column is divided by its mean over the
  // reference before the programs are built, which leaves every score unchanged (the models are
  // unit-invariant) and keeps slack columns comparable with the data whatever its units (元 or
  // 亿元); the simplex then equilibrates each row. Data spanning six orders of magnitude agrees
  // with GLPK; at eight a program may end without an answer (NaN, printed null), never a wrong
  // one. The second stage maximises slacks in the data's own units (as DEAP does), so where
  // slacks have alternative optima the one chosen depends on those units.
  explicit Envelopment(std::vector<const Technology*> reference);

  size_t reference_size() const { return n_; }

  // θ (input orientation: the share of inputs that would suffice) or 1/φ (output orientation:
  // the share of the attainable outputs produced), ≤ 1 for a unit inside its own frontier and
  // possibly above 1 against another period's. NaN when the program has no solution (a unit
  // beyond another period's variable-returns frontier). With detail, the second stage (DEAP's
  // two-stage method) maximises the sum of slacks at that score.
  double radial(std::span<const double> x, std::span<const double> y, Returns returns, Orientation orientation,
                RadialDetail* detail = nullptr);

  // β of the directional output distance function with direction (y, −b) and inputs fixed
  // (Chung, Färe & Grosskopf 1997): desirable outputs expand and undesirable ones contract by
  // the same share β; undesirable outputs are weakly disposable (equality rows). β is negative
  // for a unit beyond the reference frontier; NaN when infeasible.
  double directional(std::span<const double> x, std::span<const double> y, std::span<const double> b, Returns returns);

  // Tone's (2001) slacks-based measure, non-oriented, with undesirable outputs as in Tone (2004)
  // and Cooper, Seiford & Tone (2007, §13.7):
  //   ρ = (1 − 1/m Σ s⁻ᵢ/xᵢ) / (1 + 1/(s₁+s₂) (Σ sᵍᵣ/yᵣ + Σ sᵇₖ/bₖ)),
  // solved as one linear program by the Charnes–Cooper transformation. A zero input or output of
  // the evaluated unit drops its term from the mean (Tone 2001, §2: a zero has no slack ratio),
  // and the mean divides by the terms that remain.
  double sbm(std::span<const double> x, std::span<const double> y, std::span<const double> b, Returns returns,
             SbmDetail* detail = nullptr);

 private:
  void add_returns_row(LinearProgram& lp, size_t lambda_offset, Returns returns, double total = 1.0,
                       size_t total_column = SIZE_MAX) const;

  std::vector<const Technology*> reference_;
  size_t n_ = 0, m_ = 0, s_ = 0, k_ = 0;
  std::vector<double> x_, y_, b_;           // scaled reference, column by column (input i: x_[i * n_ + j])
  std::vector<double> sx_, sy_, sb_;        // the scales
  DenseSimplex simplex_;
};

}  // namespace xinzhi::dea
