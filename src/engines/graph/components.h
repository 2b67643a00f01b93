// Strongly connected components (iterative Tarjan) and the stage layering of a supply graph:
// cycles are legitimate there, so components are condensed first and each node's level is
// the longest path from a source of the condensation (level 0 = most upstream).
#pragma once
#include <vector>

#include "base/run_guard.h"
#include "engines/graph/digraph.h"

namespace xinzhi::graph {

// The getters of both classes need run() first (Internal otherwise).
class StronglyConnectedComponents {
 public:
  explicit StronglyConnectedComponents(const Digraph& g) : g_(g) {}
  void run();
  // Component of each node; components are numbered in reverse topological order of the
  // condensation (Tarjan's order: a component is numbered after all it reaches).
  const std::vector<NodeId>& component() const {
    guard_.assure_finished("StronglyConnectedComponents");
    return component_;
  }
  size_t count() const {
    guard_.assure_finished("StronglyConnectedComponents");
    return count_;
  }

 private:
  const Digraph& g_;
  std::vector<NodeId> component_;
  size_t count_ = 0;
  RunGuard guard_;
};

class StageLayering {
 public:
  explicit StageLayering(const Digraph& g) : g_(g) {}
  void run();
  const std::vector<int>& level() const {  // per node
    guard_.assure_finished("StageLayering");
    return level_;
  }
  int max_level() const {
    guard_.assure_finished("StageLayering");
    return max_level_;
  }
  // 0 upstream, 1 midstream, 2 downstream: thirds of the level range; a graph whose
  // levels are all equal is midstream throughout.
  int stage_of(NodeId u) const;

 private:
  const Digraph& g_;
  std::vector<int> level_;
  int max_level_ = 0;
  RunGuard guard_;
};

}  // namespace xinzhi::graph
