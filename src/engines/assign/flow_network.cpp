#include "engines/assign/flow_network.h"

#include <lemon/network_simplex.h>
#include <lemon/static_graph.h>

#include <limits>
#include <queue>
#include <utility>

#include "base/error.h"

namespace xinzhi::assign {

namespace {

// A read-only LEMON map over one field of the arc array (LEMON asks only for Key, Value and []).
template <typename T, T FlowArc::*Field>
struct ArcFieldMap {
  using Key = lemon::StaticDigraph::Arc;
  using Value = T;
  const std::vector<FlowArc>* arcs;
  Value operator[](Key arc) const { return (*arcs)[lemon::StaticDigraph::id(arc)].*Field; }
};

struct SupplyMap {
  using Key = lemon::StaticDigraph::Node;
  using Value = int64_t;
  const std::vector<int64_t>* supply;
  Value operator[](Key node) const { return (*supply)[lemon::StaticDigraph::id(node)]; }
};

}  // namespace

// Flows are int64 too: LEMON sums supplies in the flow type, and a sum of demands may pass 2^31.
struct FlowNetwork::Solver {
  lemon::StaticDigraph graph;
  std::unique_ptr<lemon::NetworkSimplex<lemon::StaticDigraph, int64_t, int64_t>> simplex;
};

FlowNetwork::FlowNetwork(int32_t nodes, std::vector<FlowArc> arcs)
    : nodes_(nodes), arcs_(std::move(arcs)), solver_(std::make_unique<Solver>()) {
  std::vector<std::pair<int, int>> ends;
  ends.reserve(arcs_.size());
  for (size_t i = 0; i < arcs_.size(); ++i) {
    if (i > 0 && arcs_[i].from < arcs_[i - 1].from)
      fail(ErrorCode::Internal, "FlowNetwork: arcs must be sorted by their tail");
    ends.emplace_back(arcs_[i].from, arcs_[i].to);
  }
  solver_->graph.build(nodes_, ends.begin(), ends.end());
  solver_->simplex = std::make_unique<lemon::NetworkSimplex<lemon::StaticDigraph, int64_t, int64_t>>(solver_->graph);
}

FlowNetwork::~FlowNetwork() = default;
FlowNetwork::FlowNetwork(FlowNetwork&&) noexcept = default;
FlowNetwork& FlowNetwork::operator=(FlowNetwork&&) noexcept = default;

bool FlowNetwork::solve(const std::vector<int64_t>& supply) {
  using Lower = ArcFieldMap<int32_t, &FlowArc::lower>;
  using Upper = ArcFieldMap<int32_t, &FlowArc::upper>;
  using Cost = ArcFieldMap<int64_t, &FlowArc::cost>;
  auto& simplex = *solver_->simplex;
  simplex.reset();
  simplex.lowerMap(Lower{&arcs_}).upperMap(Upper{&arcs_}).costMap(Cost{&arcs_}).supplyMap(SupplyMap{&supply});
  // Block search is LEMON's default pivot rule and its fastest on assignment-shaped networks
  // here (bench/match_assign.py).
  auto status = simplex.run();
  if (status == lemon::NetworkSimplex<lemon::StaticDigraph, int64_t, int64_t>::UNBOUNDED)
    fail(ErrorCode::Internal, "FlowNetwork: unbounded (every arc has a finite capacity)");
  if (status != lemon::NetworkSimplex<lemon::StaticDigraph, int64_t, int64_t>::OPTIMAL) return false;
  flow_.resize(arcs_.size());
  for (size_t i = 0; i < arcs_.size(); ++i) flow_[i] = static_cast<int32_t>(simplex.flow(solver_->graph.arc(int(i))));
  potential_.resize(size_t(nodes_));
  for (int32_t v = 0; v < nodes_; ++v) potential_[size_t(v)] = simplex.potential(solver_->graph.node(v));
  return true;
}

std::vector<int64_t> FlowNetwork::residual_distances(int32_t from) const {
  // The residual graph in both directions, as adjacency lists of (head, reduced cost).
  std::vector<int32_t> start(size_t(nodes_) + 1, 0);
  auto each_residual = [&](auto&& visit) {
    for (size_t i = 0; i < arcs_.size(); ++i) {
      const auto& a = arcs_[i];
      int64_t reduced = a.cost + potential_[size_t(a.from)] - potential_[size_t(a.to)];
      if (flow_[i] < a.upper) visit(a.from, a.to, reduced);
      if (flow_[i] > a.lower) visit(a.to, a.from, -reduced);
    }
  };
  each_residual([&](int32_t u, int32_t, int64_t) { ++start[size_t(u) + 1]; });
  for (size_t v = 0; v < size_t(nodes_); ++v) start[v + 1] += start[v];
  std::vector<std::pair<int32_t, int64_t>> out(size_t(start.back()));
  std::vector<int32_t> fill(start.begin(), start.end() - 1);
  // At an optimum every residual arc's reduced cost is ≥ 0; clamp the rounding-free integers
  // anyway so that Dijkstra stays correct should the solver stop at a tolerance.
  each_residual([&](int32_t u, int32_t v, int64_t c) { out[size_t(fill[size_t(u)]++)] = {v, c < 0 ? 0 : c}; });

  constexpr int64_t unreachable = std::numeric_limits<int64_t>::max();
  std::vector<int64_t> distance(size_t(nodes_), unreachable);
  using Entry = std::pair<int64_t, int32_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  distance[size_t(from)] = 0;
  queue.emplace(0, from);
  while (!queue.empty()) {
    auto [d, u] = queue.top();
    queue.pop();
    if (d != distance[size_t(u)]) continue;
    for (int32_t k = start[size_t(u)]; k < start[size_t(u) + 1]; ++k) {
      auto [v, c] = out[size_t(k)];
      if (d + c < distance[size_t(v)]) {
        distance[size_t(v)] = d + c;
        queue.emplace(d + c, v);
      }
    }
  }
  return distance;
}

}  // namespace xinzhi::assign
