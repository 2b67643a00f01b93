// Where input–output tables' sector linkages and the chain segments mapped to their sectors
// live (io_table, io_sector, io_segment_sector); SQL only in sql_linkage_store.cpp.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "modules/linkage/linkage_service.h"
#include "store/audit_trail.h"
#include "store/database.h"
#include "store/migrations.h"

namespace xinzhi::linkage {

class LinkageStore {
 public:
  virtual ~LinkageStore() = default;
  // The table and its sectors in one transaction with its audit entry; Conflict (keyed
  // io_table_exists) when a table of that name is stored.
  virtual int64_t add_table(const IoTableInfo& info, const std::vector<SectorLinkage>& sectors,
                            const store::AuditChange& change) = 0;
  virtual std::vector<IoTableInfo> tables() = 0;                          // sample ones last, then by id
  virtual std::optional<IoTableInfo> table(const std::string& name) = 0;  // by name
  virtual std::vector<SectorLinkage> sectors(int64_t table_id) = 0;       // in the table's order
  // Sets (sector >= 0) or clears (sector < 0) which sector of the table a chain's segment is
  // read as, audited; the service has checked both names.
  virtual void set_mapping(const std::string& chain, const std::string& segment, int64_t table_id, int64_t sector,
                           const store::AuditChange& change) = 0;
  // segment → sector position, for one chain and table.
  virtual std::vector<std::pair<std::string, int64_t>> mappings(const std::string& chain, int64_t table_id) = 0;
};

std::unique_ptr<LinkageStore> sql_linkage_store(store::Database& db);
std::vector<store::Migration> migrations();

}  // namespace xinzhi::linkage
