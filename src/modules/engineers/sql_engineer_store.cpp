// The SQL implementation (SQLite and PostgreSQL, one text) of engineers::EngineerStore and the
// engineers migrations. Skills are kept as one text, "、"-joined, since they are read whole.
#include "base/error.h"
#include "base/text.h"
#include "modules/engineers/engineer_store.h"
#include "store/queries.h"

namespace xinzhi::engineers {

namespace {

constexpr const char* kSkillSeparator = "、";

std::string join_skills(const std::vector<std::string>& skills) {
  std::string out;
  for (const auto& s : skills) {
    if (!out.empty()) out += kSkillSeparator;
    out += s;
  }
  return out;
}

std::vector<std::string> split_skills(const std::string& text) {
  std::vector<std::string> out;
  size_t at = 0;
  const std::string sep = kSkillSeparator;
  while (at <= text.size()) {
    size_t next = text.find(sep, at);
    std::string item = text.substr(at, next == std::string::npos ? std::string::npos : next - at);
    if (!item.empty()) out.push_back(item);
    if (next == std::string::npos) break;
    at = next + sep.size();
  }
  return out;
}

constexpr const char* kEngineerSelect =
    "SELECT id, name, org, region, certification, profile, skills, sample FROM engineer";
constexpr const char* kRequestSelect =
    "SELECT id, firm, region, chain, segment, origin, problem, month, status, created_by, created_at, skills, engineers, "
    "budget, sample, org FROM engineer_request";
constexpr const char* kDispatchSelect =
    "SELECT d.id, d.round_id, d.request_id, d.engineer_id, e.name, r.firm, r.month, d.status, d.reason, d.responded_at, "
    "d.outcome, d.score, d.hours, d.explanation FROM engineer_dispatch d JOIN engineer e ON e.id = d.engineer_id "
    "JOIN engineer_request r ON r.id = d.request_id";

Engineer engineer_row(store::Statement& q) {
  Engineer e;
  e.id = q.int64(0);
  e.name = q.text(1);
  e.org = q.text(2);
  e.region = q.text(3);
  e.certification = q.text(4);
  e.profile = q.text(5);
  e.skills = split_skills(q.text(6));
  e.sample = q.int64(7) != 0;
  return e;
}

EngineerRequest request_row(store::Statement& q) {
  EngineerRequest r;
  r.id = q.int64(0);
  r.firm = q.text(1);
  r.region = q.text(2);
  r.chain = q.text(3);
  r.segment = q.text(4);
  r.origin = q.text(5);
  r.problem = q.text(6);
  r.month = q.text(7);
  r.status = q.text(8);
  r.created_by = q.text(9);
  r.created_at = q.text(10);
  r.skills = split_skills(q.text(11));
  r.engineers = q.int64(12);
  r.budget = q.real(13);
  r.sample = q.int64(14) != 0;
  r.org = q.text(15);
  return r;
}

Dispatch dispatch_row(store::Statement& q) {
  Dispatch d;
  d.id = q.int64(0);
  d.round_id = q.int64(1);
  d.request_id = q.int64(2);
  d.engineer_id = q.int64(3);
  d.engineer = q.text(4);
  d.firm = q.text(5);
  d.month = q.text(6);
  d.status = q.text(7);
  d.reason = q.text(8);
  d.responded_at = q.text(9);
  d.outcome = q.text(10);
  d.score = q.real(11);
  d.hours = q.real(12);
  d.explanation = q.text(13);
  return d;
}

class SqlEngineerStore final : public EngineerStore {
 public:
  explicit SqlEngineerStore(store::Database& db) : db_(db) {}

  int64_t add_engineer(const Engineer& e, const std::vector<MonthCapacity>& months,
                       const store::AuditChange& change) override {
    store::WriteTransaction tx(db_);
    int64_t id = store::insert_id(db_,
                                  "INSERT INTO engineer(name, org, region, certification, profile, skills, sample, created_at) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(name, org) DO NOTHING RETURNING id",
                                  {e.name, e.org, e.region, e.certification, e.profile, join_skills(e.skills),
                                   int64_t{e.sample ? 1 : 0}, store::utc_now()});
    if (id == 0)
      fail_keyed(ErrorCode::Conflict, "engineer_exists", {{"name", e.name}, {"org", e.org}},
                 "an engineer named '" + e.name + "' of '" + e.org + "' is registered already");
    for (const auto& s : e.segments)
      store::run(db_, "INSERT INTO engineer_segment(engineer_id, chain, segment) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                 {id, s.chain, s.segment});
    for (const auto& m : months)
      store::run(db_, "INSERT INTO engineer_month(engineer_id, month, capacity) VALUES (?, ?, ?)", {id, m.month, m.capacity});
    auto audited = change;
    audited.target_id = std::to_string(id);
    tx.audit(audited);
    tx.commit();
    return id;
  }

  std::vector<Engineer> engineers() override {
    std::string sql(kEngineerSelect);
    auto out = store::all_rows(db_, sql.append(" ORDER BY id"), {}, engineer_row);
    auto segments = store::all_rows(db_, "SELECT engineer_id, chain, segment FROM engineer_segment ORDER BY engineer_id, chain, segment",
                                    {}, [](store::Statement& q) { return std::make_pair(q.int64(0), SegmentRef{q.text(1), q.text(2)}); });
    size_t k = 0;
    for (auto& e : out)
      for (; k < segments.size() && segments[k].first <= e.id; ++k)
        if (segments[k].first == e.id) e.segments.push_back(segments[k].second);
    return out;
  }

  std::optional<Engineer> engineer(int64_t id) override {
    std::string sql(kEngineerSelect);
    auto e = store::first_row(db_, sql.append(" WHERE id = ?"), {id}, engineer_row);
    if (e)
      e->segments = store::all_rows(db_, "SELECT chain, segment FROM engineer_segment WHERE engineer_id = ? ORDER BY chain, segment",
                                    {id}, [](store::Statement& q) { return SegmentRef{q.text(0), q.text(1)}; });
    return e;
  }

  std::vector<MonthCapacity> months(const std::string& from, const std::string& to) override {
    return store::all_rows(db_,
                           "SELECT engineer_id, month, capacity FROM engineer_month WHERE month >= ? AND month <= ? "
                           "ORDER BY engineer_id, month",
                           {from, to}, [](store::Statement& q) { return MonthCapacity{q.int64(0), q.text(1), q.int64(2)}; });
  }

  int64_t add_request(const EngineerRequest& r, const store::AuditChange& change) override {
    store::WriteTransaction tx(db_);
    int64_t id = store::insert_id(db_,
                                  "INSERT INTO engineer_request(firm, region, chain, segment, origin, problem, month, status, "
                                  "created_by, created_at, skills, engineers, budget, sample, org) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                  {r.firm, r.region, r.chain, r.segment, r.origin, r.problem, r.month, r.created_by,
                                   store::utc_now(), join_skills(r.skills), r.engineers, r.budget, int64_t{r.sample ? 1 : 0},
                                   r.org});
    auto audited = change;
    audited.target_id = std::to_string(id);
    tx.audit(audited);
    tx.commit();
    return id;
  }

  std::vector<EngineerRequest> requests(const std::string& status) override {
    std::string sql(kRequestSelect);
    if (status.empty()) return store::all_rows(db_, sql.append(" ORDER BY id"), {}, request_row);
    return store::all_rows(db_, sql.append(" WHERE status = ? ORDER BY id"), {status}, request_row);
  }

  std::optional<EngineerRequest> request(int64_t id) override {
    std::string sql(kRequestSelect);
    return store::first_row(db_, sql.append(" WHERE id = ?"), {id}, request_row);
  }

  int64_t add_round(const DispatchRound& round, const std::vector<Dispatch>& proposals,
                    const std::vector<std::pair<int64_t, std::string>>& request_status,
                    const store::AuditChange& change) override {
    store::WriteTransaction tx(db_);
    int64_t id = store::insert_id(db_,
                                  "INSERT INTO engineer_round(month, created_at, created_by, solver, requests, engineers, pairs, "
                                  "missing, total, unmet) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                  {round.month, store::utc_now(), round.created_by, round.solver, round.requests, round.engineers,
                                   round.pairs, round.missing, round.total, round.unmet});
    store::Statement add(db_,
                         "INSERT INTO engineer_dispatch(round_id, request_id, engineer_id, score, explanation, status) "
                         "VALUES (?, ?, ?, ?, ?, 'proposed')");
    for (const auto& d : proposals) {
      add.reset();
      add.bind(1, id).bind(2, d.request_id).bind(3, d.engineer_id).bind(4, d.score).bind(5, d.explanation);
      add.exec();
    }
    for (const auto& [request, status] : request_status)
      store::run(db_, "UPDATE engineer_request SET status = ? WHERE id = ?", {status, request});
    // Rounds computed at the same time read the same free places: the later one to store finds
    // them taken. (Inside the write transaction every other round is committed or not begun.)
    auto overbooked = store::first_row(
        db_,
        "SELECT 1 FROM engineer_dispatch d JOIN engineer_request r ON r.id = d.request_id "
        "WHERE d.status IN ('proposed','accepted','done') AND r.month = ? GROUP BY d.engineer_id "
        "HAVING COUNT(*) > COALESCE((SELECT capacity FROM engineer_month m WHERE m.engineer_id = d.engineer_id AND m.month = ?), 0) "
        "UNION ALL SELECT 1 FROM engineer_dispatch d JOIN engineer_request r ON r.id = d.request_id "
        "WHERE d.status IN ('proposed','accepted','done') GROUP BY d.request_id, r.engineers HAVING COUNT(*) > r.engineers",
        {round.month, round.month}, [](store::Statement& q) { return q.int64(0); });
    if (overbooked)
      fail_keyed(ErrorCode::Conflict, "round_overlap", {{"month", round.month}},
                 "another dispatch round for " + round.month + " was stored meanwhile; run the round again");
    auto audited = change;
    audited.target_id = std::to_string(id);
    tx.audit(audited);
    tx.commit();
    return id;
  }

  std::vector<DispatchRound> rounds() override {
    return store::all_rows(db_,
                           "SELECT id, month, created_at, created_by, solver, requests, engineers, pairs, missing, total, unmet "
                           "FROM engineer_round ORDER BY id DESC",
                           {}, [](store::Statement& q) {
                             DispatchRound r;
                             r.id = q.int64(0);
                             r.month = q.text(1);
                             r.created_at = q.text(2);
                             r.created_by = q.text(3);
                             r.solver = q.text(4);
                             r.requests = q.int64(5);
                             r.engineers = q.int64(6);
                             r.pairs = q.int64(7);
                             r.missing = q.int64(8);
                             r.total = q.real(9);
                             r.unmet = q.text(10);
                             return r;
                           });
  }

  std::vector<Dispatch> dispatches(int64_t round_id) override {
    std::string sql(kDispatchSelect);
    if (round_id == 0) return store::all_rows(db_, sql.append(" ORDER BY d.id"), {}, dispatch_row);
    return store::all_rows(db_, sql.append(" WHERE d.round_id = ? ORDER BY d.id"), {round_id}, dispatch_row);
  }

  std::optional<Dispatch> dispatch(int64_t id) override {
    std::string sql(kDispatchSelect);
    return store::first_row(db_, sql.append(" WHERE d.id = ?"), {id}, dispatch_row);
  }

  void update_dispatch(const Dispatch& d, const std::string& from_status, const std::string& request_status,
                       const std::optional<MonthCapacity>& capacity, const store::AuditChange& change) override {
    store::WriteTransaction tx(db_);
    int64_t changed = store::run(db_,
                                 "UPDATE engineer_dispatch SET status = ?, reason = ?, responded_at = ?, hours = ?, outcome = ? "
                                 "WHERE id = ? AND status = ?",
                                 {d.status, d.reason, d.responded_at, d.hours, d.outcome, d.id, from_status});
    if (changed == 0)
      fail_keyed(ErrorCode::Conflict, "dispatch_answered", {{"id", std::to_string(d.id)}, {"status", d.status}},
                 "dispatch " + std::to_string(d.id) + " was answered meanwhile");
    store::run(db_, "UPDATE engineer_request SET status = ? WHERE id = ?", {request_status, d.request_id});
    if (capacity)
      store::run(db_,
                 "INSERT INTO engineer_month(engineer_id, month, capacity) VALUES (?, ?, ?) "
                 "ON CONFLICT(engineer_id, month) DO UPDATE SET capacity = excluded.capacity",
                 {capacity->engineer_id, capacity->month, capacity->capacity});
    tx.audit(change);
    tx.commit();
  }

  int64_t remove_sample(const store::AuditChange& change) override {
    store::WriteTransaction tx(db_);
    // Real requests served by a sample engineer need engineers again.
    store::run(db_,
               "UPDATE engineer_request SET status = 'open' WHERE sample = 0 AND status IN ('proposed','matched') AND id IN "
               "(SELECT request_id FROM engineer_dispatch WHERE engineer_id IN (SELECT id FROM engineer WHERE sample = 1))");
    int64_t dispatches = store::run(db_,
                                    "DELETE FROM engineer_dispatch WHERE engineer_id IN (SELECT id FROM engineer WHERE sample = 1) "
                                    "OR request_id IN (SELECT id FROM engineer_request WHERE sample = 1)");
    // Rounds that proposed only sample pairs go with them (a round that proposed nothing stays).
    if (dispatches > 0)
      dispatches += store::run(db_,
                               "DELETE FROM engineer_round WHERE pairs > 0 AND id NOT IN (SELECT round_id FROM engineer_dispatch)");
    store::run(db_, "DELETE FROM engineer_segment WHERE engineer_id IN (SELECT id FROM engineer WHERE sample = 1)");
    store::run(db_, "DELETE FROM engineer_month WHERE engineer_id IN (SELECT id FROM engineer WHERE sample = 1)");
    int64_t removed = store::run(db_, "DELETE FROM engineer WHERE sample = 1");
    removed += store::run(db_, "DELETE FROM engineer_request WHERE sample = 1");
    if (removed + dispatches > 0) tx.audit(change);
    tx.commit();
    return removed;
  }

 private:
  store::Database& db_;
};

}  // namespace

std::unique_ptr<EngineerStore> sql_engineer_store(store::Database& db) { return std::make_unique<SqlEngineerStore>(db); }

std::vector<store::Migration> migrations() {
  return {{"engineers", 1, "shared engineers: registry, segments, monthly capacity, SME requests, dispatch rounds",
           "CREATE TABLE engineer ("
           " id INTEGER PRIMARY KEY, name TEXT NOT NULL, org TEXT NOT NULL DEFAULT '', region TEXT NOT NULL DEFAULT '',"
           " certification TEXT NOT NULL DEFAULT '', profile TEXT NOT NULL DEFAULT '', skills TEXT NOT NULL DEFAULT '',"
           " sample INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, UNIQUE (name, org));"
           "CREATE TABLE engineer_segment ("
           " engineer_id INTEGER NOT NULL REFERENCES engineer(id), chain TEXT NOT NULL, segment TEXT NOT NULL,"
           " PRIMARY KEY (engineer_id, chain, segment));"
           "CREATE TABLE engineer_month ("
           " engineer_id INTEGER NOT NULL REFERENCES engineer(id), month TEXT NOT NULL,"
           " capacity INTEGER NOT NULL CHECK (capacity >= 0), PRIMARY KEY (engineer_id, month));"
           "CREATE TABLE engineer_request ("
           " id INTEGER PRIMARY KEY, firm TEXT NOT NULL, region TEXT NOT NULL DEFAULT '', chain TEXT NOT NULL DEFAULT '',"
           " segment TEXT NOT NULL DEFAULT '',"
           " origin TEXT NOT NULL DEFAULT 'manual' CHECK (origin IN ('manual','chain_gap','chokepoint')),"
           " problem TEXT NOT NULL, skills TEXT NOT NULL DEFAULT '', month TEXT NOT NULL,"
           " engineers INTEGER NOT NULL CHECK (engineers BETWEEN 1 AND 20), budget REAL NOT NULL DEFAULT 0,"
           " status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','proposed','matched','closed')),"
           " created_by TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, sample INTEGER NOT NULL DEFAULT 0,"
           " org TEXT NOT NULL DEFAULT '');"
           "CREATE INDEX engineer_request_by_status ON engineer_request(status, month);"
           "CREATE TABLE engineer_round ("
           " id INTEGER PRIMARY KEY, month TEXT NOT NULL, created_at TEXT NOT NULL, created_by TEXT NOT NULL DEFAULT '',"
           " solver TEXT NOT NULL, requests INTEGER NOT NULL, engineers INTEGER NOT NULL, pairs INTEGER NOT NULL,"
           " missing INTEGER NOT NULL, total REAL NOT NULL, unmet TEXT NOT NULL DEFAULT '[]');"
           "CREATE TABLE engineer_dispatch ("
           " id INTEGER PRIMARY KEY, round_id INTEGER NOT NULL REFERENCES engineer_round(id),"
           " request_id INTEGER NOT NULL REFERENCES engineer_request(id), engineer_id INTEGER NOT NULL REFERENCES engineer(id),"
           " score REAL NOT NULL, explanation TEXT NOT NULL DEFAULT '{}',"
           " status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed','accepted','declined','done')),"
           " reason TEXT NOT NULL DEFAULT '', responded_at TEXT NOT NULL DEFAULT '', hours REAL NOT NULL DEFAULT 0,"
           " outcome TEXT NOT NULL DEFAULT '', UNIQUE (request_id, engineer_id));"
           "CREATE INDEX engineer_dispatch_by_request ON engineer_dispatch(request_id);"
           "CREATE INDEX engineer_dispatch_by_engineer ON engineer_dispatch(engineer_id);"}};
}

}  // namespace xinzhi::engineers
