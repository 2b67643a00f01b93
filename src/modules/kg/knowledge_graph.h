// kg::KnowledgeGraph: the service that imports knowledge graphs (ICKG, the sample region)
// into the store and reports what the platform holds (the overview).
#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "modules/kg/company_resolution.h"
#include "modules/kg/graph_store.h"
#include "modules/settings/region_settings.h"

namespace xinzhi::kg {

struct DuplicateNames {
  size_t names = 0;      // names that occur under more than one id
  size_t ids = 0;        // ids carrying those names
  size_t extra_ids = 0;  // ids beyond the first for each such name
  size_t names_by_key = 0, extra_ids_by_key = 0;  // same, after width/space/case folding
};

struct ImportReport {
  std::string source, dir;
  std::vector<std::pair<std::string, size_t>> files;  // quadruple file, rows
  size_t entities_read = 0, relations_read = 0, relation_kinds = 0, dates_read = 0;
  std::string first_date, last_date;
  BatchResult added;
  std::map<std::string, size_t> entities_by_kind;
  // 天津市, 北京市, 河北省, 京津冀, other_provinces, national, foreign (境外), generic_actor, unknown
  std::map<std::string, size_t> companies_by_region;
  RegionResolution resolution;
  DuplicateNames duplicates;
  double seconds = 0;
};

// What `xinzhi import chainkg DIR` read and stored (Shenwan industries as a chain source).
struct ChainkgImportReport {
  std::string source, dir;
  size_t industries = 0, companies = 0, parent_links = 0;
  size_t upstream_links_read = 0, upstream_links_kept = 0;  // kept: seen at least min_upstream_count times
  int min_upstream_count = 0;
  size_t company_industries = 0, company_industries_unmatched = 0;  // rows naming a code the tables lack
  std::map<std::string, size_t> companies_by_region;
  BatchResult added;
};

using Progress = std::function<void(uint64_t done, uint64_t total)>;

struct IckgImportOptions {
  // The listed-company table (chainkg company.json). Empty: the default, shared data's
  // chainkg/company.json beside the ICKG folder (DIR/../../chainkg/company.json) when present.
  std::string listed;
  bool use_listed = true;  // false: no listed-company resolution at all
};

class KnowledgeGraph {
 public:
  explicit KnowledgeGraph(GraphStore& store) : store_(store) {}
  // Reads and checks the ICKG folder completely, then writes it in one transaction.
  ImportReport import_ickg(const std::string& dir, const Progress& progress = {}, const IckgImportOptions& options = {});
  // Reads chainkg's industries, upstream links, listed companies and their industries
  // (ingest/chainkg.h) and stores them as their own source: industries, 上游于 links seen at
  // least min_upstream_count times, 上级行业 parent links, companies 归属于行业 their industry.
  ChainkgImportReport import_chainkg(const std::string& dir, int min_upstream_count = 2);
  // Writes the labelled sample region (示例数据) unless the store already has data;
  // returns false when it left a non-empty store alone.
  bool seed_sample_if_empty();
  // Removes the sample region so that only imported data remains; returns entities removed.
  int64_t remove_sample() { return store_.remove_sample_sources(); }
  GraphCounts overview(const settings::RegionSettings& home) { return store_.counts(home.focal); }

 private:
  GraphStore& store_;
};

// The deterministic sample region (示例数据): a small 新能源汽车 and 信创 ecosystem spread
// over Tianjin districts, Beijing, Hebei and other provinces.
GraphBatch sample_region();

nlohmann::json to_json(const ImportReport& r);
nlohmann::json to_json(const RegionResolution& r);
nlohmann::json to_json(const ChainkgImportReport& r);
// With the home region: its group's companies by province and the focal province's by district.
nlohmann::json to_json(const GraphCounts& c, const settings::RegionSettings& home);

}  // namespace xinzhi::kg
