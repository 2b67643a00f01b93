// An analyst's own network as a CSV edge list — source,target[,weight], header optional —
// with node names kept in order of first appearance.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace xinzhi::ingest {

struct EdgeList {
  std::vector<std::string> names;                    // node index → name
  std::vector<std::pair<uint32_t, uint32_t>> edges;  // in file order
  std::vector<double> weights;                       // empty when the file has no weight column
};

// Refuses, naming file:line: a row with fewer than two columns, an empty id, a weight that
// is not a positive number, a weight on some rows only; and a file with no edges or with
// self-loops only.
EdgeList read_edge_list(const std::string& path);

}  // namespace xinzhi::ingest
