#include "modules/search/site_search.h"

#include <algorithm>
#include <unordered_set>

#include "base/error.h"
#include "base/text.h"
#include "modules/search/word_index.h"

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
    if (sources_.patents) r.patents = find_patents(key, words);
  } else {
    r.not_permitted = {"firm", "segment", "chain", "patent"};
  }
  if (sources_.scenarios) r.scenarios = find_scenarios(key, words, who);

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

std::vector<foresight::PatentMatch> SiteSearch::find_patents(const std::string& key, const std::string& words) {
  // Numbers that start with the term first, then titles that are or start with it; then
  // patents by BM25 over the words of their title and applicant, so 回收 锂电池 finds
  // 锂电池回收装置; then any whose title or applicant merely contains the term, for a fragment
  // jieba cuts otherwise (收装 across 回收|装置).
  auto contained = sources_.patents->find_patents(key, words, per_kind_);
  std::vector<foresight::PatentMatch> out;
  std::unordered_set<std::string> shown;
  auto take = [&](const foresight::PatentMatch& p) {
    if (out.size() < per_kind_ && shown.insert(p.number).second) out.push_back(p);
  };
  for (const auto& p : contained)
    if (match_rank(key, p.number) <= MatchRank::Prefix) take(p);
  for (const auto& p : contained)
    if (match_rank(key, p.title) <= MatchRank::Prefix) take(p);
  if (!WordIndex::words(words).empty()) {  // a term of punctuation or function words only: no index needed
    auto index = patent_words(*sources_.patents, sources_.database);
    std::vector<int64_t> ids;
    for (const auto& hit : index->index.search(words, per_kind_)) ids.push_back(index->ids[hit.document]);
    for (const auto& p : sources_.patents->patents_by_id(ids)) take(p);
  }
  for (const auto& p : contained) take(p);
  return out;
}

std::vector<scenario::Scenario> SiteSearch::find_scenarios(const std::string& key, const std::string& words,
                                                           const accounts::Principal& who) {
  // Through ScenarioPartners, so drafts stay with those who may manage them. A title that is,
  // starts with or holds the term first; then BM25 over each scenario's title, field, owner,
  // place and needs (码头 集卡 finds the port scenario by its needs); then an owner or field
  // that holds the term.
  auto visible = sources_.scenarios->scenarios(0, who);
  WordIndex index;
  for (const auto& s : visible) index.add(s.title + " " + s.field + " " + s.owner_org + " " + s.location + " " + s.needs);
  index.run();
  std::vector<size_t> order;
  for (auto tier : {MatchRank::Exact, MatchRank::Prefix, MatchRank::Contains})
    for (size_t i = 0; i < visible.size(); ++i)
      if (match_rank(key, visible[i].title) == tier) order.push_back(i);
  for (const auto& hit : index.search(words, visible.size())) order.push_back(hit.document);
  for (size_t i = 0; i < visible.size(); ++i)
    if (match_rank(key, visible[i].owner_org) != MatchRank::Other || match_rank(key, visible[i].field) != MatchRank::Other)
      order.push_back(i);
  std::vector<scenario::Scenario> out;
  std::vector<bool> shown(visible.size(), false);
  for (size_t i : order)
    if (out.size() < per_kind_ && !shown[i]) {
      shown[i] = true;
      out.push_back(std::move(visible[i]));
    }
  return out;
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
