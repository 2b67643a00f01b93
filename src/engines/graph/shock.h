// ShockPropagation: DebtRank-style spread of a supply shock (Battiston et al. 2012; the
// differential form of Bardoscia et al. 2015, where each increase of a node's loss is passed
// on once): a node's loss h ∈ [0, 1] passes to each downstream node v in proportion to v's
// dependence on it, w_uv (the share of v's inputs that u supplies); losses cap at 1.
// Also reports the nodes cut off: no path left from any source once the shocked nodes that
// lost everything are removed.
#pragma once
#include <vector>

#include "base/run_guard.h"
#include "engines/graph/digraph.h"

namespace xinzhi::graph {

class ShockPropagation {
 public:
  // dependence: per input edge (Digraph edge ids), in [0, 1]; empty = equal shares of each
  // node's inputs (1 / in-degree). initial: per node, the loss it suffers directly. run()
  // refuses sizes or values outside these (InvalidInput); the getters need run() first
  // (Internal otherwise).
  ShockPropagation(const Digraph& g, std::vector<double> initial, std::vector<double> dependence = {})
      : g_(g), initial_(std::move(initial)), dependence_(std::move(dependence)) {}
  void run();
  const std::vector<double>& loss() const {  // per node, in [0, 1]
    guard_.assure_finished("ShockPropagation");
    return loss_;
  }
  // Total loss over the initial loss (1 when nothing spreads).
  double amplification() const {
    guard_.assure_finished("ShockPropagation");
    return amplification_;
  }
  const std::vector<NodeId>& cut_off() const {  // ascending, shocked nodes excluded
    guard_.assure_finished("ShockPropagation");
    return cut_off_;
  }
  int rounds() const {
    guard_.assure_finished("ShockPropagation");
    return rounds_;
  }

 private:
  const Digraph& g_;
  std::vector<double> initial_, dependence_;
  std::vector<double> loss_;
  double amplification_ = 1;
  std::vector<NodeId> cut_off_;
  int rounds_ = 0;
  RunGuard guard_;
};

}  // namespace xinzhi::graph
