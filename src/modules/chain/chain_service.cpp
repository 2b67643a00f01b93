#include "modules/chain/chain_service.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/log.h"
#include "base/text.h"
#include "engines/atlas/chain_atlas.h"
#include "engines/atlas/leaders.h"
#include "modules/accounts/directory.h"
#include "modules/chain/chain_snapshot_builder.h"
#include "modules/chain/derive.h"

namespace xinzhi::chain {

namespace {
FirmRow firm_row(const PreparedChain& p, const atlas::ChainAtlas& a, uint32_t f) {
  const auto& s = p.stored.firms[f];
  return {s.name, s.province, s.city, s.district, zone_name(p.zones[f]), s.patents, a.firm_strength()[f]};
}

// Where the focal province stands against its partner group in a segment (the articles'
// 京津冀 view, for whichever home region the deployment serves).
std::string complementarity(const settings::RegionSettings& home, const std::vector<int64_t>& counts) {
  int64_t focal = 0, best_partner = 0, total = 0;
  for (size_t k = 0; k < counts.size(); ++k) {
    total += counts[k];
    if (home.provinces[k] == home.focal)
      focal = counts[k];
    else
      best_partner = std::max(best_partner, counts[k]);
  }
  if (total == 0) return "all_missing";
  if (focal == 0) return "partners_fill";
  return focal >= best_partner ? "focal_leads" : "focal_present";
}

double round3(double x) { return std::round(x * 1000) / 1000; }

// Firm lists read local firms first, then partners, then firms of unknown place, then the
// rest, each by strength.
int zone_rank(const std::string& zone) {
  return zone == "local" ? 0 : zone == "partner" ? 1 : zone == "unplaced" ? 2 : 3;
}
bool local_first(const FirmRow& x, const FirmRow& y) {
  if (x.zone != y.zone) return zone_rank(x.zone) < zone_rank(y.zone);
  return x.strength > y.strength;
}

// The edit rules' refusals, keyed so that the dashboard says them in the user's language.
[[noreturn]] void refuse(ErrorCode code, const char* key, ErrorParams params, const std::string& message) {
  fail_keyed(code, key, std::move(params), message);
}

[[noreturn]] void no_segment(const std::string& chain, const std::string& segment) {
  std::string message = "chain '";
  message.append(chain).append("' has no segment '").append(segment).append("'");
  refuse(ErrorCode::NotFound, "chain_no_segment", {{"chain", chain}, {"segment", segment}}, message);
}
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
        f.district = scope.district;
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
  if (view.entities.empty())
    refuse(ErrorCode::InvalidInput, "graph_empty", {}, "the knowledge graph is empty: import one first (xinzhi import ickg DIR)");
  return store_templates({derive_chain(view, focus, hops, name)}, false);
}

ImportReport ChainService::import_file(const std::string& path) {
  if (text::ends_with(path, ".json")) return store_templates(ingest::read_twchains(path), false);
  if (text::ends_with(path, ".xlsx")) return store_templates(ingest::read_chain_xlsx(path), false);
  return store_templates(ingest::read_chain_csv(path), false);
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
  if (!(req.weak_share >= 0 && req.weak_share <= 1))
    refuse(ErrorCode::InvalidInput, "param_number", {{"param", "weak_share"}, {"value", text::number(req.weak_share)}, {"min", "0"}, {"max", "1"}},
           "weak share must lie between 0 and 1");
  auto lap = [last = std::chrono::steady_clock::now()](const char* step) mutable {
    auto now = std::chrono::steady_clock::now();
    spdlog::debug("atlas: {} took {:.3f} s", step, std::chrono::duration<double>(now - last).count());
    last = now;
  };
  auto stored = chains_.load(req.chain);
  lap("loading");
  auto p = prepare_chain(std::move(stored), req.region, home_);
  lap("preparing the snapshot");
  atlas::ChainAtlas a(p.snapshot, p.zones, {req.weak_share, req.candidates});
  a.run();
  lap("atlas engine");
  atlas::LeaderRanking leaders(p.snapshot);
  leaders.run();
  lap("leader ranking");

  std::string as_of = last_change(p.stored);
  AtlasReport r{p.stored.summary, p.region, home_, req.weak_share, std::move(as_of), a.coverage(), p.stored.firms.size(), 0, 0, {}, {}, {}};
  r.local_firms = std::count(p.zones.begin(), p.zones.end(), atlas::Zone::Local);
  r.unplaced_firms = std::count(p.zones.begin(), p.zones.end(), atlas::Zone::Unplaced);
  auto province_count = [&](const atlas::SegmentFigures& f, const std::string& name) -> int64_t {
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
                   p.stage_computed[i], p.aliases[i], f.total, f.local, f.partner, f.unplaced,
                   f.placed() ? round3(f.local_share) : std::nan(""), std::round(f.hhi), f.patents, f.missing,
                   f.unsettled, f.weak, {}, {}, "", {}, {}};
    if (f.weak_single_firm) row.weak_because.push_back("one_local_firm");
    if (f.weak_low_share) row.weak_because.push_back("share_below_threshold");
    for (const auto& province : home_.provinces) row.group_counts.push_back(province_count(f, province));
    row.complementarity = complementarity(home_, row.group_counts);
    std::vector<std::pair<std::string, uint32_t>> provinces;
    for (size_t k = 0; k < p.provinces.size(); ++k)
      if (f.by_province[k]) provinces.push_back({p.provinces[k], f.by_province[k]});
    std::stable_sort(provinces.begin(), provinces.end(), [](auto& x, auto& y) { return x.second > y.second; });
    if (provinces.size() > 5) provinces.resize(5);
    row.top_provinces = provinces;
    if (f.missing || f.unsettled || f.weak)
      for (auto firm : a.candidates(i)) row.candidates.push_back(firm_row(p, a, firm));
    r.segments.push_back(std::move(row));
  }
  lap("segment rows and candidates");
  for (auto [x, y] : p.links) r.links.push_back({p.segments[x]->name, p.segments[y]->name});
  for (const auto& l : leaders.ranked()) {
    if (r.leaders.size() >= req.leaders) break;
    const auto& firm = p.stored.firms[l.firm];
    r.leaders.push_back({firm.name, firm.province, round3(l.score), round3(l.centrality), l.segments, l.supply,
                         l.investment_control, l.patents});
  }
  return r;
}

namespace {

int64_t segment_id(const StoredChain& c, const std::string& name) {
  for (const auto& s : c.segments)
    if (s.name == name) return s.id;
  no_segment(c.summary.name, name);
}

// The rules of each edit action, applied to the chain as stored inside the change's transaction.
void apply_edit(const StoredChain& c, const ChainEdit& e, ChainWriter& w) {
  const std::string& chain = c.summary.name;
  if (e.action == "add_segment") {
    for (const auto& s : c.segments)
      if (s.name == e.segment)
        refuse(ErrorCode::Conflict, "segment_exists", {{"chain", chain}, {"segment", e.segment}},
               "chain '" + chain + "' already has segment '" + e.segment + "'");
    w.add_segment(e.segment, e.stage, e.parent.empty() ? 0 : segment_id(c, e.parent));
  } else if (e.action == "remove_segment") {
    int64_t seg = segment_id(c, e.segment);
    for (const auto& s : c.segments)
      if (s.parent_id == seg || s.merged_into_id == seg)
        refuse(ErrorCode::Conflict, "segment_has_children", {{"segment", e.segment}},
               "segment '" + e.segment + "' has sub-segments or merged aliases: remove or unmerge them first");
    w.remove_segment(seg);
  } else if (e.action == "add_link") {
    int64_t a = segment_id(c, e.segment), b = segment_id(c, e.target);
    if (a == b) refuse(ErrorCode::InvalidInput, "link_same_segment", {{"segment", e.segment}}, "a link needs two different segments");
    if (!w.add_link(a, b))
      refuse(ErrorCode::Conflict, "link_exists", {{"from", e.segment}, {"to", e.target}},
             "the link " + e.segment + " → " + e.target + " exists");
  } else if (e.action == "remove_link") {
    int64_t a = segment_id(c, e.segment), b = segment_id(c, e.target);
    if (!w.remove_link(a, b))
      refuse(ErrorCode::NotFound, "link_not_found", {{"from", e.segment}, {"to", e.target}}, "there is no link " + e.segment + " → " + e.target);
  } else if (e.action == "add_firm") {
    int64_t seg = segment_id(c, e.segment);
    int64_t firm = w.add_firm(e.firm, e.province, e.city, e.district);
    if (!w.add_member(seg, firm, e.role))
      refuse(ErrorCode::Conflict, "firm_in_segment", {{"firm", e.firm}, {"segment", e.segment}, {"role", e.role}},
             "'" + e.firm + "' is already in segment '" + e.segment + "' as '" + e.role + "'");
  } else if (e.action == "remove_firm") {
    int64_t seg = segment_id(c, e.segment);
    auto key = text::name_key(e.firm);
    int64_t firm = 0;
    for (const auto& f : c.firms)
      if (text::name_key(f.name) == key) firm = f.id;
    if (firm == 0 || !w.remove_member(seg, firm))
      refuse(ErrorCode::NotFound, "firm_not_in_segment", {{"firm", e.firm}, {"segment", e.segment}},
             "'" + e.firm + "' is not in segment '" + e.segment + "'");
  } else {
    refuse(ErrorCode::InvalidInput, "edit_action_unknown", {{"action", e.action}},
           "action is '" + e.action + "', expected add_segment, remove_segment, add_link, remove_link, add_firm or remove_firm");
  }
}

}  // namespace

int64_t ChainService::edit(const std::string& chain, ChainEdit e) {
  auto need = [&](const std::string& v, const char* field) {
    if (text::trim(v).empty())
      refuse(ErrorCode::InvalidInput, "field_missing", {{"field", field}}, e.action + " needs field '" + field + "'");
    if (v.size() > 200)
      refuse(ErrorCode::InvalidInput, "field_too_long", {{"field", field}, {"max", "200"}},
             std::string("field '") + field + "' is longer than 200 bytes");
  };
  need(e.action, "action");
  need(e.segment, "segment");
  if (e.action == "add_link" || e.action == "remove_link") need(e.target, "target");
  if (e.action == "add_firm" || e.action == "remove_firm") need(e.firm, "firm");
  if (!e.stage.empty() && e.stage != "上游" && e.stage != "中游" && e.stage != "下游")
    refuse(ErrorCode::InvalidInput, "stage_invalid", {{"stage", e.stage}}, "stage '" + e.stage + "' is not 上游, 中游 or 下游");
  if (e.action == "add_firm") {
    const auto& gazetteer = ingest::RegionGazetteer::instance();
    if (!e.region.empty()) {
      auto scope = gazetteer.scope(e.region);
      if (scope.provinces.size() != 1)
        refuse(ErrorCode::InvalidInput, "region_is_group", {{"region", e.region}},
               "region '" + e.region + "' is a group; give one province or city");
      e.province = scope.provinces[0], e.city = scope.city, e.district = scope.district;
    } else {
      auto r = gazetteer.infer(e.firm);
      e.province = r.province, e.city = r.city, e.district = r.district;
    }
  }
  nlohmann::json detail = {{"segment", e.segment}};
  for (auto [k, v] : {std::pair{"target", &e.target}, {"firm", &e.firm}, {"stage", &e.stage}, {"parent", &e.parent},
                      {"role", &e.role}, {"province", &e.province}})
    if (!v->empty()) detail[k] = *v;
  return chains_.change(chain, e.action, detail.dump(), [&](const StoredChain& c, ChainWriter& w) { apply_edit(c, e, w); });
}

std::vector<EditRecord> ChainService::edits(const std::string& chain) {
  auto list = chains_.edits(chain);
  std::map<int64_t, std::string> usernames, display_names;
  if (people_) usernames = people_->usernames(), display_names = people_->display_names();
  for (auto& e : list) {
    auto user = usernames.find(e.account_id);
    if (e.account_id && user != usernames.end()) {
      e.by = user->second;
      e.display_name = display_names[e.account_id];
    } else {
      e.by = e.actor;  // the console ("cli:<os user>"), or "" for edits recorded before authors were
    }
  }
  return list;
}

void ChainService::merge(const std::string& chain, const std::string& from, const std::string& into) {
  nlohmann::json detail = {{"segment", from}, {"into", into}};
  chains_.change(chain, "merge", detail.dump(), [&](const StoredChain& c, ChainWriter& w) {
    int64_t a = segment_id(c, from), b = segment_id(c, into);
    if (a == b)
      refuse(ErrorCode::InvalidInput, "merge_into_itself", {{"segment", from}}, "cannot merge segment '" + from + "' into itself");
    // Follow `into` to the segment it finally stands for, and refuse a merge cycle.
    std::map<int64_t, int64_t> merged_into;
    for (const auto& s : c.segments) merged_into[s.id] = s.merged_into_id;
    for (int64_t at = b; at != 0; at = merged_into[at])
      if (at == a)
        refuse(ErrorCode::InvalidInput, "merge_cycle", {{"from", from}, {"into", into}},
               "merging '" + from + "' into '" + into + "' would make a cycle of merges");
    w.set_merged_into(a, b);
  });
}

void ChainService::unmerge(const std::string& chain, const std::string& segment) {
  chains_.change(chain, "unmerge", nlohmann::json{{"segment", segment}}.dump(), [&](const StoredChain& c, ChainWriter& w) {
    int64_t a = segment_id(c, segment);
    for (const auto& s : c.segments)
      if (s.id == a && s.merged_into_id == 0)
        refuse(ErrorCode::InvalidInput, "segment_not_merged", {{"segment", segment}}, "segment '" + segment + "' is not merged");
    w.set_merged_into(a, 0);
  });
}

void ChainService::remove(const std::string& chain) { chains_.remove(chain); }

std::string ChainService::last_change(const StoredChain& chain) {
  auto log = chains_.edits(chain.summary.name);
  return log.empty() ? chain.summary.created_at : log.back().at;
}

ChokepointReport ChainService::chokepoints(const std::string& chain, const std::string& region,
                                          const ChokepointWeights& weights) {
  auto stored = chains_.load(chain);
  std::string as_of = last_change(stored);
  auto r = chain::chokepoints(prepare_chain(std::move(stored), region, home_), weights);
  r.as_of = std::move(as_of);
  return r;
}

ShockReport ChainService::shock(const std::string& chain, const ShockRequest& request) {
  return simulate_shock(prepare_chain(chains_.load(chain), "", home_), request);
}

Ecosystem ChainService::ecosystem(const std::string& chain, const std::string& region) {
  return build_ecosystem(prepare_chain(chains_.load(chain), region, home_));
}

std::vector<FirmRow> ChainService::segment_firms(const std::string& chain, const std::string& segment,
                                                 const std::string& region) {
  auto p = prepare_chain(chains_.load(chain), region, home_);
  auto it = p.segment_named.find(segment);
  if (it == p.segment_named.end()) no_segment(chain, segment);
  atlas::ChainAtlas a(p.snapshot, p.zones);
  a.run();
  std::vector<FirmRow> rows;
  for (auto f : a.firms_of(it->second)) rows.push_back(firm_row(p, a, f));
  std::stable_sort(rows.begin(), rows.end(), local_first);
  return rows;
}

std::vector<SegmentMatch> ChainService::find_segments(const std::string& text, size_t limit) {
  auto matches = chains_.find_segments(store::term_patterns(text), limit);
  // One preparation per chain among the matches (a handful: the search shows a few).
  std::map<std::string, std::vector<SegmentMatch*>> by_chain;
  for (auto& m : matches) by_chain[m.chain].push_back(&m);
  for (auto& [chain, list] : by_chain) {
    const auto p = prepare_chain(chains_.load(chain), "", home_);
    atlas::ChainAtlas a(p.snapshot, p.zones);
    a.run();
    for (auto* m : list)
      if (const auto it = p.segment_named.find(m->segment); it != p.segment_named.end())
        m->firms = static_cast<int64_t>(a.firms_of(it->second).size());
  }
  return matches;
}

ChainMembership ChainService::membership(const std::string& chain) {
  auto stored = chains_.load(chain);
  ChainMembership out;
  out.as_of = last_change(stored);
  const auto p = prepare_chain(std::move(stored), "", home_);
  atlas::ChainAtlas a(p.snapshot, p.zones);
  a.run();
  for (const auto& f : p.stored.firms) out.firm_province.push_back(f.province);
  for (uint32_t s = 0; s < p.segments.size(); ++s) out.segments.emplace_back(p.segments[s]->name, a.firms_of(s));
  for (const auto& row : chain::chokepoints(p).rows) out.chokepoint_score[row.name] = row.score;
  return out;
}

std::vector<FirmRow> ChainService::chain_firms(const std::string& chain, const std::string& region) {
  auto p = prepare_chain(chains_.load(chain), region, home_);
  atlas::ChainAtlas a(p.snapshot, p.zones);
  a.run();
  std::vector<FirmRow> rows;
  rows.reserve(p.stored.firms.size());
  for (uint32_t f = 0; f < p.stored.firms.size(); ++f) rows.push_back(firm_row(p, a, f));
  std::stable_sort(rows.begin(), rows.end(), local_first);
  return rows;
}

DistrictMap ChainService::district_map(const DistrictMapRequest& req) {
  if (req.firms > 500)
    refuse(ErrorCode::InvalidInput, "param_number", {{"param", "firms"}, {"value", std::to_string(req.firms)}, {"min", "0"}, {"max", "500"}},
           "firms per district must lie between 0 and 500");
  // The default is the home group as the deployment's settings define it, which may be a group
  // the gazetteer does not know by name (settings accept a list of provinces).
  ingest::RegionScope region;
  if (req.region.empty()) {
    region.label = home_.group.empty() ? home_.focal : home_.group;
    region.provinces = home_.provinces.empty() ? std::vector<std::string>{home_.focal} : home_.provinces;
  } else {
    region = ingest::RegionGazetteer::instance().scope(req.region);
  }
  auto stored = chains_.load(req.chain);
  std::string as_of = last_change(stored);
  return build_district_map(prepare_chain(std::move(stored), "", home_), region, std::move(as_of), req.firms);
}

void write_json(JsonWriter& w, const FirmRow& f) {
  w.begin_object()
      .field("name", f.name)
      .field("province", f.province)
      .field("city", f.city)
      .field("district", f.district)
      .field("zone", f.zone)
      .field("patents", f.patents)
      .field("strength", round3(f.strength))
      .end_object();
}

void write_json(JsonWriter& w, const std::vector<FirmRow>& firms) {
  w.begin_array();
  for (const auto& f : firms) write_json(w, f);
  w.end_array();
}

void write_json(JsonWriter& w, const std::vector<EditRecord>& edits) {
  w.begin_array();
  for (const auto& e : edits) {
    w.begin_object().field("id", e.id).field("at", e.at).field("action", e.action).field("detail", e.detail);
    // Only when known: edits recorded before authors were show none.
    if (!e.by.empty()) w.field("by", e.by);
    if (!e.display_name.empty()) w.field("display_name", e.display_name);
    w.end_object();
  }
  w.end_array();
}

void write_json(JsonWriter& w, const ChainSummary& s) {
  w.begin_object()
      .field("name", s.name)
      .field("origin", s.origin)
      .field("description", s.description)
      .field("home_region", s.home_region)
      .field("sample", s.sample)
      .field("created_at", s.created_at)
      .field("segments", s.segments)
      .field("links", s.links)
      .field("firms", s.firms)
      .end_object();
}

void write_json(JsonWriter& w, const std::vector<ChainSummary>& list) {
  w.begin_array();
  for (const auto& c : list) write_json(w, c);
  w.end_array();
}

void write_json(JsonWriter& w, const ImportReport& r) {
  w.begin_object().key("created").begin_array();
  for (const auto& n : r.result.created) w.value(n);
  w.end_array().key("skipped").begin_array();
  for (const auto& n : r.result.skipped) w.value(n);
  w.end_array().field("segments", uint64_t{r.segments}).field("firm_links", uint64_t{r.firms}).end_object();
}

void write_gaps(JsonWriter& w, const AtlasReport& r) {
  w.begin_array();
  for (const auto& s : r.segments) {
    if (!s.missing && !s.unsettled && !s.weak) continue;
    w.begin_object()
        .field("segment", s.name)
        .field("stage", s.stage)
        .field("status", s.status())
        .field("firms", s.firms)
        .field("local", s.local)
        .field("unplaced", s.unplaced)
        .field("local_share", s.local_share);
    w.key("weak_because").begin_array();
    for (const auto& why : s.weak_because) w.value(why);
    w.end_array();
    w.key("candidates").begin_array();
    for (const auto& c : s.candidates) write_json(w, c);
    w.end_array().end_object();
  }
  w.end_array();
}

void write_leaders(JsonWriter& w, const AtlasReport& r) {
  w.begin_array();
  for (const auto& l : r.leaders)
    w.begin_object()
        .field("name", l.name)
        .field("province", l.province)
        .field("score", l.score)
        .field("segments", l.segments)
        .field("supply", l.supply)
        .field("investment_control", l.investment_control)
        .field("patents", l.patents)
        .field("centrality", l.centrality)
        .end_object();
  w.end_array();
}

void write_json(JsonWriter& w, const AtlasReport& r) {
  w.begin_object().key("chain");
  write_json(w, r.chain);
  w.key("region").begin_object().field("label", r.region.label).key("provinces").begin_array();
  for (const auto& p : r.region.provinces) w.value(p);
  w.end_array().field("city", r.region.city).field("district", r.region.district).key("partners").begin_array();
  for (const auto& p : r.region.partners) w.value(p);
  w.end_array().end_object();
  w.key("home");
  settings::write_json(w, r.home);
  w.field("weak_share", r.weak_share)
      .field("as_of", r.as_of)
      .field("coverage", round3(r.coverage))
      .field("firms", uint64_t{r.firms})
      .field("local_firms", uint64_t{r.local_firms})
      .field("unplaced_firms", uint64_t{r.unplaced_firms});
  w.key("segments").begin_array();
  for (const auto& s : r.segments) {
    w.begin_object()
        .field("name", s.name)
        .field("stage", s.stage)
        .field("stage_computed", s.stage_computed)
        .field("parent", s.parent);
    w.key("aliases").begin_array();
    for (const auto& a : s.aliases) w.value(a);
    w.end_array()
        .field("firms", s.firms)
        .field("local", s.local)
        .field("partner", s.partner)
        .field("unplaced", s.unplaced)
        .field("local_share", s.local_share)
        .field("hhi", s.hhi)
        .field("patents", s.patents)
        .field("missing", s.missing)
        .field("unsettled", s.unsettled)
        .field("weak", s.weak);
    w.key("weak_because").begin_array();
    for (const auto& why : s.weak_because) w.value(why);
    w.end_array();
    w.key("group_counts").begin_object();
    for (size_t k = 0; k < s.group_counts.size(); ++k) w.field(r.home.provinces[k], s.group_counts[k]);
    w.end_object();
    w.field("complementarity", s.complementarity).key("top_provinces").begin_array();
    for (const auto& [p, n] : s.top_provinces) w.begin_object().field("province", p).field("firms", n).end_object();
    w.end_array().end_object();
  }
  w.end_array().key("links").begin_array();
  for (const auto& [a, b] : r.links) w.begin_object().field("from", a).field("to", b).end_object();
  w.end_array().key("gaps");
  write_gaps(w, r);
  w.key("leaders");
  write_leaders(w, r);
  w.end_object();
}

}  // namespace xinzhi::chain
