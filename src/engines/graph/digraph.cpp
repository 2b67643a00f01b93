#include "engines/graph/digraph.h"

#include <algorithm>

#include "base/error.h"

namespace xinzhi::graph {

namespace {
// Counting sort of edges into CSR offsets, neighbour values and edge ids, stable in input order.
void build_csr(size_t n, const std::vector<Edge>& edges, const std::vector<uint32_t>& ids, bool by_target,
               std::vector<uint32_t>& offsets, std::vector<NodeId>& values, std::vector<uint32_t>& value_ids) {
  offsets.assign(n + 1, 0);
  for (auto& [u, v] : edges) ++offsets[(by_target ? v : u) + 1];
  for (size_t i = 0; i < n; ++i) offsets[i + 1] += offsets[i];
  values.resize(edges.size());
  value_ids.resize(edges.size());
  std::vector<uint32_t> cursor(offsets.begin(), offsets.end() - 1);
  for (size_t i = 0; i < edges.size(); ++i) {
    auto [u, v] = edges[i];
    auto slot = cursor[by_target ? v : u]++;
    values[slot] = by_target ? u : v;
    value_ids[slot] = ids[i];
  }
}
}  // namespace

Digraph::Digraph(size_t node_count, std::span<const Edge> edges, bool keep_parallel) {
  std::vector<Edge> list(edges.begin(), edges.end());
  std::vector<uint32_t> ids(list.size());
  for (uint32_t i = 0; i < ids.size(); ++i) ids[i] = i;
  for (auto& [u, v] : list)
    if (u >= node_count || v >= node_count) invalid_input("edge names a node beyond node_count");
  if (!keep_parallel) {
    std::sort(ids.begin(), ids.end(), [&](uint32_t a, uint32_t b) { return list[a] < list[b] || (list[a] == list[b] && a < b); });
    ids.erase(std::unique(ids.begin(), ids.end(), [&](uint32_t a, uint32_t b) { return list[a] == list[b]; }), ids.end());
    std::vector<Edge> kept;
    for (auto i : ids) kept.push_back(list[i]);
    list = std::move(kept);
  }
  build_csr(node_count, list, ids, false, out_offsets_, out_targets_, out_ids_);
  build_csr(node_count, list, ids, true, in_offsets_, in_sources_, in_ids_);
}

}  // namespace xinzhi::graph
