// Tone's slacks-based measure (SBM) of every unit, with undesirable outputs: a non-radial,
// non-oriented efficiency that counts every slack, not just the proportional shrink.
#pragma once
#include <vector>

#include "base/run_guard.h"
#include "engines/dea/technology.h"

namespace xinzhi::dea {

// ρ in (0, 1] per unit (Tone 2001, EJOR 130:498–509; undesirable outputs as in Tone 2004 and
// Cooper, Seiford & Tone 2007, §13.7; see Envelopment::sbm for the program and the treatment
// of zeros). ρ = 1 exactly when the unit is on the frontier with no slack.
class SlacksBasedEfficiency {
 public:
  SlacksBasedEfficiency(Technology data, Returns returns = Returns::Constant);
  void run();

  const Technology& data() const { return data_; }
  const std::vector<double>& efficiency() const;
  const std::vector<double>& lambda() const;             // units × units
  const std::vector<double>& input_slack() const;        // units × inputs
  const std::vector<double>& output_slack() const;       // units × outputs
  const std::vector<double>& undesirable_slack() const;  // units × undesirable outputs

 private:
  Technology data_;
  Returns returns_;
  std::vector<double> efficiency_, lambda_, input_slack_, output_slack_, undesirable_slack_;
  RunGuard guard_;
};

}  // namespace xinzhi::dea
