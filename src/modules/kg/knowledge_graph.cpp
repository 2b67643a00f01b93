#include "modules/kg/knowledge_graph.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <optional>
#include <unordered_map>

#include "base/log.h"
#include "base/text.h"
#include "ingest/ickg.h"
#include "ingest/listed_companies.h"
#include "ingest/region.h"

namespace xinzhi::kg {

namespace {
DuplicateNames count_duplicates(const std::vector<ingest::IckgEntity>& entities) {
  std::unordered_map<std::string, size_t> by_name, by_key;
  for (const auto& e : entities) {
    ++by_name[e.name];
    ++by_key[text::name_key(e.name)];
  }
  DuplicateNames d;
  for (auto& [_, n] : by_name)
    if (n > 1) d.names += 1, d.ids += n, d.extra_ids += n - 1;
  for (auto& [_, n] : by_key)
    if (n > 1) d.names_by_key += 1, d.extra_ids_by_key += n - 1;
  return d;
}

std::string region_bucket(const EntityRecord& e) {
  if (e.generic_actor) return "generic_actor";
  if (e.national) return "national";
  if (e.province == ingest::kForeignProvince) return "foreign";
  if (e.province.empty()) return "unknown";
  if (e.province == "北京市" || e.province == "天津市" || e.province == "河北省") return e.province;
  return "other_provinces";
}
// The listed-company table an import uses: the one given, else shared data's beside the ICKG
// folder (data/ickg/ICKG25 → data/chainkg/company.json), else none.
std::optional<ingest::ListedCompanies> listed_table(const std::string& dir, const IckgImportOptions& options) {
  if (!options.use_listed) return std::nullopt;
  if (!options.listed.empty()) return ingest::ListedCompanies::read(options.listed);
  auto beside = (std::filesystem::path(dir) / ".." / ".." / "chainkg" / "company.json").lexically_normal();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(beside, ec)) return std::nullopt;
  return ingest::ListedCompanies::read(beside.string());
}
}  // namespace

ImportReport KnowledgeGraph::import_ickg(const std::string& dir, const Progress& progress,
                                         const IckgImportOptions& options) {
  auto start = std::chrono::steady_clock::now();
  // Reading is about half the work, writing the other half.
  auto data = ingest::read_ickg(dir, [&](uint64_t done, uint64_t total) {
    if (progress) progress(done / 2, total);
  });
  auto lap = [&, last = start](const char* step) mutable {
    auto now = std::chrono::steady_clock::now();
    spdlog::debug("import {}: {} took {:.3f} s", dir, step, std::chrono::duration<double>(now - last).count());
    last = now;
  };
  lap("reading and checking");
  auto kinds = ingest::infer_ickg_kinds(data);
  lap("kind inference");
  // Read and checked before anything is written, like the ICKG files.
  auto listed = listed_table(dir, options);
  std::vector<std::string> industry_names;
  for (size_t i = 0; i < data.entities.size(); ++i)
    if (kinds[i] == ingest::EntityKind::Industry) industry_names.push_back(data.entities[i].name);
  CompanyResolver resolver(listed ? &*listed : nullptr, industry_names);

  ImportReport report;
  report.dir = dir;
  auto folder = std::filesystem::path(dir).lexically_normal();
  if (folder.filename().empty()) folder = folder.parent_path();
  report.source = folder.filename().string();
  report.files = data.splits;
  report.entities_read = data.entities.size();
  report.relations_read = data.quads.size();
  report.relation_kinds = data.relations.size();
  report.dates_read = data.dates.size();
  report.duplicates = count_duplicates(data.entities);

  for (auto bucket : {"天津市", "北京市", "河北省", "other_provinces", "national", "foreign", "generic_actor", "unknown"})
    report.companies_by_region[bucket] = 0;
  GraphBatch batch{report.source, "ickg", false, {}, {}};
  batch.entities.reserve(data.entities.size());
  for (size_t i = 0; i < data.entities.size(); ++i) {
    EntityRecord e{std::to_string(data.entities[i].id), data.entities[i].name,
                   std::string(ingest::kind_name(kinds[i])), "", "", "", false};
    // Only organisations carry a place in their name; a patent title or an industry does not.
    if (kinds[i] == ingest::EntityKind::Company) {
      resolver.resolve(e);
      ++report.companies_by_region[region_bucket(e)];
    }
    ++report.entities_by_kind[e.kind];
    batch.entities.push_back(std::move(e));
  }
  report.resolution = resolver.report();
  report.companies_by_region["京津冀"] = report.companies_by_region["北京市"] +
                                         report.companies_by_region["天津市"] + report.companies_by_region["河北省"];
  std::unordered_map<int64_t, std::string> relation_name, date_of;
  for (auto& [id, name] : data.relations) relation_name[id] = name;
  for (auto& [id, date] : data.dates) date_of[id] = date;
  batch.relations.reserve(data.quads.size());
  for (const auto& q : data.quads) {
    const auto& date = date_of[q.time];
    if (report.first_date.empty() || date < report.first_date) report.first_date = date;
    if (date > report.last_date) report.last_date = date;
    batch.relations.push_back({std::to_string(q.head), relation_name[q.relation], std::to_string(q.tail), date});
  }
  lap("region inference and batch");
  report.added = store_.write_batch(batch, [&](size_t done, size_t total) {
    if (progress) progress(total + done, 2 * total);
  });
  lap("writing");
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

bool KnowledgeGraph::seed_sample_if_empty() {
  if (!store_.empty()) return false;
  store_.write_batch(sample_region(), {});
  return true;
}

nlohmann::json to_json(const ImportReport& r) {
  nlohmann::json files = nlohmann::json::object();
  for (auto& [f, n] : r.files) files[f] = n;
  return {
      {"source", r.source},
      {"dir", r.dir},
      {"files", files},
      {"entities",
       {{"read", r.entities_read},
        {"added", r.added.entities_added},
        {"resolution_updated", r.added.entities_updated},
        {"by_kind", r.entities_by_kind}}},
      {"relations",
       {{"read", r.relations_read}, {"added", r.added.relations_added}, {"kinds", r.relation_kinds}}},
      {"dates", {{"read", r.dates_read}, {"first", r.first_date}, {"last", r.last_date}}},
      {"duplicate_names",
       {{"names", r.duplicates.names},
        {"ids", r.duplicates.ids},
        {"extra_ids", r.duplicates.extra_ids},
        {"names_after_folding", r.duplicates.names_by_key},
        {"extra_ids_after_folding", r.duplicates.extra_ids_by_key},
        {"treatment", "every id is kept as its own entity; ids whose names fold to the same key share name_key"}}},
      {"companies_by_region", r.companies_by_region},
      {"region_resolution", to_json(r.resolution)},
      {"seconds", std::round(r.seconds * 1000) / 1000},
  };
}

nlohmann::json to_json(const RegionResolution& r) {
  return {
      {"listed_table", r.listed_table.empty() ? nlohmann::json() : nlohmann::json(r.listed_table)},
      {"listed_rows", r.listed_rows},
      {"listed_matched", r.listed_matched},
      {"listed_region_changed", r.listed_region_changed},
      {"without_region_before", r.without_region_before},
      {"before_by_reason", r.before},
      {"after_by_outcome", r.after},
      {"without_region_after", r.without_region_after},
  };
}

nlohmann::json to_json(const GraphCounts& c, const settings::RegionSettings& home) {
  auto list = [](const std::vector<NamedCount>& v, const char* key) {
    nlohmann::json a = nlohmann::json::array();
    for (auto& nc : v) a.push_back({{key, nc.name}, {"count", nc.count}});
    return a;
  };
  nlohmann::json sources = nlohmann::json::array();
  for (auto& s : c.sources)
    sources.push_back({{"name", s.name},
                       {"format", s.format},
                       {"sample", s.sample},
                       {"imported_at", s.imported_at},
                       {"entities", s.entities},
                       {"relations", s.relations}});
  nlohmann::json group = nlohmann::json::object();
  for (const auto& p : home.provinces) group[p] = 0;
  int64_t group_total = 0;
  for (auto& nc : c.companies_by_province)
    if (group.contains(nc.name)) group[nc.name] = nc.count, group_total += nc.count;
  group["total"] = group_total;
  return {
      {"entities", {{"total", c.entities}, {"distinct_names", c.distinct_names}, {"by_kind", list(c.entities_by_kind, "kind")}}},
      {"relations", {{"total", c.relations}, {"by_kind", list(c.relations_by_kind, "kind")}}},
      {"companies_by_province", list(c.companies_by_province, "province")},
      {"national_companies", c.national_companies},
      {"home", {{"focal", home.focal}, {"group", home.group}, {"provinces", home.provinces}, {"partners", home.partners()}}},
      {"group_companies", group},
      {"focal_by_district", list(c.focal_companies_by_district, "district")},
      {"sources", sources},
      {"sample", std::any_of(c.sources.begin(), c.sources.end(), [](auto& s) { return s.sample; })},
  };
}

}  // namespace xinzhi::kg
