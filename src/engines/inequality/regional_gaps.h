// How unequal regions are and where the inequality lies: the Gini coefficient with Dagum's
// (1997) decomposition by groups of regions, and the Theil index with its within/between split.
#pragma once
#include <string>
#include <vector>

#include "base/run_guard.h"

namespace xinzhi::inequality {

// Dagum, C. (1997), "A new approach to the decomposition of the Gini income inequality ratio",
// Empirical Economics 22:515–531. With groups j of n_j regions, mean μ_j, p_j = n_j/n and
// s_j = n_j μ_j/(n μ):
//   G     = Σ_j Σ_h Σ_i Σ_r |y_ji − y_hr| / (2 n² μ)                 (the Gini coefficient)
//   G_jj  = Σ_i Σ_r |y_ji − y_jr| / (2 n_j² μ_j)                     (within group j)
//   G_jh  = Σ_i Σ_r |y_ji − y_hr| / (n_j n_h (μ_j + μ_h))            (between j and h)
//   D_jh  = (d_jh − p_jh)/(d_jh + p_jh), d_jh = Σ_i Σ_r max(y_ji − y_hr, 0) / (n_j n_h) with j
//           the richer group (Dagum's economic distance), p_jh the same of max(y_hr − y_ji, 0)
//   G_w   = Σ_j G_jj p_j s_j,  G_nb = Σ_{j>h} G_jh (p_j s_h + p_h s_j) D_jh,
//   G_t   = Σ_{j>h} G_jh (p_j s_h + p_h s_j)(1 − D_jh),  G = G_w + G_nb + G_t.
// Theil T = 1/n Σ (y/μ) ln(y/μ) = Σ_j s_j T_j (within) + Σ_j s_j ln(μ_j/μ) (between); a zero
// value contributes 0 (the limit of y ln y). Values must be finite and ≥ 0 with a positive mean
// (InvalidInput naming the region otherwise); a group needs at least one region.
class RegionalGaps {
 public:
  // values[i] of region i, group[i] its group's index into group_names.
  RegionalGaps(std::vector<std::string> regions, std::vector<double> values, std::vector<size_t> group,
               std::vector<std::string> group_names);
  void run();

  double gini() const;
  double within() const;          // G_w
  double between() const;         // G_nb, the net between-group part
  double transvariation() const;  // G_t, overlap between groups
  const std::vector<double>& group_gini() const;  // G_jj per group
  const std::vector<double>& pair_gini() const;   // G_jh, groups × groups (diagonal = G_jj)
  const std::vector<double>& group_mean() const;
  double theil() const;
  double theil_within() const;
  double theil_between() const;
  const std::vector<std::string>& group_names() const { return group_names_; }

 private:
  std::vector<std::string> regions_;
  std::vector<double> y_;
  std::vector<size_t> group_;
  std::vector<std::string> group_names_;
  double gini_ = 0, within_ = 0, between_ = 0, transvariation_ = 0, theil_ = 0, theil_within_ = 0, theil_between_ = 0;
  std::vector<double> group_gini_, pair_gini_, group_mean_;
  RunGuard guard_;
};

}  // namespace xinzhi::inequality
