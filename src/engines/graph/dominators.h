// Dominator tree from a root (Lengauer & Tarjan 1979, the simple version with path
// compression, iterative): the immediate dominator of every node the root reaches. A node
// d dominates v when every path from the root to v passes through d — a single point of
// failure for v. For a chain with several sources, add a super-source over them first.
#pragma once
#include <vector>

#include "engines/graph/digraph.h"

namespace xinzhi::graph {

class DominatorTree {
 public:
  DominatorTree(const Digraph& g, NodeId root) : g_(g), root_(root) {}
  void run();
  static constexpr int64_t kUnreachable = -2;
  // Immediate dominator per node: −1 for the root (as igraph), kUnreachable when the root
  // does not reach the node.
  const std::vector<int64_t>& idom() const { return idom_; }
  // Nodes d dominates, d excluded (its subtree in the dominator tree).
  std::vector<NodeId> dominated_by(NodeId d) const;

 private:
  const Digraph& g_;
  NodeId root_;
  std::vector<int64_t> idom_;
};

}  // namespace xinzhi::graph
