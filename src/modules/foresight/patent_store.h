// foresight::PatentStore: the SQL behind imported patents (records, their codes, industries):
// the reads of PatentReader and the imports' writes. Services use this interface; SQLite
// implements it (sql_patent_store.cpp).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "ingest/patents.h"
#include "modules/foresight/patent_read.h"
#include "store/database.h"
#include "store/migrations.h"

namespace xinzhi::foresight {

struct StoredPatent {
  ingest::PatentRecord record;
  std::string province, city;  // of the first applicant
};

class PatentStore : public PatentReader {
 public:
  // One write transaction; a publication number already stored is skipped. Returns how many
  // records were added.
  virtual size_t add(const std::vector<StoredPatent>& patents, const std::string& source) = 0;
  // As add(), with each patent's industries (one list per patent) for the heat map level
  // "industry".
  virtual size_t add_with_industries(const std::vector<StoredPatent>& patents,
                                     const std::vector<std::vector<std::string>>& industries, const std::string& source) = 0;
};

std::unique_ptr<PatentStore> sql_patent_store(store::Database& db);
// The module's tables: patents, schedules and snapshots (migrations.cpp).
std::vector<store::Migration> migrations();

}  // namespace xinzhi::foresight
