#include "modules/literature/literature_service.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "base/error.h"
#include "base/text.h"
#include "engines/series/field_heat_map.h"

namespace xinzhi::literature {

ImportReport LiteratureService::import_file(const std::string& path, const std::string& format, const std::string& source) {
  auto f = format.empty() ? ingest::sniff_literature_format(path) : ingest::literature_format_named(format);
  auto file = ingest::read_literature(path, f);
  ImportReport r;
  r.file = path;
  r.format = ingest::literature_format_name(f);
  r.source = source.empty() ? std::filesystem::path(path).filename().string() : source;
  r.read = file.records.size();
  std::string detail = std::to_string(r.read) + " papers read from " + r.source + " (" + r.format + ")";
  r.added = store_.add(r.source, f, file.records, {"import.papers", "literature_source", r.source, "", detail, detail});
  return r;
}

nlohmann::json LiteratureService::bursts(const BurstQuery& q) {
  if (q.by != "keyword" && q.by != "index_keyword" && q.by != "category")
    fail_keyed(ErrorCode::InvalidInput, "literature_by_unknown", {{"by", q.by}},
               "by is '" + q.by + "', expected keyword, index_keyword or category");
  if (!(q.s > 1))
    fail_keyed(ErrorCode::InvalidInput, "param_greater_than", {{"param", "s"}, {"value", text::number(q.s)}, {"min", "1"}},
               "'s' must be greater than 1 (the burst rate is s times the base rate)");
  if (!(q.gamma > 0))
    fail_keyed(ErrorCode::InvalidInput, "param_greater_than", {{"param", "gamma"}, {"value", text::number(q.gamma)}, {"min", "0"}},
               "'gamma' must be greater than 0");
  auto papers = store_.papers_with_terms(q.by);
  nlohmann::json sources = nlohmann::json::array();
  bool source_known = q.source.empty();
  // A paper counts in d_t only when its export can carry this kind of term: a CNKI paper has
  // no WoS category, and counting it would dilute every category's share in its years.
  std::set<std::string> carrying;
  auto carries = [&](const std::string& format) {
    if (q.by == "category") return format == "wos" || format == "wos-tab";
    if (q.by == "index_keyword") return format == "wos" || format == "wos-tab" || format == "scopus";
    return true;
  };
  for (const auto& s : store_.sources()) {
    if (carries(s.format)) carrying.insert(s.name);
    if (!q.source.empty() && s.name != q.source) continue;
    source_known = true;
    sources.push_back({{"name", s.name}, {"format", s.format}, {"imported_at", s.imported_at}, {"papers", s.papers}});
  }
  if (!source_known)
    fail_keyed(ErrorCode::NotFound, "literature_source_unknown", {{"source", q.source}},
               "no literature source named '" + q.source + "'");
  // Bursts are relative to the papers of each year, so one export is read on its own: mixing
  // an English and a Chinese corpus changes every term's base rate.
  std::erase_if(papers, [&](const PaperTerms& p) { return !q.source.empty() && p.source != q.source; });
  const bool any_papers = !papers.empty();
  std::erase_if(papers, [&](const PaperTerms& p) { return !carrying.count(p.source); });
  nlohmann::json out = {{"by", q.by}, {"source", q.source}, {"sources", sources}, {"papers", papers.size()},
                        {"parameters", {{"s", q.s}, {"gamma", q.gamma}, {"min_duration", q.min_duration}}}};
  if (papers.empty()) {
    out["terms"] = nlohmann::json::array();
    // Papers there are, but their exports carry no such terms (CNKI has no WoS categories).
    out["empty_reason"] = any_papers ? "kind_not_in_exports" : "no_papers";
    return out;
  }
  int first = papers.front().year, last = first;
  for (const auto& p : papers) first = std::min(first, p.year), last = std::max(last, p.year);
  const size_t years = static_cast<size_t>(last - first + 1);
  std::vector<int> year_labels(years);
  for (size_t t = 0; t < years; ++t) year_labels[t] = first + static_cast<int>(t);
  out["years"] = year_labels;

  // Terms numbered in order of first appearance; the first spelling seen labels the term.
  std::map<std::string, uint32_t> index;
  std::vector<std::string> labels;
  series::ClassifiedRecords records;
  std::vector<uint32_t> fields;
  for (const auto& p : papers) {
    fields.clear();
    for (const auto& [key, spelling] : p.terms) {
      auto [it, fresh] = index.emplace(key, static_cast<uint32_t>(labels.size()));
      if (fresh) labels.push_back(spelling);
      fields.push_back(it->second);
    }
    records.add(static_cast<uint32_t>(p.year - first), fields.data(), fields.size());
  }
  out["terms_total"] = labels.size();
  // The heat map's cells are kept per thread: refuse before allocating, as the patent heat map does.
  if (labels.size() * years > 20'000'000)
    fail_keyed(ErrorCode::InvalidInput, "literature_too_large",
               {{"terms", std::to_string(labels.size())}, {"years", std::to_string(years)}},
               std::to_string(labels.size()) + " terms over " + std::to_string(years) +
                   " years is more than 20 million cells; import one corpus at a time or narrow it");
  if (years < 2) {
    out["terms"] = nlohmann::json::array();
    out["empty_reason"] = "one_year";  // a burst needs a change between periods
    return out;
  }
  series::HeatMapParameters hp;
  hp.s = q.s, hp.gamma = q.gamma, hp.min_duration = q.min_duration;
  series::FieldHeatMap map(records, labels.size(), years, hp);
  map.run();

  std::vector<uint32_t> bursting;
  for (uint32_t f = 0; f < labels.size(); ++f)
    if (!map.summary(f).bursts.empty()) bursting.push_back(f);
  // Strongest first, as CiteSpace lists "keywords with the strongest citation bursts"; ties by
  // the earlier burst, then by name, so that the order is the same on every run.
  std::sort(bursting.begin(), bursting.end(), [&](uint32_t a, uint32_t b) {
    const auto &sa = map.summary(a), &sb = map.summary(b);
    if (sa.max_strength != sb.max_strength) return sa.max_strength > sb.max_strength;
    if (sa.bursts.front().start != sb.bursts.front().start) return sa.bursts.front().start < sb.bursts.front().start;
    return labels[a] < labels[b];
  });
  const size_t terms_bursting = bursting.size();
  if (bursting.size() > q.top) bursting.resize(q.top);
  nlohmann::json terms = nlohmann::json::array();
  for (uint32_t f : bursting) {
    const auto& s = map.summary(f);
    std::vector<uint64_t> counts(years);
    for (size_t t = 0; t < years; ++t) counts[t] = map.whole_count(f, t);
    nlohmann::json spans = nlohmann::json::array();
    for (const auto& b : s.bursts)
      spans.push_back({{"start", year_labels[b.start]}, {"end", year_labels[b.end]}, {"strength", b.strength}});
    terms.push_back({{"term", labels[f]},
                     {"total", s.records},
                     {"first_year", year_labels[static_cast<size_t>(s.first_period)]},
                     {"strength", s.max_strength},
                     {"bursts", spans},
                     {"counts", counts}});
  }
  out["terms_bursting"] = terms_bursting;
  out["terms"] = terms;
  if (terms.empty()) out["empty_reason"] = "no_bursts";
  return out;
}

nlohmann::json to_json(const ImportReport& r) {
  return {{"file", r.file},
          {"source", r.source},
          {"format", r.format},
          {"papers", {{"read", r.read}, {"added", r.added.papers_added}, {"known", r.added.papers_known}}},
          {"terms_added", r.added.terms_added}};
}

}  // namespace xinzhi::literature
