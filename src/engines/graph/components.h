// Strongly connected components (iterative Tarjan) and the stage layering of a supply graph:
// cycles are legitimate there, so components are condensed first and each node's level is
// the longest path from a source of the condensation (level 0 = most upstream).
#pragma once
#include <vector>

#include "engines/graph/digraph.h"

namespace xinzhi::graph {

class StronglyConnectedComponents {
 public:
  explicit StronglyConnectedComponents(const Digraph& g) : g_(g) {}
  void run();
  // Component of each node; components are numbered in reverse topological order of the
  // condensation (Tarjan's order: a component is numbered after all it reaches).
  const std::vector<NodeId>& component() const { return component_; }
  size_t count() const { return count_; }

 private:
  const Digraph& g_;
  std::vector<NodeId> component_;
  size_t count_ = 0;
};

class StageLayering {
 public:
  explicit StageLayering(const Digraph& g) : g_(g) {}
  void run();
  const std::vector<int>& level() const { return level_; }  // per node
  int max_level() const { return max_level_; }
  // 0 upstream, 1 midstream, 2 downstream: thirds of the level range; a graph whose
  // levels are all equal is midstream throughout.
  int stage_of(NodeId u) const;

 private:
  const Digraph& g_;
  std::vector<int> level_;
  int max_level_ = 0;
};

}  // namespace xinzhi::graph
