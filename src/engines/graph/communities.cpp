#include "engines/graph/communities.h"

#include <algorithm>
#include <unordered_map>

#include "base/error.h"

namespace xinzhi::graph {

double modularity(size_t n, const std::vector<WeightedEdge>& edges, const std::vector<uint32_t>& community) {
  if (community.size() != n) invalid_input("one community per node is needed");
  double m = 0;
  std::unordered_map<uint32_t, double> inside, degree;
  for (const auto& e : edges) {
    if (e.u >= n || e.v >= n) invalid_input("edge names a node beyond node_count");
    m += e.weight;
    degree[community[e.u]] += e.weight;
    degree[community[e.v]] += e.weight;
    if (community[e.u] == community[e.v]) inside[community[e.u]] += e.weight;
  }
  if (m == 0) return 0;
  double q = 0;
  for (auto& [c, d] : degree) q += inside[c] / m - (d / (2 * m)) * (d / (2 * m));
  return q;
}

namespace {
// One level of the method: adjacency lists of a (possibly aggregated) graph.
struct Level {
  std::vector<std::vector<std::pair<uint32_t, double>>> adj;  // neighbour, weight (self-loops once, weight 2w)
  std::vector<double> degree;
  double total = 0;  // 2m
};

Level build_level(size_t n, const std::vector<WeightedEdge>& edges) {
  Level l;
  l.adj.resize(n);
  l.degree.assign(n, 0);
  for (const auto& e : edges) {
    if (e.u >= n || e.v >= n) invalid_input("edge names a node beyond node_count");
    if (e.u == e.v) {
      l.adj[e.u].push_back({e.u, 2 * e.weight});
    } else {
      l.adj[e.u].push_back({e.v, e.weight});
      l.adj[e.v].push_back({e.u, e.weight});
    }
    l.degree[e.u] += e.weight;
    l.degree[e.v] += e.weight;
    l.total += 2 * e.weight;
  }
  return l;
}

// Moves nodes between communities while modularity grows; returns whether any moved.
bool local_moving(const Level& l, std::vector<uint32_t>& comm) {
  const size_t n = l.adj.size();
  std::vector<double> tot(n, 0);
  for (size_t i = 0; i < n; ++i) tot[comm[i]] += l.degree[i];
  std::vector<double> link(n, 0);
  std::vector<uint32_t> touched;
  bool moved_any = false, moved = true;
  while (moved) {
    moved = false;
    for (uint32_t i = 0; i < n; ++i) {
      uint32_t own = comm[i];
      touched.clear();
      for (auto [j, w] : l.adj[i]) {
        if (j == i) continue;
        if (link[comm[j]] == 0) touched.push_back(comm[j]);
        link[comm[j]] += w;
      }
      tot[own] -= l.degree[i];
      // Gain of joining c (up to a constant factor): k_i,c − tot_c · k_i / 2m.
      uint32_t best = own;
      double best_gain = link[own] - tot[own] * l.degree[i] / l.total;
      for (uint32_t c : touched) {
        double gain = link[c] - tot[c] * l.degree[i] / l.total;
        if (gain > best_gain + 1e-12) best = c, best_gain = gain;
      }
      tot[best] += l.degree[i];
      if (best != own) comm[i] = best, moved = moved_any = true;
      link[own] = 0;
      for (uint32_t c : touched) link[c] = 0;
    }
  }
  return moved_any;
}
}  // namespace

void LouvainCommunities::run() {
  // node → its node in the current level; each level's nodes are the last level's communities.
  std::vector<uint32_t> node_of(n_);
  for (uint32_t i = 0; i < n_; ++i) node_of[i] = i;
  std::vector<WeightedEdge> edges = edges_;
  size_t level_nodes = n_;
  while (true) {
    Level level = build_level(level_nodes, edges);
    std::vector<uint32_t> comm(level_nodes);
    for (uint32_t i = 0; i < level_nodes; ++i) comm[i] = i;
    if (!local_moving(level, comm)) break;
    // Renumber communities densely and aggregate.
    std::vector<uint32_t> dense(level_nodes, UINT32_MAX);
    uint32_t next = 0;
    for (uint32_t i = 0; i < level_nodes; ++i)
      if (dense[comm[i]] == UINT32_MAX) dense[comm[i]] = next++;
    for (auto& x : node_of) x = dense[comm[x]];
    std::unordered_map<uint64_t, double> merged;
    for (const auto& e : edges) {
      uint32_t a = dense[comm[e.u]], b = dense[comm[e.v]];
      if (a > b) std::swap(a, b);
      merged[static_cast<uint64_t>(a) << 32 | b] += e.weight;
    }
    edges.clear();
    for (auto& [key, w] : merged) edges.push_back({static_cast<NodeId>(key >> 32), static_cast<NodeId>(key), w});
    std::sort(edges.begin(), edges.end(), [](const WeightedEdge& x, const WeightedEdge& y) {
      return x.u != y.u ? x.u < y.u : x.v < y.v;
    });
    if (next == level_nodes) break;
    level_nodes = next;
  }
  // Number communities by their first node.
  std::unordered_map<uint32_t, uint32_t> order;
  community_.resize(n_);
  for (uint32_t i = 0; i < n_; ++i) {
    auto [it, fresh] = order.emplace(node_of[i], static_cast<uint32_t>(order.size()));
    community_[i] = it->second;
  }
  count_ = order.size();
  modularity_ = graph::modularity(n_, edges_, community_);
  guard_.mark_finished();
}

}  // namespace xinzhi::graph
