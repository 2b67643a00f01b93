#include "modules/chain/ecosystem.h"

#include <map>
#include <set>

#include "engines/graph/communities.h"

namespace xinzhi::chain {

Ecosystem build_ecosystem(const PreparedChain& p) {
  Ecosystem e;
  e.chain = p.stored.summary.name;
  e.region = p.region.label;
  const auto& firms = p.stored.firms;
  std::vector<uint32_t> segments(firms.size(), 0);
  std::set<std::pair<uint32_t, uint32_t>> pairs(p.snapshot.memberships.begin(), p.snapshot.memberships.end());
  for (auto [s, f] : pairs) ++segments[f];
  // Nodes: firms with a tie, in firm order.
  std::vector<int64_t> node_of(firms.size(), -1);
  std::map<int64_t, uint32_t> firm_index;
  for (uint32_t i = 0; i < firms.size(); ++i) firm_index[firms[i].id] = i;
  std::vector<bool> tied(firms.size(), false);
  for (const auto& t : p.stored.ties)
    if (t.from_firm != t.to_firm) tied[firm_index.at(t.from_firm)] = tied[firm_index.at(t.to_firm)] = true;
  for (uint32_t i = 0; i < firms.size(); ++i) {
    if (!tied[i]) {
      ++e.isolated_firms;
      continue;
    }
    node_of[i] = static_cast<int64_t>(e.nodes.size());
    const char* zone = zone_name(p.zones[i]);
    e.nodes.push_back({firms[i].name, firms[i].province, zone, 0, 0, segments[i], firms[i].patents});
  }
  std::map<std::pair<uint32_t, uint32_t>, double> weight;
  for (const auto& t : p.stored.ties) {
    if (t.from_firm == t.to_firm) continue;
    auto a = static_cast<uint32_t>(node_of[firm_index.at(t.from_firm)]);
    auto b = static_cast<uint32_t>(node_of[firm_index.at(t.to_firm)]);
    e.edges.push_back({a, b, t.kind});
    weight[{std::min(a, b), std::max(a, b)}] += 1;
  }
  std::vector<graph::WeightedEdge> undirected;
  for (auto& [ab, w] : weight) {
    undirected.push_back({ab.first, ab.second, w});
    ++e.nodes[ab.first].degree;
    ++e.nodes[ab.second].degree;
  }
  graph::LouvainCommunities louvain(e.nodes.size(), undirected);
  louvain.run();
  for (size_t i = 0; i < e.nodes.size(); ++i) e.nodes[i].community = louvain.community()[i];
  e.communities = louvain.count();
  e.modularity = louvain.modularity();
  return e;
}

namespace {
std::string xml(const std::string& s) {
  std::string out;
  for (char c : s) switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += static_cast<unsigned char>(c) < 0x20 && c != '\t' ? ' ' : c;
    }
  return out;
}
}  // namespace

std::string to_gexf(const Ecosystem& e) {
  std::string g =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n"
      "  <meta><creator>Xinzhi 新质</creator><description>" +
      xml("产业生态地图 " + e.chain + " · " + e.region) +
      "</description></meta>\n"
      "  <graph mode=\"static\" defaultedgetype=\"directed\">\n"
      "    <attributes class=\"node\">\n"
      "      <attribute id=\"province\" title=\"province\" type=\"string\"/>\n"
      "      <attribute id=\"zone\" title=\"zone\" type=\"string\"/>\n"
      "      <attribute id=\"community\" title=\"community\" type=\"integer\"/>\n"
      "      <attribute id=\"segments\" title=\"segments\" type=\"integer\"/>\n"
      "      <attribute id=\"patents\" title=\"patents\" type=\"integer\"/>\n"
      "    </attributes>\n"
      "    <attributes class=\"edge\">\n"
      "      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n"
      "    </attributes>\n"
      "    <nodes>\n";
  for (size_t i = 0; i < e.nodes.size(); ++i) {
    const auto& n = e.nodes[i];
    g += "      <node id=\"n" + std::to_string(i) + "\" label=\"" + xml(n.name) + "\"><attvalues>" +
         "<attvalue for=\"province\" value=\"" + xml(n.province) + "\"/><attvalue for=\"zone\" value=\"" + n.zone +
         "\"/><attvalue for=\"community\" value=\"" + std::to_string(n.community) +
         "\"/><attvalue for=\"segments\" value=\"" + std::to_string(n.segments) +
         "\"/><attvalue for=\"patents\" value=\"" + std::to_string(n.patents) + "\"/></attvalues></node>\n";
  }
  g += "    </nodes>\n    <edges>\n";
  for (size_t i = 0; i < e.edges.size(); ++i) {
    const auto& x = e.edges[i];
    g += "      <edge id=\"e" + std::to_string(i) + "\" source=\"n" + std::to_string(x.from) + "\" target=\"n" +
         std::to_string(x.to) + "\" label=\"" + xml(x.kind) + "\"><attvalues><attvalue for=\"kind\" value=\"" +
         xml(x.kind) + "\"/></attvalues></edge>\n";
  }
  g += "    </edges>\n  </graph>\n</gexf>\n";
  return g;
}

void write_json(JsonWriter& w, const Ecosystem& e) {
  w.begin_object()
      .field("chain", e.chain)
      .field("region", e.region)
      .field("communities", uint64_t{e.communities})
      .field("modularity", e.modularity)
      .field("isolated_firms", uint64_t{e.isolated_firms});
  w.key("nodes").begin_array();
  for (const auto& n : e.nodes)
    w.begin_object()
        .field("name", n.name)
        .field("province", n.province)
        .field("zone", n.zone)
        .field("community", n.community)
        .field("degree", n.degree)
        .field("segments", n.segments)
        .field("patents", n.patents)
        .end_object();
  w.end_array().key("edges").begin_array();
  for (const auto& x : e.edges) w.begin_object().field("from", x.from).field("to", x.to).field("kind", x.kind).end_object();
  w.end_array().end_object();
}

}  // namespace xinzhi::chain
