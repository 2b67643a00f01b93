// Cut structure of a graph read as undirected (as igraph does): articulation points (nodes
// whose removal disconnects their component) and bridges (edges whose removal does), by
// Hopcroft–Tarjan low-link in one iterative DFS; and k-cores (Batagelj & Zaversnik 2003).
#pragma once
#include <vector>

#include "base/run_guard.h"
#include "engines/graph/digraph.h"

namespace xinzhi::graph {

// The getters of both classes need run() first (Internal otherwise).
class CutStructure {
 public:
  explicit CutStructure(const Digraph& g) : g_(g) {}
  void run();
  const std::vector<NodeId>& articulation_points() const {  // ascending
    guard_.assure_finished("CutStructure");
    return points_;
  }
  const std::vector<uint32_t>& bridges() const {  // input edge ids, ascending
    guard_.assure_finished("CutStructure");
    return bridges_;
  }

 private:
  const Digraph& g_;
  std::vector<NodeId> points_;
  std::vector<uint32_t> bridges_;
  RunGuard guard_;
};

// Coreness of every node: the largest k such that the node is in a subgraph where every
// node has degree ≥ k. Degree counts in- and out-edges, a self-loop twice (igraph, mode all).
class CoreDecomposition {
 public:
  explicit CoreDecomposition(const Digraph& g) : g_(g) {}
  void run();
  const std::vector<uint32_t>& coreness() const {
    guard_.assure_finished("CoreDecomposition");
    return core_;
  }

 private:
  const Digraph& g_;
  std::vector<uint32_t> core_;
  RunGuard guard_;
};

}  // namespace xinzhi::graph
