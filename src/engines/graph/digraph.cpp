#include "engines/graph/digraph.h"

#include <algorithm>
#include <stdexcept>

namespace xinzhi::graph {

namespace {
// Counting sort of (key, value) pairs into CSR offsets and values.
void build_csr(size_t n, const std::vector<Edge>& edges, bool by_target, std::vector<uint32_t>& offsets,
               std::vector<NodeId>& values) {
  offsets.assign(n + 1, 0);
  for (auto& [u, v] : edges) ++offsets[(by_target ? v : u) + 1];
  for (size_t i = 0; i < n; ++i) offsets[i + 1] += offsets[i];
  values.resize(edges.size());
  std::vector<uint32_t> cursor(offsets.begin(), offsets.end() - 1);
  for (auto& [u, v] : edges) values[cursor[by_target ? v : u]++] = by_target ? u : v;
}
}  // namespace

Digraph::Digraph(size_t node_count, std::span<const Edge> edges) {
  std::vector<Edge> unique(edges.begin(), edges.end());
  for (auto& [u, v] : unique)
    if (u >= node_count || v >= node_count) throw std::out_of_range("edge names a node beyond node_count");
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  build_csr(node_count, unique, false, out_offsets_, out_targets_);
  build_csr(node_count, unique, true, in_offsets_, in_sources_);
}

}  // namespace xinzhi::graph
