// kg::KnowledgeGraph: the service that imports knowledge graphs (ICKG, the sample region)
// into the store and reports what the platform holds (the overview).
#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

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
  std::map<std::string, size_t> companies_by_region;  // 天津市, 北京市, 河北省, 京津冀, other, national, unknown
  DuplicateNames duplicates;
  double seconds = 0;
};

using Progress = std::function<void(uint64_t done, uint64_t total)>;

class KnowledgeGraph {
 public:
  explicit KnowledgeGraph(GraphStore& store) : store_(store) {}
  // Reads and checks the ICKG folder completely, then writes it in one transaction.
  ImportReport import_ickg(const std::string& dir, const Progress& progress = {});
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
// With the home region: its group's companies by province and the focal province's by district.
nlohmann::json to_json(const GraphCounts& c, const settings::RegionSettings& home);

}  // namespace xinzhi::kg
