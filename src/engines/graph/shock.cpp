#include "engines/graph/shock.h"

#include <algorithm>

#include "base/error.h"

namespace xinzhi::graph {

void ShockPropagation::run() {
  const size_t n = g_.node_count();
  if (initial_.size() != n) invalid_input("one initial loss per node is needed");
  for (double h : initial_)
    if (!(h >= 0 && h <= 1)) invalid_input("initial losses must lie in [0, 1]");
  if (!dependence_.empty() && dependence_.size() != g_.edge_count())
    invalid_input("one dependence per edge is needed");
  auto weight = [&](NodeId v, uint32_t edge) {
    if (!dependence_.empty()) return dependence_[edge];
    size_t inputs = 0;
    for (NodeId u : g_.in(v)) inputs += u != v;
    return inputs ? 1.0 / static_cast<double>(inputs) : 0.0;
  };
  loss_ = initial_;
  std::vector<double> pending = initial_;  // increase not yet passed on
  rounds_ = 0;
  // Each round passes every pending increase downstream once; increases shrink
  // geometrically (weights ≤ 1, losses capped), so a small threshold ends cycles.
  for (bool moved = true; moved && rounds_ < 10'000; ++rounds_) {
    moved = false;
    std::vector<double> next(n, 0);
    for (NodeId u = 0; u < n; ++u) {
      if (pending[u] <= 1e-12) continue;
      auto out = g_.out(u);
      auto ids = g_.out_edge_ids(u);
      for (size_t i = 0; i < out.size(); ++i) {
        NodeId v = out[i];
        if (v == u) continue;
        double add = std::min(1.0 - loss_[v], weight(v, ids[i]) * pending[u]);
        if (add > 1e-12) loss_[v] += add, next[v] += add, moved = true;
      }
    }
    pending.swap(next);
  }
  double before = 0, after = 0;
  for (size_t i = 0; i < n; ++i) before += initial_[i], after += loss_[i];
  amplification_ = before > 0 ? after / before : 1;

  // Cut off: reachable from a source before, not after removing the nodes that lost all.
  auto reach = [&](bool remove) {
    std::vector<char> seen(n, 0);
    std::vector<NodeId> stack;
    for (NodeId u = 0; u < n; ++u) {
      bool source = true;
      for (NodeId p : g_.in(u)) source &= p == u;
      if (source && !(remove && initial_[u] >= 1)) seen[u] = 1, stack.push_back(u);
    }
    while (!stack.empty()) {
      NodeId u = stack.back();
      stack.pop_back();
      for (NodeId v : g_.out(u))
        if (!seen[v] && !(remove && initial_[v] >= 1)) seen[v] = 1, stack.push_back(v);
    }
    return seen;
  };
  auto before_reach = reach(false), after_reach = reach(true);
  cut_off_.clear();
  for (NodeId v = 0; v < n; ++v)
    if (before_reach[v] && !after_reach[v] && initial_[v] < 1) cut_off_.push_back(v);
  guard_.mark_finished();
}

}  // namespace xinzhi::graph
