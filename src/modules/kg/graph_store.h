// kg::GraphStore: the SQL behind the knowledge-graph aggregate (sources, entities,
// relations). The kg service talks to this interface; SQLite implements it today. Other
// modules see only its read side, kg::GraphReader (graph_read.h).
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "modules/kg/graph_batch.h"
#include "modules/kg/graph_read.h"
#include "store/database.h"
#include "store/migrations.h"

namespace xinzhi::kg {

struct NamedCount {
  std::string name;
  int64_t count;
};

struct SourceInfo {
  std::string name, format, imported_at;
  bool sample;
  int64_t entities, relations;
};

struct GraphCounts {
  int64_t entities = 0, relations = 0, distinct_names = 0;
  std::vector<NamedCount> entities_by_kind, relations_by_kind;
  std::vector<NamedCount> companies_by_province;  // "" = unknown region, sorted by count
  int64_t national_companies = 0;                 // 中国…: no region, national scope
  std::string focal_province;                           // the home region's focal province
  std::vector<NamedCount> focal_companies_by_district;  // "" = district unknown
  std::vector<SourceInfo> sources;
};

class GraphStore : public GraphReader {
 public:
  // Stores a whole batch in one write transaction: all of it or, on any error, nothing.
  virtual BatchResult write_batch(const GraphBatch& batch, const std::function<void(size_t, size_t)>& progress) = 0;
  // Deletes every sample source (示例数据) with its entities and relations, in one write
  // transaction; returns the number of entities removed.
  virtual int64_t remove_sample_sources() = 0;
  // focal_province: whose companies are also counted by district (the home region).
  virtual GraphCounts counts(const std::string& focal_province) = 0;
  virtual bool empty() = 0;
};

std::unique_ptr<GraphStore> sql_graph_store(store::Database& db);
std::vector<store::Migration> migrations();

}  // namespace xinzhi::kg
