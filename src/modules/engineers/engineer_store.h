// Where the shared-engineer platform's records live (engineer, engineer_segment,
// engineer_month, engineer_request, engineer_round, engineer_dispatch); SQL only in
// sql_engineer_store.cpp.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "modules/engineers/engineer_types.h"
#include "store/audit_trail.h"
#include "store/database.h"
#include "store/migrations.h"

namespace xinzhi::engineers {

class EngineerStore {
 public:
  virtual ~EngineerStore() = default;
  // With its segments and months, audited, in one transaction; Conflict (keyed
  // engineer_exists) when the name is taken in that organisation.
  virtual int64_t add_engineer(const Engineer& e, const std::vector<MonthCapacity>& months,
                               const store::AuditChange& change) = 0;
  virtual std::vector<Engineer> engineers() = 0;  // by id, with skills and segments
  virtual std::optional<Engineer> engineer(int64_t id) = 0;
  virtual std::vector<MonthCapacity> months(const std::string& from, const std::string& to) = 0;  // inclusive

  virtual int64_t add_request(const EngineerRequest& r, const store::AuditChange& change) = 0;
  virtual std::vector<EngineerRequest> requests(const std::string& status) = 0;  // "" = all; by id
  virtual std::optional<EngineerRequest> request(int64_t id) = 0;

  // The round, its proposals and the requests' new status, in one transaction; Conflict
  // (round_overlap) and nothing written when, with another round stored meanwhile, an engineer
  // would pass the month's capacity or a request the engineers it needs.
  virtual int64_t add_round(const DispatchRound& round, const std::vector<Dispatch>& proposals,
                            const std::vector<std::pair<int64_t, std::string>>& request_status,
                            const store::AuditChange& change) = 0;
  virtual std::vector<DispatchRound> rounds() = 0;  // newest first
  // Proposals with the engineer's name and the request's firm and month; round 0 = every round.
  virtual std::vector<Dispatch> dispatches(int64_t round_id) = 0;
  virtual std::optional<Dispatch> dispatch(int64_t id) = 0;
  // Status, reason and time of an answer, or hours and outcome of a finished engagement, with
  // the request's status and (a "no time" decline) the engineer's new capacity that month,
  // audited in one transaction — only while the dispatch is still `from_status`, else Conflict
  // (dispatch_answered) and nothing written, so a double click answers once.
  virtual void update_dispatch(const Dispatch& d, const std::string& from_status, const std::string& request_status,
                               const std::optional<MonthCapacity>& capacity, const store::AuditChange& change) = 0;
  // Sample engineers and requests with their dispatches, and rounds left empty, audited; real
  // requests that lose a dispatch are open again. How many engineers and requests went.
  virtual int64_t remove_sample(const store::AuditChange& change) = 0;
};

std::unique_ptr<EngineerStore> sql_engineer_store(store::Database& db);
std::vector<store::Migration> migrations();

}  // namespace xinzhi::engineers
