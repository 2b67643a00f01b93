// Where the provincial statistics live once imported (province_series, province_observation,
// province_import); SQL only in sql_statistics_store.cpp.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ingest/province_statistics.h"
#include "store/audit_trail.h"
#include "store/database.h"
#include "store/migrations.h"

namespace xinzhi::nqpf {

struct StatisticsImport {
  int64_t id = 0, observations = 0, series = 0;
  std::string source, imported_at, imported_by;
  std::vector<ingest::ProvinceDataFix> fixes;
};

class StatisticsStore {
 public:
  virtual ~StatisticsStore() = default;
  // Every series and observation replaced in one transaction, with the import and its fixes
  // recorded and audited (a re-import of a corrected folder leaves nothing of the old one).
  virtual StatisticsImport replace(const ingest::ProvinceStatistics& data, const std::string& source,
                                   const std::string& imported_by, const store::AuditChange& change) = 0;
  virtual ingest::ProvinceStatistics load() = 0;
  virtual std::optional<StatisticsImport> last_import() = 0;
};

std::unique_ptr<StatisticsStore> sql_statistics_store(store::Database& db);
std::vector<store::Migration> migrations();

}  // namespace xinzhi::nqpf
