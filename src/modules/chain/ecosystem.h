// The chain's ecosystem map (产业生态地图): its firms and their supply, cooperation,
// investment and control ties, grouped into Louvain communities; exportable as GEXF for Gephi.
#pragma once
#include <string>
#include <vector>

#include "base/json_writer.h"
#include "modules/chain/chain_snapshot_builder.h"

namespace xinzhi::chain {

struct EcosystemNode {
  std::string name, province, zone;
  uint32_t community, degree, segments;
  int64_t patents;
};

struct EcosystemEdge {
  uint32_t from, to;  // node indexes
  std::string kind;
};

struct Ecosystem {
  std::string chain, region;
  std::vector<EcosystemNode> nodes;  // firms with at least one tie in the chain
  std::vector<EcosystemEdge> edges;
  size_t isolated_firms = 0;         // firms of the chain without ties, left out
  size_t communities = 0;
  double modularity = 0;
};

Ecosystem build_ecosystem(const PreparedChain& chain);
// GEXF 1.2 (Gephi, networkx.read_gexf): node attributes province, zone, community,
// segments, patents; directed edges labelled with their kind.
std::string to_gexf(const Ecosystem& e);
void write_json(JsonWriter& w, const Ecosystem& e);

}  // namespace xinzhi::chain
