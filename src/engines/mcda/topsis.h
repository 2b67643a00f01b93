// TOPSIS (Hwang & Yoon 1981): closeness of each alternative to the ideal and distance from the
// anti-ideal after normalising and weighting the decision matrix; rank 1 is the best.
#pragma once
#include <span>
#include <vector>

#include "base/run_guard.h"
#include "engines/mcda/matrix.h"

namespace xinzhi::mcda {

enum class Normalisation {
  Vector,  // r_ij = x_ij / sqrt(Σ_i x_ij²), ideal = best of each column
  MinMax,  // r_ij = (x_ij − min) / (max − min), reversed for cost criteria; a constant column is 1
};

// InvalidInput on weights or types of the wrong size, no alternatives or (from run()) a cell
// that is not finite; the getters need run() first (Internal otherwise).
class Topsis {
 public:
  Topsis(const Matrix& x, std::vector<double> weights, std::vector<Direction> directions,
         Normalisation normalisation = Normalisation::Vector);
  void run();
  const std::vector<double>& closeness() const {
    guard_.assure_finished("Topsis");
    return closeness_;
  }
  const std::vector<double>& distance_to_ideal() const {
    guard_.assure_finished("Topsis");
    return d_plus_;
  }
  const std::vector<double>& distance_to_anti_ideal() const {
    guard_.assure_finished("Topsis");
    return d_minus_;
  }
  // Competition ranks ("1224"): 1 = highest closeness; equal closeness, equal rank.
  const std::vector<size_t>& rank() const {
    guard_.assure_finished("Topsis");
    return rank_;
  }

 private:
  const Matrix& x_;
  std::vector<double> w_;
  std::vector<Direction> dir_;
  Normalisation norm_;
  std::vector<double> closeness_, d_plus_, d_minus_;
  std::vector<size_t> rank_;
  RunGuard guard_;
};

// Competition ranks of scores, highest first.
std::vector<size_t> ranks_descending(std::span<const double> scores);

}  // namespace xinzhi::mcda
