#include "modules/search/site_search.h"

#include <algorithm>
#include <unordered_set>

#include "base/error.h"
#include "base/text.h"

namespace xinzhi::search {

using accounts::Permission;

MatchRank match_rank(std::string_view key, std::string_view name) {
  std::string k = text::name_key(name);
  if (k == key) return MatchRank::Exact;
  if (text::starts_with(k, key)) return MatchRank::Prefix;
  if (k.find(key) != std::string::npos) return MatchRank::Contains;
  return MatchRank::Other;
}

namespace {

constexpr size_t kMaxTermCodepoints = 64;

std::string checked_key(std::string_view term) {
  if (!text::is_valid_utf8(term))
    fail_keyed(ErrorCode::InvalidInput, "search_term_invalid", {}, "the search term is not UTF-8 text");
  std::string_view t = text::trim(term);
  if (text::codepoints(t) > kMaxTermCodepoints)
    fail_keyed(ErrorCode::InvalidInput, "search_term_too_long", {{"max", std::to_string(kMaxTermCodepoints)}},
               "the search term is longer than 64 characters");
  std::string key = text::name_key(t);
  if (key.empty()) fail_keyed(ErrorCode::InvalidInput, "search_term_empty", {}, "the search term is empty");
  return key;
}

// Best rank among the labels of one kind; Other + 1 when there are none.
template <class Hits, class Label>
int best_rank(std::string_view key, const Hits& hits, Label label) {
  int best = static_cast<int>(MatchRank::Other) + 1;
  for (const auto& h : hits) best = std::min(best, static_cast<int>(match_rank(key, label(h))));
  return best;
}

}  // namespace

SearchResult SiteSearch::run(std::string_view term, const accounts::Principal& who) {
  SearchResult r;
  std::string key = checked_key(term);
  r.term = std::string(text::trim(term));
  // Names are compared by their keys (no spaces); titles and applicants keep their spaces.
  std::string words = text::search_text(term);
  const bool analytics = who.has(Permission::AnalyticsRead);
  if (analytics) {
    if (sources_.chains) {
      r.firms = sources_.chains->find_firms(key, per_kind_);
      r.segments = sources_.chains->find_segments(words, per_kind_);
      std::vector<std::pair<MatchRank, chain::ChainSummary>> ranked;
      for (auto& c : sources_.chains->list())
        if (auto rank = match_rank(key, c.name); rank != MatchRank::Other) ranked.emplace_back(rank, std::move(c));
      std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      for (auto& [rank, c] : ranked)
        if (r.chains.size() < per_kind_) r.chains.push_back(std::move(c));
    }
    if (sources_.graph) {
      // A company a listed chain firm already shows is not shown twice.
      std::unordered_set<std::string> shown;
      for (const auto& f : r.firms) shown.insert(text::name_key(f.firm));
      for (auto& c : sources_.graph->find_companies(key, words, per_kind_ + r.firms.size()))
        if (r.companies.size() + r.firms.size() < per_kind_ && !shown.count(text::name_key(c.name)))
          r.companies.push_back(std::move(c));
    }
    if (sources_.patents) r.patents = sources_.patents->find_patents(key, words, per_kind_);
  } else {
    r.not_permitted = {"firm", "segment", "chain", "patent"};
  }
  if (sources_.scenarios) {
    // Through ScenarioPartners, so drafts stay with those who may manage them.
    std::vector<std::pair<MatchRank, scenario::Scenario>> ranked;
    for (auto& s : sources_.scenarios->scenarios(0, who)) {
      auto rank = match_rank(key, s.title);
      if (rank == MatchRank::Other && match_rank(key, s.owner_org) == MatchRank::Other &&
          match_rank(key, s.field) == MatchRank::Other)
        continue;
      ranked.emplace_back(rank, std::move(s));
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [rank, s] : ranked)
      if (r.scenarios.size() < per_kind_) r.scenarios.push_back(std::move(s));
  }

  std::vector<std::pair<int, std::string>> kinds;
  int firm_rank = std::min(best_rank(key, r.firms, [](const auto& f) { return f.firm; }),
                           best_rank(key, r.companies, [](const auto& c) { return c.name; }));
  if (!r.firms.empty() || !r.companies.empty()) kinds.emplace_back(firm_rank, "firm");
  if (!r.segments.empty()) kinds.emplace_back(best_rank(key, r.segments, [](const auto& s) { return s.segment; }), "segment");
  if (!r.chains.empty()) kinds.emplace_back(best_rank(key, r.chains, [](const auto& c) { return c.name; }), "chain");
  if (!r.patents.empty())
    kinds.emplace_back(std::min(best_rank(key, r.patents, [](const auto& p) { return p.number; }),
                                best_rank(key, r.patents, [](const auto& p) { return p.title; })),
                       "patent");
  if (!r.scenarios.empty()) kinds.emplace_back(best_rank(key, r.scenarios, [](const auto& s) { return s.title; }), "scenario");
  std::stable_sort(kinds.begin(), kinds.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [rank, kind] : kinds) r.order.push_back(std::move(kind));
  return r;
}

void write_json(JsonWriter& w, const SearchResult& r) {
  w.begin_object().field("term", r.term);
  w.key("order").begin_array();
  for (const auto& k : r.order) w.value(k);
  w.end_array().key("not_permitted").begin_array();
  for (const auto& k : r.not_permitted) w.value(k);
  w.end_array().key("firms").begin_array();
  for (const auto& f : r.firms)
    w.begin_object().field("name", f.firm).field("chain", f.chain).field("segment", f.segment).field("province", f.province)
        .field("city", f.city).field("district", f.district).end_object();
  w.end_array().key("companies").begin_array();
  for (const auto& c : r.companies)
    w.begin_object().field("name", c.name).field("full_name", c.full_name).field("stock_code", c.stock_code)
        .field("province", c.province).field("city", c.city).field("district", c.district).field("source", c.source)
        .end_object();
  w.end_array().key("segments").begin_array();
  for (const auto& s : r.segments)
    w.begin_object().field("name", s.segment).field("chain", s.chain).field("stage", s.stage).field("firms", s.firms).end_object();
  w.end_array().key("chains").begin_array();
  for (const auto& c : r.chains)
    w.begin_object().field("name", c.name).field("segments", c.segments).field("firms", c.firms).field("sample", c.sample)
        .end_object();
  w.end_array().key("patents").begin_array();
  for (const auto& p : r.patents)
    w.begin_object().field("number", p.number).field("title", p.title).field("applicant", p.applicant)
        .field("filed_on", p.filed_on).field("source", p.source).field("subclass", p.subclass).end_object();
  w.end_array().key("scenarios").begin_array();
  for (const auto& s : r.scenarios)
    w.begin_object().field("id", s.id).field("title", s.title).field("stage", s.stage).field("owner_org", s.owner_org)
        .field("list_title", s.list_title).end_object();
  w.end_array().end_object();
}

}  // namespace xinzhi::search
