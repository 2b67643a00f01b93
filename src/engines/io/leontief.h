// The demand-driven input–output model (Leontief): technical coefficients, the Leontief
// inverse, Type I output multipliers, and backward and forward linkages of each sector.
#pragma once
#include <string>
#include <vector>

#include "base/run_guard.h"

namespace xinzhi::io {

// Definitions (Miller & Blair, Input-Output Analysis, 2nd ed. 2009, §2.3, §6.2, §12.2):
//   a_ij = z_ij / x_j                       technical coefficients (inputs of i per unit of j)
//   L    = (I − A)⁻¹                        the Leontief inverse
//   m_j  = Σ_i L_ij                         Type I output multiplier of sector j
//   BL_j = m_j / (1/n Σ_k m_k)              backward linkage, Rasmussen's power of dispersion
//   G    = x̂⁻¹ L x̂                          the Ghosh inverse (supply side)
//   FL_i = Σ_j G_ij / (1/n Σ_k Σ_j G_kj)    forward linkage, Ghosh's normalised row sums
// BL and FL above 1 pull more than the average sector; both above 1 marks a key sector.
class LeontiefModel {
 public:
  // transactions: n × n row by row, z_ij = sales of sector i to sector j (domestic
  // intermediate use); total_output: x_j, one per sector. InvalidInput (naming the sector and
  // the cell) on a size mismatch, a value that is not finite, a negative transaction, an output
  // that is not positive, or a sector whose intermediate inputs reach its output (Σ_i a_ij ≥ 1:
  // the model would not be productive, Hawkins–Simon).
  LeontiefModel(std::vector<std::string> sectors, std::vector<double> transactions,
                std::vector<double> total_output);
  void run();

  size_t size() const { return sectors_.size(); }
  const std::vector<std::string>& sectors() const { return sectors_; }
  // n × n row by row.
  const std::vector<double>& coefficients() const;
  const std::vector<double>& leontief_inverse() const;
  const std::vector<double>& output_multipliers() const;
  const std::vector<double>& backward_linkages() const;
  const std::vector<double>& forward_linkages() const;

 private:
  std::vector<std::string> sectors_;
  std::vector<double> z_, x_;
  std::vector<double> a_, l_, multipliers_, backward_, forward_;
  RunGuard guard_;
};

}  // namespace xinzhi::io
