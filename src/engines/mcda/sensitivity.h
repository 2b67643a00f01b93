// One-at-a-time weight sensitivity: each criterion's weight is moved across [0, 1] while the
// others keep their proportions, and every point where two alternatives swap places is
// located (grid, then bisection) — the weight at which a rank reversal happens.
#pragma once
#include <functional>
#include <span>
#include <vector>

#include "base/run_guard.h"

namespace xinzhi::mcda {

// Scores of every alternative for a weight vector (higher is better): TOPSIS closeness,
// PROMETHEE net flow, a weighted sum …
using ScoreFunction = std::function<std::vector<double>(std::span<const double> weights)>;

struct RankReversal {
  size_t criterion = 0;
  double weight = 0;        // the criterion's weight where the two alternatives tie
  size_t ahead_below = 0;   // the alternative ahead for smaller weights
  size_t ahead_above = 0;   // the alternative ahead for larger weights
  bool changes_top = false; // the swap changes which alternative ranks first
};

struct SensitivityCurve {
  size_t criterion = 0;
  std::vector<double> weights;              // the grid of the criterion's weight
  std::vector<std::vector<double>> scores;  // scores[k][alternative] at weights[k]
};

class WeightSensitivity {
 public:
  static constexpr size_t kMaxAlternatives = 2000;
  // InvalidInput on bad weights, steps outside 2–10,000 or (from run()) more than
  // kMaxAlternatives scores; reversals() and curves() need run() first (Internal otherwise).
  WeightSensitivity(std::vector<double> base_weights, ScoreFunction score, size_t steps = 100);
  void run();
  // Ordered by criterion, then by how far the weight must move from its current value.
  const std::vector<RankReversal>& reversals() const {
    guard_.assure_finished("WeightSensitivity");
    return reversals_;
  }
  const std::vector<SensitivityCurve>& curves() const {
    guard_.assure_finished("WeightSensitivity");
    return curves_;
  }
  // The weights when criterion j is set to t and the others keep their proportions.
  std::vector<double> weights_with(size_t j, double t) const;

 private:
  std::vector<double> base_;
  ScoreFunction score_;
  size_t steps_;
  std::vector<RankReversal> reversals_;
  std::vector<SensitivityCurve> curves_;
  RunGuard guard_;
};

}  // namespace xinzhi::mcda
