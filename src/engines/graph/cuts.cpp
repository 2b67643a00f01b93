#include "engines/graph/cuts.h"

#include <algorithm>

namespace xinzhi::graph {

void CutStructure::run() {
  const size_t n = g_.node_count();
  constexpr uint32_t kUnset = UINT32_MAX;
  std::vector<uint32_t> disc(n, kUnset), low(n, 0);
  std::vector<char> is_point(n, 0);
  points_.clear();
  bridges_.clear();
  // Frame: node, the edge id it was entered by (not to be walked back), position in its
  // undirected neighbour list (out-list, then in-list), children in the DFS tree.
  struct Frame {
    NodeId u;
    uint32_t via;
    uint32_t pos;
    uint32_t children;
  };
  std::vector<Frame> stack;
  uint32_t time = 0;
  for (NodeId root = 0; root < n; ++root) {
    if (disc[root] != kUnset) continue;
    disc[root] = low[root] = time++;
    stack.push_back({root, kUnset, 0, 0});
    while (!stack.empty()) {
      Frame& f = stack.back();
      auto out = g_.out(f.u), in = g_.in(f.u);
      auto out_ids = g_.out_edge_ids(f.u), in_ids = g_.in_edge_ids(f.u);
      if (f.pos < out.size() + in.size()) {
        bool fwd = f.pos < out.size();
        NodeId v = fwd ? out[f.pos] : in[f.pos - out.size()];
        uint32_t e = fwd ? out_ids[f.pos] : in_ids[f.pos - out.size()];
        ++f.pos;
        if (e == f.via || v == f.u) continue;  // the tree edge back to the parent, or a self-loop
        if (disc[v] == kUnset) {
          disc[v] = low[v] = time++;
          ++f.children;
          stack.push_back({v, e, 0, 0});
        } else {
          low[f.u] = std::min(low[f.u], disc[v]);
        }
        continue;
      }
      Frame done = f;
      stack.pop_back();
      if (stack.empty()) {
        if (done.children > 1) is_point[done.u] = 1;  // a root with two subtrees
        continue;
      }
      NodeId p = stack.back().u;
      low[p] = std::min(low[p], low[done.u]);
      if (low[done.u] > disc[p]) bridges_.push_back(done.via);
      if (low[done.u] >= disc[p] && stack.size() > 1) is_point[p] = 1;
    }
  }
  for (NodeId u = 0; u < n; ++u)
    if (is_point[u]) points_.push_back(u);
  std::sort(bridges_.begin(), bridges_.end());
  guard_.mark_finished();
}

void CoreDecomposition::run() {
  const size_t n = g_.node_count();
  std::vector<uint32_t> deg(n);
  uint32_t max_deg = 0;
  for (NodeId u = 0; u < n; ++u) {
    deg[u] = static_cast<uint32_t>(g_.out(u).size() + g_.in(u).size());
    max_deg = std::max(max_deg, deg[u]);
  }
  // Bucket sort by degree, then peel in order of current degree.
  std::vector<uint32_t> bin(max_deg + 2, 0), pos(n), vert(n);
  for (NodeId u = 0; u < n; ++u) ++bin[deg[u]];
  uint32_t start = 0;
  for (uint32_t d = 0; d <= max_deg; ++d) {
    uint32_t count = bin[d];
    bin[d] = start;
    start += count;
  }
  for (NodeId u = 0; u < n; ++u) {
    pos[u] = bin[deg[u]]++;
    vert[pos[u]] = u;
  }
  for (uint32_t d = max_deg; d > 0; --d) bin[d] = bin[d - 1];
  bin[0] = 0;
  auto lower = [&](NodeId w, NodeId v) {
    if (w == v || deg[w] <= deg[v]) return;
    uint32_t dw = deg[w], pw = pos[w], ps = bin[dw];
    NodeId first = vert[ps];
    if (first != w) std::swap(vert[pw], vert[ps]), pos[first] = pw, pos[w] = ps;
    ++bin[dw];
    --deg[w];
  };
  for (uint32_t i = 0; i < n; ++i) {
    NodeId v = vert[i];
    for (NodeId w : g_.out(v)) lower(w, v);
    for (NodeId w : g_.in(v)) lower(w, v);
  }
  core_ = deg;
  guard_.mark_finished();
}

}  // namespace xinzhi::graph
