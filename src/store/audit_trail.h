// The tamper-evident audit trail: who wrote what, appended inside the write's own
// transaction and chained by SHA-256 so that editing or deleting a past entry is detected.
#pragma once
#include <cstdint>
#include <optional>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "store/migrations.h"

namespace xinzhi::store {

class Database;

// Who is writing. Each door says so for its thread: the HTTP router per request, the
// scheduler for its runs; the command line once for the whole process.
struct Actor {
  int64_t account_id = 0;  // 0 when no account acts (command line, scheduler)
  std::string name;        // username, "cli:<os user>" or "scheduler"
  int64_t org_id = 0;
  std::string org;
  std::string via;  // "api", "cli", "scheduler"
};

// Sets the acting actor for the current thread until destroyed.
class ActingAs {
 public:
  explicit ActingAs(Actor actor);
  ~ActingAs();
  ActingAs(const ActingAs&) = delete;
  ActingAs& operator=(const ActingAs&) = delete;

 private:
  std::optional<Actor> previous_;
};
// The actor for threads that set none: the command line sets itself here once; the
// server clears it so that a request can never write in the operator's name.
void set_process_actor(std::optional<Actor> actor);
// The current thread's actor, else the process actor; Internal error when there is none.
const Actor& current_actor();

// One write as its module describes it. `before` and `after` are the record's canonical
// text (JSON) and are stored as SHA-256 digests; `detail` is a short JSON summary kept as is.
struct AuditChange {
  std::string action;  // "chain.edit", "org.add", "import.patents" …
  std::string target_kind;
  std::string target_id;
  std::string before;
  std::string after;
  std::string detail;
};

struct AuditEntry {
  int64_t seq = 0;
  std::string at;  // UTC, ISO 8601 with milliseconds
  int64_t account_id = 0;
  std::string actor;
  int64_t org_id = 0;
  std::string org;
  std::string via, action, target_kind, target_id, before_digest, after_digest, detail, prev_hash, hash;
};

struct AuditVerdict {
  bool ok = true;
  int64_t entries = 0;
  int64_t first_bad_seq = 0;  // 0 when ok
  std::string problem;        // what is wrong with the first bad entry, in English
  // The same for the dashboard: a key (audit_entry_changed …) and the params its text names.
  std::string problem_key;
  std::vector<std::pair<std::string, std::string>> problem_params;
  std::string head_hash;      // the last entry's hash: write it down to anchor the chain
};

struct AuditFilter {
  std::string actor;     // username, exact
  std::string since;     // ISO date or timestamp, inclusive
  std::string action;    // exact, or a prefix ending in '.' ("chain.")
  int64_t org_id = 0;    // entries by members of this organisation
  int64_t before_seq = 0;  // paging: entries older than this
  size_t limit = 1000;
};

// Every entry the filter selects, newest first, its limit ignored: read in pages by sequence
// number, so that neither engine holds the whole trail in memory and entries appended
// meanwhile are left out (the export is the trail as it stood). Stops when `visit` says false.
void for_each_audit(Database& db, AuditFilter filter, const std::function<bool(const AuditEntry&)>& visit);
// The trail as CSV rows (RFC 4180, CRLF; cells that could run as a spreadsheet formula are
// defused): the header, then one row per entry with its time in UTC as stored and in Beijing
// time beside it, and its hash so that a printed export can be checked against the chain.
std::string audit_csv_header();
std::string audit_csv_row(const AuditEntry& entry);

// The audit table's migrations (module "audit").
std::vector<Migration> audit_migrations();
// Appends one entry; must run inside a WriteTransaction (which holds the write lock, so
// the chain cannot fork).
void append_audit(Database& db, const AuditChange& change);
// Recomputes every hash in order; names the first entry that was edited, removed or reordered.
// `checkpoint` ("SEQ:HASH" as `xinzhi audit head` prints it, written down earlier) anchors
// the chain: the trail must still hold that entry with that hash, so a trail that was wiped
// or rebuilt from scratch — internally consistent, but not the one written down — fails.
AuditVerdict verify_audit(Database& db, const std::string& checkpoint = "");
// "SEQ:HASH" of the newest entry ("0:" for an empty trail): the checkpoint to write down.
std::string audit_checkpoint(Database& db);
// Newest first.
std::vector<AuditEntry> list_audit(Database& db, const AuditFilter& filter);

}  // namespace xinzhi::store
