#include "engines/mcda/sensitivity.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "base/error.h"
#include "engines/mcda/matrix.h"

namespace xinzhi::mcda {

WeightSensitivity::WeightSensitivity(std::vector<double> base_weights, ScoreFunction score, size_t steps)
    : base_(normalised_weights(base_weights, base_weights.size())), score_(std::move(score)), steps_(steps) {
  if (steps_ < 2 || steps_ > 10000) invalid_input("sensitivity needs 2 to 10,000 steps");
}

std::vector<double> WeightSensitivity::weights_with(size_t j, double t) const {
  std::vector<double> w(base_.size());
  double rest = 1 - base_[j];
  for (size_t i = 0; i < w.size(); ++i)
    w[i] = i == j ? t : rest > 1e-12 ? base_[i] * (1 - t) / rest : (1 - t) / static_cast<double>(w.size() - 1);
  return w;
}

void WeightSensitivity::run() {
  // Every pair is followed across the grid: bounded, so that a large matrix is refused, not hung on.
  if (auto m = score_(base_).size(); m > kMaxAlternatives)
    invalid_input("sensitivity follows every pair of alternatives: at most " + std::to_string(kMaxAlternatives) + ", not " +
                  std::to_string(m));
  reversals_.clear();
  curves_.clear();
  for (size_t j = 0; j < base_.size(); ++j) {
    SensitivityCurve curve;
    curve.criterion = j;
    for (size_t k = 0; k <= steps_; ++k) {
      double t = static_cast<double>(k) / static_cast<double>(steps_);
      curve.weights.push_back(t);
      curve.scores.push_back(score_(weights_with(j, t)));
    }
    const size_t m = curve.scores[0].size();
    std::vector<RankReversal> found;
    // Per pair, the last grid point where the two differed; a tie exactly on a grid point
    // is bridged, so a swap through it is still found.
    for (size_t a = 0; a < m; ++a)
      for (size_t b = a + 1; b < m; ++b) {
        double last_d = 0;
        size_t last_k = 0;
        for (size_t k = 0; k <= steps_; ++k) {
          double d = curve.scores[k][a] - curve.scores[k][b];
          if (d == 0) continue;
          if (last_d != 0 && (d > 0) != (last_d > 0)) {
            double t0 = curve.weights[last_k], t1 = curve.weights[k];
            for (int it = 0; it < 50; ++it) {
              double mid = (t0 + t1) / 2;
              auto sc = score_(weights_with(j, mid));
              double dm = sc[a] - sc[b];
              if (dm != 0 && (dm > 0) == (last_d > 0)) t0 = mid; else t1 = mid;
            }
            RankReversal r;
            r.criterion = j;
            r.weight = (t0 + t1) / 2;
            r.ahead_below = last_d > 0 ? a : b;
            r.ahead_above = last_d > 0 ? b : a;
            const auto& before = curve.scores[last_k];
            r.changes_top = static_cast<size_t>(std::max_element(before.begin(), before.end()) - before.begin()) ==
                            r.ahead_below;
            found.push_back(r);
          }
          last_d = d;
          last_k = k;
        }
      }
    std::stable_sort(found.begin(), found.end(), [&](const RankReversal& x, const RankReversal& y) {
      return std::abs(x.weight - base_[j]) < std::abs(y.weight - base_[j]);
    });
    reversals_.insert(reversals_.end(), found.begin(), found.end());
    curves_.push_back(std::move(curve));
  }
  guard_.mark_finished();
}

}  // namespace xinzhi::mcda
