// Where the transfer desk's records live (transfer_listing, transfer_demand, transfer_case,
// transfer_check); SQL only in sql_transfer_store.cpp.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "modules/transfer/transfer_types.h"
#include "store/audit_trail.h"
#include "store/database.h"
#include "store/migrations.h"

namespace xinzhi::transfer {

class TransferStore {
 public:
  virtual ~TransferStore() = default;
  // Every listing of one source in one transaction: new case numbers added, known ones
  // updated in place (their ids, and so their cases, stay), audited.
  virtual ListingImport put_listings(const std::string& source, const std::vector<Listing>& listings,
                                     const store::AuditChange& change) = 0;
  virtual std::vector<Listing> listings() = 0;  // by id
  virtual std::optional<Listing> listing(int64_t id) = 0;

  // All of them or none, audited as one change; their ids in order.
  virtual std::vector<int64_t> add_demands(const std::vector<Demand>& list, const store::AuditChange& change) = 0;
  virtual std::vector<Demand> demands() = 0;  // by id
  virtual std::optional<Demand> demand(int64_t id) = 0;

  // The case with its checklist (every item todo); Conflict (case_exists) when the pair has one.
  virtual int64_t open_case(const TransferCase& c, const store::AuditChange& change) = 0;
  virtual std::vector<TransferCase> cases() = 0;  // newest first, with their checklists
  virtual std::optional<TransferCase> find_case(int64_t id) = 0;
  // One checklist item's state and note, and the case's new status, only while the case is still
  // `from_status`, else Conflict (case_changed) and nothing written.
  virtual void set_check(int64_t case_id, const CaseCheck& check, const std::string& from_status,
                         const std::string& to_status, const store::AuditChange& change) = 0;
  // Signed or declined (with the reason and note), only from `from_status`, else Conflict; a
  // signature also only while no checklist item is "todo" (Conflict case_changed).
  virtual void close_case(int64_t case_id, const std::string& from_status, const std::string& to_status,
                          const std::string& reason, const std::string& note, const store::AuditChange& change) = 0;
  // The sample demands and their cases, audited; how many demands went.
  virtual int64_t remove_sample(const store::AuditChange& change) = 0;
};

std::unique_ptr<TransferStore> sql_transfer_store(store::Database& db);
std::vector<store::Migration> migrations();

}  // namespace xinzhi::transfer
