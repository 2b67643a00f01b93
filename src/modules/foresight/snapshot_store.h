// foresight::SnapshotStore: the SQL behind heat-map snapshots and their schedules. The rules
// (what is due, what a snapshot holds, the audit entries) live in ForesightSnapshots.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "modules/foresight/snapshots.h"
#include "store/audit_trail.h"
#include "store/database.h"

namespace xinzhi::foresight {

// A snapshot as stored. The query, periods and fields are JSON text written by
// ForesightSnapshots: a store keeps the text as it is, because the audit trail holds digests
// of exactly that text.
struct StoredSnapshot {
  SnapshotInfo info;  // info.fields is not stored: the length of the fields array
  std::string query, periods, fields;
};

struct StoredSchedule {
  std::string name, every;
  std::string query;           // JSON text, as written
  std::string last_run;        // UTC, "" before the first run
  int64_t last_run_epoch = 0;  // 0 before the first run
};

// The reads, both outside a write and inside one (where they see the write's own changes).
class SnapshotReader {
 public:
  virtual ~SnapshotReader() = default;
  // By id; without query, periods and fields, with their number in info.fields.
  virtual std::vector<SnapshotInfo> snapshots() = 0;
  virtual std::optional<StoredSnapshot> snapshot(int64_t id) = 0;
  virtual std::vector<StoredSchedule> schedules() = 0;  // by name
  virtual std::optional<StoredSchedule> schedule(const std::string& name) = 0;
};

// The writes one transaction may make; ForesightSnapshots decides which.
class SnapshotWriter : public SnapshotReader {
 public:
  // Stores name, taken_at, trigger, records, query, periods and fields; returns the new id.
  virtual int64_t insert_snapshot(const StoredSnapshot& s) = 0;
  // Adds the schedule, or sets `every` and `query` of the one of that name (its last run stays).
  virtual void put_schedule(const std::string& name, const std::string& every, const std::string& query) = 0;
  virtual bool remove_schedule(const std::string& name) = 0;  // false: there was none
  virtual void set_last_run(const std::string& name, const std::string& at, int64_t epoch) = 0;
  // An entry in the audit trail, inside this transaction.
  virtual void audit(const store::AuditChange& change) = 0;
};

class SnapshotStore : public SnapshotReader {
 public:
  // A user's write in one write transaction: `work` reads and writes through the writer and
  // says what it did with audit(); committed when it returns, nothing kept if it throws.
  virtual void write(const std::function<void(SnapshotWriter&)>& work) = 0;
  // As write(), for bookkeeping that is no user's (claiming due schedules): no audit entry
  // is needed. `why` names it.
  virtual void bookkeeping(const char* why, const std::function<void(SnapshotWriter&)>& work) = 0;
};

std::unique_ptr<SnapshotStore> sql_snapshot_store(store::Database& db);

}  // namespace xinzhi::foresight
