// Digraph: a compressed-sparse-row directed graph over nodes 0..n-1, with both out- and
// in-adjacency so that upstream and downstream walks cost the same.
#pragma once
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace xinzhi::graph {

using NodeId = uint32_t;
using Edge = std::pair<NodeId, NodeId>;  // from → to (upstream → downstream in a chain)

class Digraph {
 public:
  Digraph() = default;
  // Builds from an edge list; self-loops are kept. Parallel edges are kept once unless
  // keep_parallel (igraph's metrics treat a multigraph's parallel edges as distinct paths).
  // InvalidInput when an edge names a node beyond node_count.
  Digraph(size_t node_count, std::span<const Edge> edges, bool keep_parallel = false);
  size_t node_count() const { return out_offsets_.empty() ? 0 : out_offsets_.size() - 1; }
  size_t edge_count() const { return out_targets_.size(); }
  std::span<const NodeId> out(NodeId u) const {
    return {out_targets_.data() + out_offsets_[u], out_targets_.data() + out_offsets_[u + 1]};
  }
  std::span<const NodeId> in(NodeId u) const {
    return {in_sources_.data() + in_offsets_[u], in_sources_.data() + in_offsets_[u + 1]};
  }
  // The input position of each edge in out(u) / in(u), to look up per-edge data (weights).
  std::span<const uint32_t> out_edge_ids(NodeId u) const {
    return {out_ids_.data() + out_offsets_[u], out_ids_.data() + out_offsets_[u + 1]};
  }
  std::span<const uint32_t> in_edge_ids(NodeId u) const {
    return {in_ids_.data() + in_offsets_[u], in_ids_.data() + in_offsets_[u + 1]};
  }

 private:
  std::vector<uint32_t> out_offsets_, in_offsets_;
  std::vector<NodeId> out_targets_, in_sources_;
  std::vector<uint32_t> out_ids_, in_ids_;
};

}  // namespace xinzhi::graph
