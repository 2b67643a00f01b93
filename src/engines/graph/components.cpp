#include "engines/graph/components.h"

#include <algorithm>
#include <limits>

namespace xinzhi::graph {

void StronglyConnectedComponents::run() {
  const size_t n = g_.node_count();
  constexpr NodeId kUnset = std::numeric_limits<NodeId>::max();
  std::vector<NodeId> index(n, kUnset), low(n, 0);
  std::vector<bool> on_stack(n, false);
  std::vector<NodeId> stack;
  component_.assign(n, kUnset);
  count_ = 0;
  NodeId next_index = 0;
  // Explicit call stack of (node, position in its out-list): no recursion, any depth.
  std::vector<std::pair<NodeId, uint32_t>> frames;
  for (NodeId root = 0; root < n; ++root) {
    if (index[root] != kUnset) continue;
    frames.push_back({root, 0});
    index[root] = low[root] = next_index++;
    stack.push_back(root);
    on_stack[root] = true;
    while (!frames.empty()) {
      auto& [u, pos] = frames.back();
      auto out = g_.out(u);
      if (pos < out.size()) {
        NodeId v = out[pos++];
        if (index[v] == kUnset) {
          index[v] = low[v] = next_index++;
          stack.push_back(v);
          on_stack[v] = true;
          frames.push_back({v, 0});
        } else if (on_stack[v]) {
          low[u] = std::min(low[u], index[v]);
        }
        continue;
      }
      NodeId done = u;
      frames.pop_back();
      if (!frames.empty()) low[frames.back().first] = std::min(low[frames.back().first], low[done]);
      if (low[done] == index[done]) {
        NodeId w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = false;
          component_[w] = static_cast<NodeId>(count_);
        } while (w != done);
        ++count_;
      }
    }
  }
  guard_.mark_finished();
}

void StageLayering::run() {
  StronglyConnectedComponents scc(g_);
  scc.run();
  const auto& comp = scc.component();
  const size_t c = scc.count();
  // Tarjan numbers a component after everything it reaches, so walking components from the
  // highest number down visits every component before its successors.
  std::vector<std::vector<NodeId>> members(c);
  for (NodeId u = 0; u < g_.node_count(); ++u) members[comp[u]].push_back(u);
  std::vector<int> comp_level(c, 0);
  for (size_t k = c; k-- > 0;)
    for (NodeId u : members[k])
      for (NodeId v : g_.out(u))
        if (comp[v] != k) comp_level[comp[v]] = std::max(comp_level[comp[v]], comp_level[k] + 1);
  level_.resize(g_.node_count());
  max_level_ = 0;
  for (NodeId u = 0; u < g_.node_count(); ++u) {
    level_[u] = comp_level[comp[u]];
    max_level_ = std::max(max_level_, level_[u]);
  }
  guard_.mark_finished();
}

int StageLayering::stage_of(NodeId u) const {
  guard_.assure_finished("StageLayering");
  if (max_level_ == 0) return 1;
  double x = static_cast<double>(level_[u]) / max_level_;
  return x < 1.0 / 3 ? 0 : x > 2.0 / 3 ? 2 : 1;
}

}  // namespace xinzhi::graph
