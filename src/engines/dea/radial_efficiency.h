// Radial technical efficiency of every unit against the frontier of all units: CCR (constant
// returns, Charnes, Cooper & Rhodes 1978) and BCC (variable returns, Banker, Charnes & Cooper
// 1984), input or output oriented, with λ (peers), slacks and scale efficiency.
#pragma once
#include <string>
#include <vector>

#include "base/run_guard.h"
#include "engines/dea/technology.h"

namespace xinzhi::dea {

struct RadialOptions {
  Returns returns = Returns::Constant;
  Orientation orientation = Orientation::Input;
};

// Farrell scores as DEAP 2.1 prints them (Coelli 1996): θ for input orientation, 1/φ for
// output orientation, both in (0, 1] with 1 on the frontier. Slacks by DEAP's two-stage method
// (the largest sum of slacks at the radial score), λ from that second stage. Scale efficiency
// (CRS ÷ VRS) and the nature of returns to scale are computed whatever the options' returns:
// "crs" when the two agree, else "drs" when the non-increasing-returns score equals the VRS
// score, else "irs" (Färe, Grosskopf & Lovell 1985, as DEAP reports it).
class RadialEfficiency {
 public:
  RadialEfficiency(Technology data, RadialOptions options);
  void run();

  const Technology& data() const { return data_; }
  const std::vector<double>& efficiency() const;
  // units × units, row by row: λ of the unit in the row on the reference unit in the column.
  const std::vector<double>& lambda() const;
  const std::vector<double>& input_slack() const;   // units × inputs
  const std::vector<double>& output_slack() const;  // units × outputs
  const std::vector<double>& crs_efficiency() const;
  const std::vector<double>& vrs_efficiency() const;
  const std::vector<double>& scale_efficiency() const;
  const std::vector<std::string>& returns_to_scale() const;  // "crs", "irs" or "drs" per unit

 private:
  Technology data_;
  RadialOptions options_;
  std::vector<double> efficiency_, lambda_, input_slack_, output_slack_, crs_, vrs_, scale_;
  std::vector<std::string> rts_;
  RunGuard guard_;
};

}  // namespace xinzhi::dea
