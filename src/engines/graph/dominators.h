// Dominator tree from a root (Lengauer & Tarjan 1979, the simple version with path
// compression, iterative): the immediate dominator of every node the root reaches. A node
// d dominates v when every path from the root to v passes through d — a single point of
// failure for v. For a chain with several sources, add a super-source over them first.
#pragma once
#include <vector>

#include "base/run_guard.h"
#include "engines/graph/digraph.h"

namespace xinzhi::graph {

class DominatorTree {
 public:
  DominatorTree(const Digraph& g, NodeId root) : g_(g), root_(root) {}
  // InvalidInput when the root is not a node of the graph; the getters need run() first
  // (Internal otherwise).
  void run();
  static constexpr int64_t kUnreachable = -2;
  // Immediate dominator per node: −1 for the root (as igraph), kUnreachable when the root
  // does not reach the node.
  const std::vector<int64_t>& idom() const {
    guard_.assure_finished("DominatorTree");
    return idom_;
  }
  // Nodes d dominates, d excluded (its subtree in the dominator tree).
  std::vector<NodeId> dominated_by(NodeId d) const;

 private:
  const Digraph& g_;
  NodeId root_;
  std::vector<int64_t> idom_;
  RunGuard guard_;
};

}  // namespace xinzhi::graph
