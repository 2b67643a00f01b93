#include "engines/graph/dominators.h"

#include "base/error.h"

namespace xinzhi::graph {

// Our own Lengauer–Tarjan on the CSR arrays: Boost Graph's lengauer_tarjan_dominator_tree
// needs its property maps and adjacency_list copies; this one measured no slower than
// igraph's (bench/graph_metrics.py).
void DominatorTree::run() {
  const size_t n = g_.node_count();
  if (root_ >= n) invalid_input("root is not a node of the graph");
  constexpr uint32_t kNone = UINT32_MAX;
  // DFS numbering (1-based numbers, 0 = unvisited), iterative.
  std::vector<uint32_t> number(n, 0), parent(n, kNone), vertex(1, kNone);
  std::vector<std::pair<NodeId, uint32_t>> stack{{root_, 0}};
  number[root_] = 1;
  vertex.push_back(root_);
  while (!stack.empty()) {
    auto& [u, pos] = stack.back();
    auto out = g_.out(u);
    if (pos < out.size()) {
      NodeId v = out[pos++];
      if (number[v] == 0) {
        number[v] = static_cast<uint32_t>(vertex.size());
        vertex.push_back(v);
        parent[v] = u;
        stack.push_back({v, 0});
      }
    } else {
      stack.pop_back();
    }
  }
  const size_t reached = vertex.size() - 1;
  // Work on DFS numbers 1..reached.
  std::vector<uint32_t> semi(reached + 1), ancestor(reached + 1, 0), label(reached + 1), idom(reached + 1, 0),
      par(reached + 1, 0);
  std::vector<std::vector<uint32_t>> bucket(reached + 1);
  for (uint32_t i = 1; i <= reached; ++i) {
    semi[i] = label[i] = i;
    par[i] = i == 1 ? 0 : number[parent[vertex[i]]];
  }
  std::vector<uint32_t> path;
  auto eval = [&](uint32_t v) {
    if (ancestor[v] == 0) return v;
    // Compress the path to the forest root, iteratively.
    path.clear();
    for (uint32_t x = v; ancestor[ancestor[x]] != 0; x = ancestor[x]) path.push_back(x);
    for (size_t k = path.size(); k-- > 0;) {
      uint32_t x = path[k];
      if (semi[label[ancestor[x]]] < semi[label[x]]) label[x] = label[ancestor[x]];
      ancestor[x] = ancestor[ancestor[x]];
    }
    return label[v];
  };
  for (uint32_t w = static_cast<uint32_t>(reached); w >= 2; --w) {
    for (NodeId pred : g_.in(vertex[w])) {
      uint32_t v = number[pred];
      if (v == 0) continue;  // not reached from the root
      uint32_t u = eval(v);
      if (semi[u] < semi[w]) semi[w] = semi[u];
    }
    bucket[semi[w]].push_back(w);
    ancestor[w] = par[w];
    for (uint32_t v : bucket[par[w]]) {
      uint32_t u = eval(v);
      idom[v] = semi[u] < semi[v] ? u : par[w];
    }
    bucket[par[w]].clear();
  }
  for (uint32_t w = 2; w <= reached; ++w)
    if (idom[w] != semi[w]) idom[w] = idom[idom[w]];
  idom_.assign(n, kUnreachable);
  idom_[root_] = -1;
  for (uint32_t w = 2; w <= reached; ++w) idom_[vertex[w]] = vertex[idom[w]];
  guard_.mark_finished();
}

std::vector<NodeId> DominatorTree::dominated_by(NodeId d) const {
  guard_.assure_finished("DominatorTree");
  std::vector<NodeId> out;
  for (NodeId v = 0; v < idom_.size(); ++v) {
    if (v == d || idom_[v] == kUnreachable) continue;
    for (int64_t x = idom_[v]; x >= 0; x = idom_[x])
      if (x == static_cast<int64_t>(d)) {
        out.push_back(v);
        break;
      }
  }
  return out;
}

}  // namespace xinzhi::graph
