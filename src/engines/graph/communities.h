// Louvain community detection (Blondel, Guillaume, Lambiotte, Lefebvre 2008) on an
// undirected weighted graph, and Newman's modularity of any partition.
#pragma once
#include <cstdint>
#include <vector>

#include "base/run_guard.h"
#include "engines/graph/digraph.h"

namespace xinzhi::graph {

struct WeightedEdge {
  NodeId u, v;
  double weight = 1.0;
};

// Q = Σ_c [ L_c / m − (d_c / 2m)² ] with L_c the weight inside community c and d_c its
// total degree; parallel edges add up, as in networkx. InvalidInput unless there is one community
// per node and every edge names nodes below node_count.
double modularity(size_t node_count, const std::vector<WeightedEdge>& edges, const std::vector<uint32_t>& community);

class LouvainCommunities {
 public:
  LouvainCommunities(size_t node_count, std::vector<WeightedEdge> edges) : n_(node_count), edges_(std::move(edges)) {}
  // Nodes are visited in index order, so the result is deterministic. InvalidInput when an edge
  // names a node beyond node_count; the getters need run() first (Internal otherwise).
  void run();
  // Community of each node, numbered 0, 1, … in order of each community's first node.
  const std::vector<uint32_t>& community() const {
    guard_.assure_finished("LouvainCommunities");
    return community_;
  }
  size_t count() const {
    guard_.assure_finished("LouvainCommunities");
    return count_;
  }
  double modularity() const {
    guard_.assure_finished("LouvainCommunities");
    return modularity_;
  }

 private:
  size_t n_;
  std::vector<WeightedEdge> edges_;
  std::vector<uint32_t> community_;
  size_t count_ = 0;
  double modularity_ = 0;
  RunGuard guard_;
};

}  // namespace xinzhi::graph
