#include "modules/chain/derive.h"

#include <map>
#include <set>
#include <unordered_map>

#include "base/error.h"
#include "base/text.h"
#include "engines/graph/reach.h"

namespace xinzhi::chain {

std::vector<std::string> derive_relation_kinds() {
  return {"上游于", "供给", "包含", "涉足行业", "归属于行业", "持有专利", "合作", "投资", "母公司/控股", "并购", "合资"};
}

ingest::ChainTemplate derive_chain(const kg::GraphView& view, const std::string& focus, int hops,
                                   const std::string& name) {
  if (hops < 0 || hops > 10) invalid_input("hops is " + std::to_string(hops) + ", expected 0 to 10");
  if (text::trim(name).empty()) invalid_input("chain name is empty");
  // Segment nodes: one per name key among industries and products.
  std::unordered_map<int64_t, size_t> entity_index;
  for (size_t i = 0; i < view.entities.size(); ++i) entity_index[view.entities[i].id] = i;
  std::map<std::string, graph::NodeId> node_of_key;
  std::vector<const kg::GraphView::Entity*> node_entity;  // lowest id of the key names the node
  std::unordered_map<int64_t, graph::NodeId> node_of_entity;
  for (const auto& e : view.entities) {
    if (e.kind != "industry" && e.kind != "other") continue;
    auto [it, fresh] = node_of_key.emplace(e.name_key, static_cast<graph::NodeId>(node_entity.size()));
    if (fresh) node_entity.push_back(&e);
    node_of_entity[e.id] = it->second;
  }
  std::vector<graph::Edge> edges;
  std::vector<std::pair<graph::Edge, std::string>> labelled;
  for (const auto& r : view.relations) {
    if (r.kind != "上游于" && r.kind != "供给" && r.kind != "包含") continue;
    auto h = node_of_entity.find(r.head), t = node_of_entity.find(r.tail);
    if (h == node_of_entity.end() || t == node_of_entity.end() || h->second == t->second) continue;
    graph::Edge e = r.kind == "包含" ? graph::Edge{t->second, h->second} : graph::Edge{h->second, t->second};
    edges.push_back(e);
    labelled.push_back({e, r.kind});
  }
  auto focus_it = node_of_key.find(text::name_key(focus));
  if (focus_it == node_of_key.end()) {
    std::string similar;
    int shown = 0;
    for (auto* e : node_entity)
      if (e->name.find(focus) != std::string::npos && shown++ < 5) similar += (shown > 1 ? ", " : "") + e->name;
    not_found("no industry or product named '" + focus + "' in the knowledge graph" +
              (similar.empty() ? "" : "; similar names: " + similar));
  }
  graph::Digraph g(node_entity.size(), edges);
  std::set<graph::NodeId> chosen;
  for (auto dir : {graph::Direction::Upstream, graph::Direction::Downstream}) {
    graph::HopReach reach(g, {focus_it->second}, hops, dir);
    reach.run();
    for (auto n : reach.reached()) chosen.insert(n);
  }

  ingest::ChainTemplate chain{name, "derived", "derived around " + focus + ", " + std::to_string(hops) + " hops", "",
                              {}, {}, {}, {}, "knowledge graph"};
  for (auto n : chosen) chain.segments.push_back({node_entity[n]->name, "", "", "knowledge graph"});
  std::set<std::tuple<graph::NodeId, graph::NodeId, std::string>> seen_links;
  for (auto& [e, kind] : labelled)
    if (chosen.count(e.first) && chosen.count(e.second) && seen_links.insert({e.first, e.second, kind}).second)
      chain.links.push_back({node_entity[e.first]->name, node_entity[e.second]->name, kind, "knowledge graph"});

  // Firms attached to the chosen segments.
  std::set<int64_t> firm_ids;
  for (const auto& r : view.relations) {
    if (r.kind != "涉足行业" && r.kind != "归属于行业" && r.kind != "供给") continue;
    auto t = node_of_entity.find(r.tail);
    auto h = entity_index.find(r.head);
    if (t == node_of_entity.end() || !chosen.count(t->second) || h == entity_index.end()) continue;
    const auto& firm = view.entities[h->second];
    if (firm.kind != "company" || firm.generic_actor) continue;  // 电池厂商 is a class of firms, not a supplier
    firm_ids.insert(firm.id);
    chain.firms.push_back({node_entity[t->second]->name, firm.name, r.kind, "", "", "", 0, "knowledge graph",
                           firm.province, firm.city, firm.district});
  }
  // Patents per firm name key: distinct patent entities held by any id of that firm.
  std::map<std::string, std::set<int64_t>> patents;
  for (const auto& r : view.relations)
    if (r.kind == "持有专利" && firm_ids.count(r.head)) patents[view.entities[entity_index[r.head]].name_key].insert(r.tail);
  for (auto& f : chain.firms) f.patents = static_cast<int>(patents[text::name_key(f.name)].size());
  static const std::set<std::string> tie_kinds = {"供给", "合作", "投资", "母公司/控股", "并购", "合资"};
  for (const auto& r : view.relations)
    if (tie_kinds.count(r.kind) && firm_ids.count(r.head) && firm_ids.count(r.tail))
      chain.ties.push_back({view.entities[entity_index[r.head]].name, view.entities[entity_index[r.tail]].name, r.kind});
  return chain;
}

}  // namespace xinzhi::chain
