#include "modules/chain/chain_snapshot_builder.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "engines/graph/components.h"

namespace xinzhi::chain {

namespace {
atlas::TieKind tie_kind(const std::string& kind) {
  if (kind == "供给") return atlas::TieKind::Supply;
  if (kind == "合作") return atlas::TieKind::Cooperation;
  if (kind == "投资") return atlas::TieKind::Investment;
  return atlas::TieKind::Control;  // 母公司/控股, 并购, 合资
}
}  // namespace

const char* zone_name(atlas::Zone z) {
  return z == atlas::Zone::Local      ? "local"
         : z == atlas::Zone::Partner  ? "partner"
         : z == atlas::Zone::Unplaced ? "unplaced"
                                      : "elsewhere";
}

PreparedChain prepare_chain(StoredChain stored, const std::string& region_spec, const settings::RegionSettings& home) {
  PreparedChain p;
  p.stored = std::move(stored);
  const auto& c = p.stored;
  std::string spec = region_spec.empty() ? (c.summary.home_region.empty() ? home.focal : c.summary.home_region)
                                         : region_spec;
  p.region = ingest::RegionGazetteer::instance().scope(spec);
  if (p.region.provinces.size() == 1 &&
      std::find(home.provinces.begin(), home.provinces.end(), p.region.provinces[0]) != home.provinces.end()) {
    p.region.partners.clear();
    for (const auto& g : home.provinces)
      if (g != p.region.provinces[0]) p.region.partners.push_back(g);
  }

  // Segments: a merged segment stands for the one it was merged into (followed to the end).
  std::unordered_map<int64_t, const StoredSegment*> by_id;
  for (const auto& s : c.segments) by_id[s.id] = &s;
  auto canonical = [&](int64_t id) {
    for (size_t guard = 0; guard <= c.segments.size() && by_id.at(id)->merged_into_id != 0; ++guard)
      id = by_id.at(id)->merged_into_id;
    return id;
  };
  std::unordered_map<int64_t, uint32_t> index;
  for (const auto& s : c.segments)
    if (s.merged_into_id == 0) {
      index[s.id] = static_cast<uint32_t>(p.segments.size());
      p.segments.push_back(&s);
    }
  p.aliases.resize(p.segments.size());
  auto index_of = [&](int64_t id) { return index.at(canonical(id)); };
  for (const auto& s : c.segments) {
    p.segment_named[s.name] = index_of(s.id);
    if (s.merged_into_id != 0) p.aliases[index_of(s.id)].push_back(s.name);
  }
  for (const auto* s : p.segments) {
    int32_t parent = -1;
    if (s->parent_id != 0 && index_of(s->parent_id) != index.at(s->id)) parent = static_cast<int32_t>(index_of(s->parent_id));
    p.snapshot.segment_parent.push_back(parent);
  }
  std::set<std::pair<uint32_t, uint32_t>> links;
  for (auto [from, to] : c.links) {
    uint32_t a = index_of(from), b = index_of(to);
    if (a != b) links.insert({a, b});
  }
  p.links.assign(links.begin(), links.end());

  // Stages: as given; otherwise from the link graph (cycles condensed) when there is one.
  std::vector<graph::Edge> edges(p.links.begin(), p.links.end());
  graph::Digraph g(p.segments.size(), edges);
  graph::StageLayering layering(g);
  layering.run();
  static const char* names[] = {"上游", "中游", "下游"};
  for (uint32_t i = 0; i < p.segments.size(); ++i) {
    bool compute = p.segments[i]->stage.empty() && !p.links.empty();
    p.stages.push_back(compute ? names[layering.stage_of(i)] : p.segments[i]->stage);
    p.stage_computed.push_back(compute);
  }

  // Firms, their provinces and zones.
  std::unordered_map<int64_t, uint32_t> firm_index;
  std::map<std::string, int32_t> province_index;
  for (const auto& f : c.firms) {
    firm_index[f.id] = static_cast<uint32_t>(p.zones.size());
    int32_t prov = -1;
    if (!f.province.empty()) {
      auto [it, fresh] = province_index.emplace(f.province, static_cast<int32_t>(p.provinces.size()));
      if (fresh) p.provinces.push_back(f.province);
      prov = it->second;
    }
    p.snapshot.firm_province.push_back(prov);
    p.snapshot.firm_patents.push_back(static_cast<uint32_t>(f.patents));
    p.zones.push_back(p.region.is_local(f.province, f.city, f.district)        ? atlas::Zone::Local
                      : p.region.is_partner(f.province)                        ? atlas::Zone::Partner
                      : p.region.cannot_place(f.province, f.city, f.district) ? atlas::Zone::Unplaced
                                                                               : atlas::Zone::Elsewhere);
  }
  p.snapshot.province_count = p.provinces.size();
  for (const auto& m : c.members) p.snapshot.memberships.push_back({index_of(m.segment_id), firm_index.at(m.firm_id)});
  for (const auto& t : c.ties)
    p.snapshot.ties.push_back({firm_index.at(t.from_firm), firm_index.at(t.to_firm), tie_kind(t.kind)});
  return p;
}

}  // namespace xinzhi::chain
