#include "engines/graph/reach.h"

namespace xinzhi::graph {

void HopReach::run() {
  distance_.assign(g_.node_count(), -1);
  std::vector<NodeId> frontier, next;
  for (NodeId s : sources_)
    if (s < g_.node_count() && distance_[s] < 0) distance_[s] = 0, frontier.push_back(s);
  for (int step = 1; step <= hops_ && !frontier.empty(); ++step) {
    next.clear();
    auto visit = [&](NodeId v) {
      if (distance_[v] < 0) distance_[v] = step, next.push_back(v);
    };
    for (NodeId u : frontier) {
      if (direction_ != Direction::Upstream)
        for (NodeId v : g_.out(u)) visit(v);
      if (direction_ != Direction::Downstream)
        for (NodeId v : g_.in(u)) visit(v);
    }
    frontier.swap(next);
  }
  guard_.mark_finished();
}

std::vector<NodeId> HopReach::reached() const {
  guard_.assure_finished("HopReach");
  std::vector<NodeId> out;
  for (NodeId u = 0; u < distance_.size(); ++u)
    if (distance_[u] >= 0) out.push_back(u);
  return out;
}

}  // namespace xinzhi::graph
