// foresight::PatentStore: the SQL behind imported patents (records, their codes). Services use
// this interface; SQLite implements it.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ingest/patents.h"
#include "store/database.h"
#include "store/migrations.h"

namespace xinzhi::foresight {

struct StoredPatent {
  ingest::PatentRecord record;
  std::string province, city;  // of the first applicant
};

struct GraphPatents {
  size_t read = 0;            // patent entities held by a company (持有专利), one record each
  size_t added = 0;           // new in the store
  size_t undated = 0;         // held without a date: left out
  size_t sample_skipped = 0;  // relations of the sample region (示例数据): left out
  size_t with_industry = 0;   // whose holder has a 涉足行业 / 归属于行业 industry
};

class PatentStore {
 public:
  virtual ~PatentStore() = default;
  // One write transaction; a publication number already stored is skipped. Returns how many
  // records were added.
  virtual size_t add(const std::vector<StoredPatent>& patents, const std::string& source) = 0;
  // Patents held by companies in the imported knowledge graph (ICKG's 持有专利): the relation's
  // date, the first holder as applicant with its region, the holder's industries as fields
  // (heat map level "industry"); no IPC codes. Numbered ickg:SOURCE:ENTITY, so a rerun adds nothing.
  virtual GraphPatents add_from_graph() = 0;
  // Patents per filing year (all sources), for checks and the heat map.
  virtual std::map<std::string, int64_t> count_by_year() = 0;
  virtual int64_t count() = 0;
};

std::unique_ptr<PatentStore> sqlite_patent_store(store::Database& db);
std::vector<store::Migration> migrations();

}  // namespace xinzhi::foresight
