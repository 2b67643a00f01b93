// Where the provincial statistics live once imported (province_series, province_observation,
// province_import), and the indicator systems analysts saved (nqpf_system); SQL only in
// sql_statistics_store.cpp.
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

// An indicator system an analyst saved: its JSON as system_from_json reads it.
struct SavedSystem {
  std::string id, body, saved_at, saved_by;
};

class StatisticsStore {
 public:
  virtual ~StatisticsStore() = default;
  // Every series and observation replaced in one transaction, with the import and its fixes
  // recorded and audited (a re-import of a corrected folder leaves nothing of the old one).
  virtual StatisticsImport replace(const ingest::ProvinceStatistics& data, const std::string& source,
                                   const std::string& imported_by, const store::AuditChange& change) = 0;
  // The series of a statistics-bureau workbook added to what the database holds: each of its
  // series replaced whole (its label, unit and every value), the others untouched; recorded
  // and audited in one transaction. A later replace() removes them with everything else.
  virtual StatisticsImport merge(const ingest::ProvinceStatistics& data, const std::string& source,
                                 const std::string& imported_by, const store::AuditChange& change) = 0;
  virtual ingest::ProvinceStatistics load() = 0;
  // The last replace(): the statistics' source.
  virtual std::optional<StatisticsImport> last_import() = 0;
  // The merges since the last replace(), oldest first.
  virtual std::vector<StatisticsImport> workbooks() = 0;
  // Saved under its id (replacing one saved before), audited, in one transaction; saved_at is
  // set here. Returns what was saved.
  virtual SavedSystem save_system(const std::string& id, const std::string& body, const std::string& saved_by,
                                  const store::AuditChange& change) = 0;
  // False when no system has that id (nothing changes then).
  virtual bool delete_system(const std::string& id, const store::AuditChange& change) = 0;
  virtual std::vector<SavedSystem> saved_systems() = 0;
};

std::unique_ptr<StatisticsStore> sql_statistics_store(store::Database& db);
std::vector<store::Migration> migrations();

}  // namespace xinzhi::nqpf
