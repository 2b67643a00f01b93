#include "engines/graph/betweenness.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <queue>
#include <random>
#include <stdexcept>

namespace xinzhi::graph {

namespace {
// Our own Brandes rather than Boost Graph's: CSR arrays reused per thread and predecessors
// found again from the in-lists instead of stored, which measured faster than igraph
// (bench/graph_metrics.py); oneTBB spreads the sources over the cores.
struct Workspace {
  std::vector<double> sigma, delta, dist;
  std::vector<NodeId> order;
  std::vector<double> acc;
  explicit Workspace(size_t n) : sigma(n), delta(n), dist(n), acc(n, 0) { order.reserve(n); }
};

template <class Visit>
void for_each_neighbour(const Digraph& g, bool directed, NodeId u, bool forward, Visit visit) {
  if (directed) {
    auto nodes = forward ? g.out(u) : g.in(u);
    auto ids = forward ? g.out_edge_ids(u) : g.in_edge_ids(u);
    for (size_t i = 0; i < nodes.size(); ++i) visit(nodes[i], ids[i]);
  } else {
    auto a = g.out(u), b = g.in(u);
    auto ia = g.out_edge_ids(u), ib = g.in_edge_ids(u);
    for (size_t i = 0; i < a.size(); ++i) visit(a[i], ia[i]);
    for (size_t i = 0; i < b.size(); ++i) visit(b[i], ib[i]);
  }
}

void single_source(const Digraph& g, bool directed, const std::vector<double>& w, NodeId s, Workspace& ws) {
  const size_t n = g.node_count();
  constexpr double inf = std::numeric_limits<double>::infinity();
  std::fill(ws.sigma.begin(), ws.sigma.end(), 0.0);
  std::fill(ws.dist.begin(), ws.dist.end(), inf);
  ws.order.clear();
  ws.sigma[s] = 1;
  ws.dist[s] = 0;
  if (w.empty()) {
    ws.order.push_back(s);
    for (size_t head = 0; head < ws.order.size(); ++head) {
      NodeId u = ws.order[head];
      for_each_neighbour(g, directed, u, true, [&](NodeId v, uint32_t) {
        if (v == u) return;
        if (ws.dist[v] == inf) ws.dist[v] = ws.dist[u] + 1, ws.order.push_back(v);
        if (ws.dist[v] == ws.dist[u] + 1) ws.sigma[v] += ws.sigma[u];
      });
    }
  } else {
    using Item = std::pair<double, NodeId>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
    heap.push({0, s});
    std::vector<char> done(n, 0);
    while (!heap.empty()) {
      auto [d, u] = heap.top();
      heap.pop();
      if (done[u]) continue;
      done[u] = 1;
      ws.order.push_back(u);
      for_each_neighbour(g, directed, u, true, [&](NodeId v, uint32_t e) {
        if (v == u) return;
        double nd = d + w[e];
        if (nd < ws.dist[v]) {
          ws.dist[v] = nd, ws.sigma[v] = ws.sigma[u];
          heap.push({nd, v});
        } else if (nd == ws.dist[v]) {
          ws.sigma[v] += ws.sigma[u];
        }
      });
    }
  }
  for (NodeId v : ws.order) ws.delta[v] = 0;
  // Back-propagation in reverse order of distance; predecessors are found again from the
  // reverse adjacency instead of being stored.
  for (size_t i = ws.order.size(); i-- > 0;) {
    NodeId v = ws.order[i];
    for_each_neighbour(g, directed, v, false, [&](NodeId u, uint32_t e) {
      if (u == v || ws.dist[u] == inf) return;
      double step = w.empty() ? 1.0 : w[e];
      if (ws.dist[u] + step == ws.dist[v]) ws.delta[u] += ws.sigma[u] / ws.sigma[v] * (1 + ws.delta[v]);
    });
    if (v != s) ws.acc[v] += ws.delta[v];
  }
}
}  // namespace

void Betweenness::run() {
  const size_t n = g_.node_count();
  if (!weights_.empty()) {
    if (weights_.size() != g_.edge_count()) throw std::invalid_argument("one weight per edge is needed");
    for (double x : weights_)
      if (!(x > 0) || !std::isfinite(x)) throw std::invalid_argument("weights must be positive and finite");
  }
  std::vector<NodeId> sources(n);
  std::iota(sources.begin(), sources.end(), 0);
  double scale = 1;
  if (samples_ > 0 && samples_ < n) {
    std::mt19937_64 rng(seed_);
    std::shuffle(sources.begin(), sources.end(), rng);
    sources.resize(samples_);
    std::sort(sources.begin(), sources.end());
    scale = static_cast<double>(n) / samples_;
  }
  tbb::enumerable_thread_specific<Workspace> spaces([n] { return Workspace(n); });
  tbb::parallel_for(tbb::blocked_range<size_t>(0, sources.size(), 16), [&](const tbb::blocked_range<size_t>& r) {
    auto& ws = spaces.local();
    for (size_t i = r.begin(); i != r.end(); ++i) single_source(g_, directed_, weights_, sources[i], ws);
  });
  scores_.assign(n, 0);
  for (auto& ws : spaces)
    for (size_t v = 0; v < n; ++v) scores_[v] += ws.acc[v];
  for (auto& x : scores_) x *= scale / (directed_ ? 1.0 : 2.0);
}

}  // namespace xinzhi::graph
