// Productivity change between consecutive periods: the Malmquist index of Färe, Grosskopf,
// Norris & Zhang (1994) and the global Malmquist–Luenberger index of Oh (2010) with
// undesirable outputs.
#pragma once
#include <string>
#include <vector>

#include "base/run_guard.h"
#include "engines/dea/technology.h"

namespace xinzhi::dea {

// One unit from one period to the next. Values above 1 are improvement. A value is NaN when a
// program it needs has no solution (a unit beyond the other period's frontier in a direction
// that frontier does not reach); the doors print null.
struct MalmquistChange {
  size_t unit = 0, from = 0;  // indices into the panel's units and periods; `to` is from + 1
  double effch = 0;   // technical efficiency change (CRS): D^{t+1}(t+1) / D^t(t)
  double techch = 0;  // technical change: √[(D^t(t+1)/D^{t+1}(t+1)) · (D^t(t)/D^{t+1}(t))]
  double pech = 0;    // pure efficiency change: the VRS scores' ratio
  double sech = 0;    // scale efficiency change: effch / pech
  double tfpch = 0;   // total factor productivity change: effch · techch
  size_t count = 1;   // in a mean: the changes it averages (those with every value defined)
};

// As DEAP 2.1 computes it (Coelli 1996, ch. 6): four CRS programs per unit and pair of periods
// plus the two VRS ones, all as Farrell scores of the chosen orientation (so CRS indices do not
// depend on it; pech and sech do). The means are geometric, by pair of periods over units and
// by unit over pairs, as DEAP's summary tables, over the changes with every value defined.
// Periods are compared in the order given, consecutive or not (2010 then 2012 is one step).
class MalmquistIndex {
 public:
  MalmquistIndex(Panel panel, Orientation orientation);
  void run();

  const Panel& panel() const { return panel_; }
  // Unit by unit, and within a unit pair by pair in time order.
  const std::vector<MalmquistChange>& changes() const;
  // periods × units: each period's own CRS and VRS scores.
  const std::vector<double>& crs_efficiency() const;
  const std::vector<double>& vrs_efficiency() const;
  // Geometric means: unit is SIZE_MAX in the by-pair means, from is SIZE_MAX in the by-unit ones.
  const std::vector<MalmquistChange>& period_means() const;
  const std::vector<MalmquistChange>& unit_means() const;

 private:
  Panel panel_;
  Orientation orientation_;
  std::vector<MalmquistChange> changes_, period_means_, unit_means_;
  std::vector<double> crs_, vrs_;
  RunGuard guard_;
};

struct LuenbergerChange {
  size_t unit = 0, from = 0;
  double ml = 0;  // the Malmquist–Luenberger productivity index
  double ec = 0;  // efficiency change: (1 + D^t(t)) / (1 + D^{t+1}(t+1))
  double tc = 0;  // technical change (global: the best-practice gap change): ml / ec
};

// Which frontier a unit is measured against in the Malmquist–Luenberger index.
enum class LuenbergerFrontier {
  // Oh (2010, J. Prod. Anal. 34:183–197): the global frontier of every period's units pooled,
  // ml = (1 + D^G(t)) / (1 + D^G(t+1)). Circular, and never infeasible (each unit is inside
  // its own global technology).
  Global,
  // Chung, Färe & Grosskopf (1997, J. Env. Mgmt 51:229–240): each period's own frontier,
  // ml = √[(1 + D^t(t))/(1 + D^t(t+1)) · (1 + D^{t+1}(t))/(1 + D^{t+1}(t+1))]; a cross-period
  // distance may be negative (the unit lies beyond the other frontier) or infeasible (NaN).
  Contemporaneous,
};

// Productivity with undesirable outputs: directional distances D (Envelopment::directional,
// direction (y, −b), inputs fixed) and the index above. Undesirable outputs are the panel's `b`
// columns; with none it is a Malmquist index in the output direction.
class MalmquistLuenberger {
 public:
  MalmquistLuenberger(Panel panel, LuenbergerFrontier frontier = LuenbergerFrontier::Global,
                      Returns returns = Returns::Constant);
  void run();

  const Panel& panel() const { return panel_; }
  const std::vector<LuenbergerChange>& changes() const;  // unit by unit, pairs in time order
  // periods × units: D against the period's own frontier, and (Global) against the pooled one.
  const std::vector<double>& own_distance() const;
  const std::vector<double>& global_distance() const;

 private:
  Panel panel_;
  LuenbergerFrontier frontier_;
  Returns returns_;
  std::vector<LuenbergerChange> changes_;
  std::vector<double> own_, global_;
  RunGuard guard_;
};

}  // namespace xinzhi::dea
