// assign::FlowNetwork: a min-cost flow problem held as arc arrays sorted by tail, solved by
// LEMON's network simplex on a StaticDigraph (built once; bounds and costs may change between
// solves), with the residual graph's shortest paths for exchange costs. Internal to assign/.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

namespace xinzhi::assign {

struct FlowArc {
  int32_t from, to;
  int32_t lower, upper;
  int64_t cost;
};

class FlowNetwork {
 public:
  // `arcs` sorted by `from` (LEMON's StaticDigraph keeps them in that order, so arc i is arcs[i]).
  FlowNetwork(int32_t nodes, std::vector<FlowArc> arcs);
  ~FlowNetwork();
  FlowNetwork(FlowNetwork&&) noexcept;
  FlowNetwork& operator=(FlowNetwork&&) noexcept;

  std::vector<FlowArc>& arcs() { return arcs_; }
  const std::vector<FlowArc>& arcs() const { return arcs_; }
  // Minimum cost for these supplies (positive: source; they sum to 0); false when infeasible.
  bool solve(const std::vector<int64_t>& supply);
  int32_t flow(size_t arc) const { return flow_[arc]; }
  int64_t potential(int32_t node) const { return potential_[node]; }
  // Cheapest residual path costs (in the solver's reduced costs, so all ≥ 0 at an optimum) from
  // `from` to every node; INT64_MAX where none reaches.
  std::vector<int64_t> residual_distances(int32_t from) const;

 private:
  struct Solver;
  int32_t nodes_;
  std::vector<FlowArc> arcs_;
  std::vector<int32_t> flow_;
  std::vector<int64_t> potential_;
  std::unique_ptr<Solver> solver_;
};

}  // namespace xinzhi::assign
