#include "store/audit_trail.h"

#include <cstdio>
#include <cstdlib>

#include <chrono>
#include <ctime>

#include "base/digest.h"
#include "base/error.h"
#include "base/text.h"
#include "store/database.h"

namespace xinzhi::store {

namespace {

thread_local std::optional<Actor> thread_actor;
std::optional<Actor> process_actor;
const std::string kGenesis(64, '0');

std::string now_utc() {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[96];  // room for any int the compiler imagines
  snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
           tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

// Every field but the hash itself, separated by a byte that UTF-8 text never holds
// unescaped in our fields (unit separator), so two different entries cannot serialise alike.
std::string entry_hash(const AuditEntry& e) {
  std::string s;
  for (const std::string& part :
       {std::to_string(e.seq), e.at, std::to_string(e.account_id), e.actor, std::to_string(e.org_id), e.org, e.via,
        e.action, e.target_kind, e.target_id, e.before_digest, e.after_digest, e.detail, e.prev_hash}) {
    s += part;
    s += '\x1f';
  }
  return sha256_hex(s);
}

AuditEntry entry_row(Statement& q) {
  AuditEntry e;
  e.seq = q.int64(0);
  e.at = q.text(1);
  e.account_id = q.int64(2);
  e.actor = q.text(3);
  e.org_id = q.int64(4);
  e.org = q.text(5);
  e.via = q.text(6);
  e.action = q.text(7);
  e.target_kind = q.text(8);
  e.target_id = q.text(9);
  e.before_digest = q.text(10);
  e.after_digest = q.text(11);
  e.detail = q.text(12);
  e.prev_hash = q.text(13);
  e.hash = q.text(14);
  return e;
}

constexpr const char* kColumns =
    "seq, at, account_id, actor, org_id, org, via, action, target_kind, target_id, before_digest, after_digest, "
    "detail, prev_hash, hash";

}  // namespace

ActingAs::ActingAs(Actor actor) : previous_(std::move(thread_actor)) { thread_actor = std::move(actor); }
ActingAs::~ActingAs() { thread_actor = std::move(previous_); }

void set_process_actor(std::optional<Actor> actor) { process_actor = std::move(actor); }

const Actor& current_actor() {
  if (thread_actor) return *thread_actor;
  if (process_actor) return *process_actor;
  fail(ErrorCode::Internal, "a write was attempted with no actor to record in the audit trail");
}

std::vector<Migration> audit_migrations() {
  return {{"audit", 1, "hash-chained audit trail",
           "CREATE TABLE audit_entry ("
           " seq INTEGER PRIMARY KEY, at TEXT NOT NULL, account_id INTEGER NOT NULL, actor TEXT NOT NULL,"
           " org_id INTEGER NOT NULL, org TEXT NOT NULL, via TEXT NOT NULL, action TEXT NOT NULL,"
           " target_kind TEXT NOT NULL, target_id TEXT NOT NULL, before_digest TEXT NOT NULL,"
           " after_digest TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);"
           "CREATE INDEX audit_entry_by_actor ON audit_entry(actor, seq);"
           "CREATE INDEX audit_entry_by_org ON audit_entry(org_id, seq);"
           "CREATE INDEX audit_entry_by_time ON audit_entry(at);"
           // The head repeats the last hash and the count, so that cutting entries off the
           // end is detected as well as editing them.
           "CREATE TABLE audit_head (id INTEGER PRIMARY KEY CHECK (id = 1), entries INTEGER NOT NULL,"
           " hash TEXT NOT NULL);"}};
}

void append_audit(Database& db, const AuditChange& change) {
  const Actor& who = current_actor();
  AuditEntry e;
  e.prev_hash = kGenesis;
  Statement head(db, "SELECT entries, hash FROM audit_head WHERE id = 1");
  if (head.step()) {
    e.seq = head.int64(0) + 1;
    e.prev_hash = head.text(1);
  } else {
    e.seq = 1;
  }
  e.at = now_utc();
  e.account_id = who.account_id;
  e.actor = who.name;
  e.org_id = who.org_id;
  e.org = who.org;
  e.via = who.via;
  e.action = change.action;
  e.target_kind = change.target_kind;
  e.target_id = change.target_id;
  e.before_digest = change.before.empty() ? "" : sha256_hex(change.before);
  e.after_digest = change.after.empty() ? "" : sha256_hex(change.after);
  e.detail = change.detail;
  e.hash = entry_hash(e);
  Statement ins(db, std::string("INSERT INTO audit_entry(") + kColumns + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  int i = 0;
  ins.bind(++i, e.seq);
  ins.bind(++i, e.at);
  ins.bind(++i, e.account_id);
  ins.bind(++i, e.actor);
  ins.bind(++i, e.org_id);
  for (const std::string* s : {&e.org, &e.via, &e.action, &e.target_kind, &e.target_id, &e.before_digest,
                               &e.after_digest, &e.detail, &e.prev_hash, &e.hash})
    ins.bind(++i, *s);
  ins.exec();
  Statement up(db,
                "INSERT INTO audit_head(id, entries, hash) VALUES (1, ?, ?) "
                       "ON CONFLICT(id) DO UPDATE SET entries = excluded.entries, hash = excluded.hash");
  up.bind(1, e.seq);
  up.bind(2, e.hash);
  up.exec();
}

AuditVerdict verify_audit(Database& db, const std::string& checkpoint) {
  AuditVerdict v;
  int64_t anchor_seq = 0;
  std::string anchor_hash;
  bool anchor_found = checkpoint.empty() || checkpoint == "0:";
  if (!checkpoint.empty() && checkpoint != "0:") {  // "0:": written down while the trail was empty
    auto colon = checkpoint.find(':');
    char* end = nullptr;
    anchor_seq = colon == std::string::npos ? 0 : std::strtoll(checkpoint.c_str(), &end, 10);
    anchor_hash = colon == std::string::npos ? "" : checkpoint.substr(colon + 1);
    if (anchor_seq <= 0 || end != checkpoint.c_str() + colon || anchor_hash.size() != 64)
      fail_keyed(ErrorCode::InvalidInput, "checkpoint_invalid", {{"checkpoint", checkpoint}},
                 "checkpoint is '" + checkpoint + "', expected SEQ:HASH as xinzhi audit head prints it");
  }
  auto bad = [&](int64_t seq, const char* key, ErrorParams params, std::string problem) {
    v.ok = false;
    v.first_bad_seq = seq;
    v.problem = std::move(problem);
    v.problem_key = key;
    v.problem_params = std::move(params);
    return v;
  };
  auto n = [](int64_t x) { return std::to_string(x); };
  std::string prev = kGenesis;
  Statement q(db, std::string("SELECT ") + kColumns + " FROM audit_entry ORDER BY seq");
  while (q.step()) {
    AuditEntry e = entry_row(q);
    int64_t expected = v.entries + 1;
    if (e.seq != expected)
      return bad(expected, "audit_entry_missing", {{"entry", n(expected)}, {"next", n(e.seq)}},
                 "entry " + std::to_string(expected) + " is missing (deleted); the next entry is " + std::to_string(e.seq));
    if (e.prev_hash != prev)
      return bad(e.seq, "audit_entry_unlinked", {{"entry", n(e.seq)}},
                 "entry " + std::to_string(e.seq) + " does not link to the entry before it");
    if (entry_hash(e) != e.hash)
      return bad(e.seq, "audit_entry_changed", {{"entry", n(e.seq)}, {"action", e.action}, {"actor", e.actor}, {"at", e.at}},
                 "entry " + std::to_string(e.seq) + " was changed after it was written (" + e.action + " by " + e.actor +
                     " at " + e.at + ")");
    if (e.seq == anchor_seq) {
      if (e.hash != anchor_hash)
        return bad(e.seq, "audit_checkpoint_mismatch", {{"entry", n(e.seq)}},
                   "entry " + std::to_string(e.seq) + " is not the one the checkpoint names: the trail was "
                                                      "rebuilt after the checkpoint was written down");
      anchor_found = true;
    }
    prev = e.hash;
    ++v.entries;
  }
  v.head_hash = v.entries ? prev : "";
  if (!anchor_found)
    return bad(v.entries + 1, "audit_checkpoint_beyond", {{"entries", n(v.entries)}, {"entry", n(anchor_seq)}},
               "the trail has " + std::to_string(v.entries) + " entries but the checkpoint names entry " +
                   std::to_string(anchor_seq) + ": entries were deleted (the trail was wiped or cut)");
  Statement head(db, "SELECT entries, hash FROM audit_head WHERE id = 1");
  int64_t head_entries = 0;
  std::string head_hash;
  if (head.step()) head_entries = head.int64(0), head_hash = head.text(1);
  if (head_entries > v.entries)
    return bad(v.entries + 1, "audit_tail_deleted", {{"from", n(v.entries + 1)}, {"to", n(head_entries)}},
               "entries " + std::to_string(v.entries + 1) + " to " + std::to_string(head_entries) +
                   " were deleted from the end of the trail");
  if (head_entries < v.entries || (v.entries && head_hash != prev))
    return bad(head_entries + 1, "audit_head_mismatch", {},
               "the trail's head does not match its last entry (entries were added or edited outside Xinzhi)");
  return v;
}

std::string audit_checkpoint(Database& db) {
  auto v = verify_audit(db);
  // Writing down the head of a broken trail would anchor the damage.
  if (!v.ok) fail(ErrorCode::Conflict, "audit trail broken at entry " + std::to_string(v.first_bad_seq) + ": " + v.problem);
  return std::to_string(v.entries) + ":" + v.head_hash;
}

std::vector<AuditEntry> list_audit(Database& db, const AuditFilter& f) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM audit_entry WHERE 1=1";
  if (!f.actor.empty()) sql += " AND actor = :actor";
  if (!f.since.empty()) sql += " AND at >= :since";
  // "chain." is a prefix; "import" is an action or, as analysts type it, the family "import.…"
  // (it found nothing before). The family text is bound apart: SQL joins text differently.
  if (!f.action.empty())
    sql += f.action.back() == '.' ? " AND substr(action, 1, length(:action)) = :action"
                                  : " AND (action = :action OR substr(action, 1, length(:family)) = :family)";
  if (f.org_id) sql += " AND org_id = :org";
  if (f.before_seq) sql += " AND seq < :before";
  sql += " ORDER BY seq DESC LIMIT :limit";
  Statement q(db, sql);
  if (!f.actor.empty()) q.bind(":actor", f.actor);
  if (!f.since.empty()) q.bind(":since", f.since);
  if (!f.action.empty()) q.bind(":action", f.action);
  if (!f.action.empty() && f.action.back() != '.') {
    std::string family = f.action;
    family.push_back('.');
    q.bind(":family", family);
  }
  if (f.org_id) q.bind(":org", f.org_id);
  if (f.before_seq) q.bind(":before", f.before_seq);
  q.bind(":limit", static_cast<int64_t>(f.limit));
  std::vector<AuditEntry> out;
  while (q.step()) out.push_back(entry_row(q));
  return out;
}

void for_each_audit(Database& db, AuditFilter filter, const std::function<bool(const AuditEntry&)>& visit) {
  filter.limit = 500;  // entries in memory at once
  for (;;) {
    auto page = list_audit(db, filter);
    for (const auto& e : page)
      if (!visit(e)) return;
    if (page.size() < filter.limit) return;
    filter.before_seq = page.back().seq;
  }
}

namespace {
// "2026-12-02T08:00:00.123Z" → "2026-12-02 16:00:00" (UTC+8, no daylight saving); "" when the
// stored time is not in that form.
std::string beijing_time(const std::string& utc) {
  tm t{};
  int ms = 0;
  if (sscanf(utc.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ", &t.tm_year, &t.tm_mon, &t.tm_mday, &t.tm_hour, &t.tm_min,
             &t.tm_sec, &ms) < 6)
    return "";
  t.tm_year -= 1900, t.tm_mon -= 1;
  time_t at = timegm(&t) + 8 * 3600;
  tm local{};
  gmtime_r(&at, &local);
  char buf[32];
  strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &local);
  return buf;
}
}  // namespace

std::string audit_csv_header() {
  return "seq,at_utc,at_beijing,actor,org,via,action,target,detail,hash\r\n";
}

std::string audit_csv_row(const AuditEntry& e) {
  std::string row = std::to_string(e.seq);
  for (const std::string& cell : {e.at, beijing_time(e.at), e.actor, e.org, e.via, e.action,
                                  e.target_kind + ":" + e.target_id, e.detail, e.hash})
    row.append(",").append(text::csv_cell(cell));
  return row.append("\r\n");
}

}  // namespace xinzhi::store
