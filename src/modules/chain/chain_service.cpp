#include "modules/chain/chain_service.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "base/error.h"
#include "base/text.h"
#include "engines/atlas/chain_atlas.h"
#include "engines/atlas/leaders.h"
#include "modules/chain/chain_snapshot_builder.h"
#include "modules/chain/derive.h"

namespace xinzhi::chain {

namespace {
const char* zone_name(atlas::Zone z) {
  return z == atlas::Zone::Local ? "local" : z == atlas::Zone::Partner ? "partner" : "elsewhere";
}

FirmRow firm_row(const PreparedChain& p, const atlas::ChainAtlas& a, uint32_t f) {
  const auto& s = p.stored.firms[f];
  return {s.name, s.province, s.city, s.district, zone_name(p.zones[f]), s.patents, a.firm_strength()[f]};
}

// Where Tianjin stands against Beijing and Hebei in a segment (the articles' 京津冀 view).
std::string complementarity(int64_t bj, int64_t tj, int64_t hb) {
  if (bj + tj + hb == 0) return "all_missing";
  if (tj == 0) return "partners_fill";
  if (tj >= bj && tj >= hb) return "tianjin_leads";
  return "tianjin_present";
}

double round3(double x) { return std::round(x * 1000) / 1000; }
}  // namespace

ImportReport ChainService::store_templates(std::vector<ingest::ChainTemplate> chains, bool sample) {
  const auto& gazetteer = ingest::RegionGazetteer::instance();
  ImportReport report;
  for (auto& c : chains) {
    ingest::check_template(c);
    for (auto& f : c.firms) {
      if (!f.province.empty()) continue;
      if (!f.region.empty()) {
        auto scope = gazetteer.scope(f.region);
        f.province = scope.provinces.size() == 1 ? scope.provinces[0] : "";
        f.city = scope.city;
      } else {
        auto r = gazetteer.infer(f.name);
        f.province = r.province, f.city = r.city, f.district = r.district;
      }
    }
  }
  report.result = chains_.create(chains, sample);
  for (const auto& c : chains)
    if (std::find(report.result.created.begin(), report.result.created.end(), c.name) != report.result.created.end())
      report.segments += c.segments.size(), report.firms += c.firms.size();
  return report;
}

ImportReport ChainService::derive(const std::string& focus, int hops, const std::string& name) {
  auto view = graph_.load_view(derive_relation_kinds());
  if (view.entities.empty()) invalid_input("the knowledge graph is empty: import one first (xinzhi import ickg DIR)");
  return store_templates({derive_chain(view, focus, hops, name)}, false);
}

ImportReport ChainService::import_file(const std::string& path) {
  bool json = text::ends_with(path, ".json");
  return store_templates(json ? ingest::read_twchains(path) : ingest::read_chain_csv(path), false);
}

bool ChainService::seed_sample() {
  for (const auto& c : chains_.list())
    if (c.sample) return false;
  auto view = graph_.load_view(derive_relation_kinds());
  store_templates({derive_chain(view, "新能源汽车", 4, "新能源汽车（示例）"), derive_chain(view, "信创", 3, "信创（示例）")},
                  true);
  return true;
}

AtlasReport ChainService::atlas(const AtlasRequest& req) {
  if (!(req.weak_share >= 0 && req.weak_share <= 1)) invalid_input("weak share must lie between 0 and 1");
  auto p = prepare_chain(chains_.load(req.chain), req.region);
  atlas::ChainAtlas a(p.snapshot, p.zones, {req.weak_share, req.candidates});
  a.run();
  atlas::LeaderRanking leaders(p.snapshot);
  leaders.run();

  AtlasReport r{p.stored.summary, p.region, req.weak_share, a.coverage(), p.stored.firms.size(), 0, {}, {}, {}};
  r.local_firms = std::count(p.zones.begin(), p.zones.end(), atlas::Zone::Local);
  auto province_count = [&](const atlas::SegmentFigures& f, const char* name) -> int64_t {
    auto it = std::find(p.provinces.begin(), p.provinces.end(), name);
    return it == p.provinces.end() ? 0 : f.by_province[it - p.provinces.begin()];
  };
  std::vector<uint32_t> order(p.segments.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  auto rank = [&](uint32_t i) {
    const auto& s = p.stages[i];
    return s == "上游" ? 0 : s == "中游" ? 1 : s == "下游" ? 2 : 3;
  };
  std::stable_sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) { return rank(x) < rank(y); });
  for (uint32_t i : order) {
    const auto& f = a.segments()[i];
    int32_t parent = p.snapshot.segment_parent[i];
    SegmentRow row{p.segments[i]->name, p.stages[i], parent >= 0 ? p.segments[parent]->name : "",
                   p.stage_computed[i], p.aliases[i], f.total, f.local, f.partner, round3(f.local_share),
                   std::round(f.hhi), f.patents, f.missing, f.weak, province_count(f, "北京市"),
                   province_count(f, "天津市"), province_count(f, "河北省"), "", {}, {}};
    row.complementarity = complementarity(row.beijing, row.tianjin, row.hebei);
    std::vector<std::pair<std::string, uint32_t>> provinces;
    for (size_t k = 0; k < p.provinces.size(); ++k)
      if (f.by_province[k]) provinces.push_back({p.provinces[k], f.by_province[k]});
    std::stable_sort(provinces.begin(), provinces.end(), [](auto& x, auto& y) { return x.second > y.second; });
    if (provinces.size() > 5) provinces.resize(5);
    row.top_provinces = provinces;
    if (f.missing || f.weak)
      for (auto firm : a.candidates(i)) row.candidates.push_back(firm_row(p, a, firm));
    r.segments.push_back(std::move(row));
  }
  for (auto [x, y] : p.links) r.links.push_back({p.segments[x]->name, p.segments[y]->name});
  for (const auto& l : leaders.ranked()) {
    if (r.leaders.size() >= req.leaders) break;
    const auto& firm = p.stored.firms[l.firm];
    r.leaders.push_back({firm.name, firm.province, round3(l.score), round3(l.centrality), l.segments, l.supply,
                         l.investment_control, l.patents});
  }
  return r;
}

std::vector<FirmRow> ChainService::segment_firms(const std::string& chain, const std::string& segment,
                                                 const std::string& region) {
  auto p = prepare_chain(chains_.load(chain), region);
  auto it = p.segment_named.find(segment);
  if (it == p.segment_named.end()) not_found("chain '" + chain + "' has no segment '" + segment + "'");
  atlas::ChainAtlas a(p.snapshot, p.zones);
  a.run();
  std::vector<FirmRow> rows;
  for (auto f : a.firms_of(it->second)) rows.push_back(firm_row(p, a, f));
  std::stable_sort(rows.begin(), rows.end(), [](const FirmRow& x, const FirmRow& y) {
    if (x.zone != y.zone) return x.zone == "local" || (x.zone == "partner" && y.zone == "elsewhere");
    return x.strength > y.strength;
  });
  return rows;
}

nlohmann::json to_json(const FirmRow& f) {
  return {{"name", f.name},   {"province", f.province}, {"city", f.city},
          {"district", f.district}, {"zone", f.zone}, {"patents", f.patents}, {"strength", round3(f.strength)}};
}

nlohmann::json to_json(const ChainSummary& s) {
  return {{"name", s.name},         {"origin", s.origin},     {"description", s.description},
          {"home_region", s.home_region}, {"sample", s.sample}, {"created_at", s.created_at},
          {"segments", s.segments}, {"links", s.links},       {"firms", s.firms}};
}

nlohmann::json to_json(const ImportReport& r) {
  return {{"created", r.result.created}, {"skipped", r.result.skipped}, {"segments", r.segments}, {"firm_links", r.firms}};
}

nlohmann::json to_json(const AtlasReport& r) {
  nlohmann::json segments = nlohmann::json::array(), gaps = nlohmann::json::array(), leaders = nlohmann::json::array(),
                 links = nlohmann::json::array();
  for (const auto& s : r.segments) {
    nlohmann::json top = nlohmann::json::array(), cands = nlohmann::json::array();
    for (auto& [p, n] : s.top_provinces) top.push_back({{"province", p}, {"firms", n}});
    for (auto& c : s.candidates) cands.push_back(to_json(c));
    segments.push_back({{"name", s.name},
                        {"stage", s.stage},
                        {"stage_computed", s.stage_computed},
                        {"parent", s.parent},
                        {"aliases", s.aliases},
                        {"firms", s.firms},
                        {"local", s.local},
                        {"partner", s.partner},
                        {"local_share", s.local_share},
                        {"hhi", s.hhi},
                        {"patents", s.patents},
                        {"missing", s.missing},
                        {"weak", s.weak},
                        {"jingjinji", {{"北京市", s.beijing}, {"天津市", s.tianjin}, {"河北省", s.hebei}}},
                        {"complementarity", s.complementarity},
                        {"top_provinces", top}});
    if (s.missing || s.weak)
      gaps.push_back({{"segment", s.name},
                      {"stage", s.stage},
                      {"status", s.missing ? "missing" : "weak"},
                      {"firms", s.firms},
                      {"local", s.local},
                      {"local_share", s.local_share},
                      {"candidates", cands}});
  }
  for (const auto& l : r.leaders)
    leaders.push_back({{"name", l.name},
                       {"province", l.province},
                       {"score", l.score},
                       {"segments", l.segments},
                       {"supply", l.supply},
                       {"investment_control", l.investment_control},
                       {"patents", l.patents},
                       {"centrality", l.centrality}});
  for (auto& [a, b] : r.links) links.push_back({{"from", a}, {"to", b}});
  return {{"chain", to_json(r.chain)},
          {"region",
           {{"label", r.region.label}, {"provinces", r.region.provinces}, {"city", r.region.city},
            {"partners", r.region.partners}}},
          {"weak_share", r.weak_share},
          {"coverage", round3(r.coverage)},
          {"firms", r.firms},
          {"local_firms", r.local_firms},
          {"segments", segments},
          {"links", links},
          {"gaps", gaps},
          {"leaders", leaders}};
}

}  // namespace xinzhi::chain
