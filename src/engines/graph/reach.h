// HopReach: breadth-first distances from a set of sources, at most `hops` steps, walking
// out-edges (downstream), in-edges (upstream) or both.
#pragma once
#include <vector>

#include "base/run_guard.h"
#include "engines/graph/digraph.h"

namespace xinzhi::graph {

enum class Direction { Downstream, Upstream, Both };

class HopReach {
 public:
  HopReach(const Digraph& g, std::vector<NodeId> sources, int hops, Direction direction)
      : g_(g), sources_(std::move(sources)), hops_(hops), direction_(direction) {}
  void run();
  // Steps from the nearest source, or -1 when not reached within `hops`; after run() (Internal
  // before it), as reached().
  const std::vector<int>& distance() const {
    guard_.assure_finished("HopReach");
    return distance_;
  }
  std::vector<NodeId> reached() const;

 private:
  const Digraph& g_;
  std::vector<NodeId> sources_;
  int hops_;
  Direction direction_;
  std::vector<int> distance_;
  RunGuard guard_;
};

}  // namespace xinzhi::graph
