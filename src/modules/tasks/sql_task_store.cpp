// The SQL implementation (SQLite and PostgreSQL, one text) of tasks::TaskStore and the tasks
// migrations.
#include "base/error.h"
#include "modules/tasks/task_store.h"
#include "store/queries.h"

namespace xinzhi::tasks {

namespace {

constexpr const char* kTaskSelect =
    "SELECT id, year, ref, title, field, body, department, deadline, source, imported_at FROM national_task";
constexpr const char* kCandidateSelect =
    "SELECT c.id, c.task_id, t.title, c.org, c.kind, c.stage, c.score, c.explanation, c.created_by, c.created_at, "
    "c.updated_at FROM task_candidate c JOIN national_task t ON t.id = c.task_id";

NationalTask task_row(store::Statement& q) {
  NationalTask t;
  t.id = q.int64(0);
  t.year = static_cast<int>(q.int64(1));
  t.ref = q.text(2);
  t.title = q.text(3);
  t.field = q.text(4);
  t.text = q.text(5);
  t.department = q.text(6);
  t.deadline = q.text(7);
  t.source = q.text(8);
  t.imported_at = q.text(9);
  return t;
}

Candidate candidate_row(store::Statement& q) {
  Candidate c;
  c.id = q.int64(0);
  c.task_id = q.int64(1);
  c.task_title = q.text(2);
  c.org = q.text(3);
  c.kind = q.text(4);
  c.stage = q.text(5);
  c.score = q.real(6);
  c.explanation = q.text(7);
  c.created_by = q.text(8);
  c.created_at = q.text(9);
  c.updated_at = q.text(10);
  return c;
}

class SqlTaskStore final : public TaskStore {
 public:
  explicit SqlTaskStore(store::Database& db) : db_(db) {}

  TaskImport put_tasks(int year, const std::string& source, const std::vector<NationalTask>& tasks,
                       const store::AuditChange& change) override {
    store::WriteTransaction tx(db_);
    TaskImport out;
    const std::string now = store::utc_now();
    store::Statement add(db_,
                         "INSERT INTO national_task(year, ref, title, field, body, department, deadline, source, imported_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(year, ref) DO NOTHING RETURNING id");
    store::Statement update(db_,
                            "UPDATE national_task SET title = ?, field = ?, body = ?, department = ?, deadline = ?, source = ?, "
                            "imported_at = ? WHERE year = ? AND ref = ?");
    for (const auto& t : tasks) {
      add.reset();
      add.bind_all({int64_t{year}, t.ref, t.title, t.field, t.text, t.department, t.deadline, source, now});
      bool fresh = add.step();
      add.exec();
      if (fresh) {
        ++out.added;
        continue;
      }
      // A number that now names another demand would carry that demand's candidates with it.
      auto held = store::first_row(db_,
                                   "SELECT t.title, (SELECT count(*) FROM task_candidate c WHERE c.task_id = t.id) "
                                   "FROM national_task t WHERE t.year = ? AND t.ref = ?",
                                   {int64_t{year}, t.ref}, [](store::Statement& q) { return std::make_pair(q.text(0), q.int64(1)); });
      if (held && held->first != t.title && held->second > 0)
        fail_keyed(ErrorCode::Conflict, "task_title_changed", {{"ref", t.ref}, {"title", held->first}, {"new_title", t.title}},
                   "number " + t.ref + " was '" + held->first + "', which has candidates in the pool; the list now calls it '" +
                       t.title + "' (renumbered?): nothing was imported");
      update.reset();
      update.bind_all({t.title, t.field, t.text, t.department, t.deadline, source, now, int64_t{year}, t.ref});
      update.exec();
      ++out.updated;
    }
    tx.audit(change);
    tx.commit();
    return out;
  }

  std::vector<NationalTask> tasks(int year) override {
    std::string sql(kTaskSelect);
    if (year == 0) return store::all_rows(db_, sql.append(" ORDER BY year, id"), {}, task_row);
    return store::all_rows(db_, sql.append(" WHERE year = ? ORDER BY id"), {int64_t{year}}, task_row);
  }

  std::optional<NationalTask> task(int64_t id) override {
    std::string sql(kTaskSelect);
    return store::first_row(db_, sql.append(" WHERE id = ?"), {id}, task_row);
  }

  int64_t add_candidate(const Candidate& c, const store::AuditChange& change) override {
    store::WriteTransaction tx(db_);
    const std::string now = store::utc_now();
    int64_t id = store::insert_id(db_,
                                  "INSERT INTO task_candidate(task_id, org, kind, stage, score, explanation, created_by, "
                                  "created_at, updated_at) VALUES (?, ?, ?, '储备', ?, ?, ?, ?, ?) "
                                  "ON CONFLICT(task_id, org) DO NOTHING RETURNING id",
                                  {c.task_id, c.org, c.kind, c.score, c.explanation, c.created_by, now, now});
    if (id == 0)
      fail_keyed(ErrorCode::Conflict, "candidate_exists", {{"org", c.org}},
                 c.org + " is in the pool for this task already");
    store::run(db_, "INSERT INTO task_move(candidate_id, from_stage, to_stage, criteria, note, moved_by, moved_at) "
                    "VALUES (?, '', '储备', '{}', '', ?, ?)",
               {id, c.created_by, now});
    auto audited = change;
    audited.target_id = std::to_string(id);
    tx.audit(audited);
    tx.commit();
    return id;
  }

  std::vector<Candidate> candidates() override {
    std::string sql(kCandidateSelect);
    auto out = store::all_rows(db_, sql.append(" ORDER BY c.task_id, c.score DESC, c.id"), {}, candidate_row);
    for (auto& c : out) c.moves = moves(c.id);
    return out;
  }

  std::optional<Candidate> candidate(int64_t id) override {
    std::string sql(kCandidateSelect);
    auto c = store::first_row(db_, sql.append(" WHERE c.id = ?"), {id}, candidate_row);
    if (c) c->moves = moves(id);
    return c;
  }

  void move(int64_t candidate_id, const PoolMove& m, const store::AuditChange& change) override {
    store::WriteTransaction tx(db_);
    const std::string now = store::utc_now();
    if (store::run(db_, "UPDATE task_candidate SET stage = ?, updated_at = ? WHERE id = ? AND stage = ?",
                   {m.to, now, candidate_id, m.from}) == 0)
      fail_keyed(ErrorCode::Conflict, "candidate_moved", {{"id", std::to_string(candidate_id)}},
                 "candidate " + std::to_string(candidate_id) + " was moved meanwhile; reload it");
    store::run(db_, "INSERT INTO task_move(candidate_id, from_stage, to_stage, criteria, note, moved_by, moved_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
               {candidate_id, m.from, m.to, m.criteria, m.note, m.moved_by, now});
    tx.audit(change);
    tx.commit();
  }

 private:
  std::vector<PoolMove> moves(int64_t candidate_id) {
    return store::all_rows(db_,
                           "SELECT id, from_stage, to_stage, criteria, note, moved_by, moved_at FROM task_move "
                           "WHERE candidate_id = ? ORDER BY id",
                           {candidate_id}, [](store::Statement& q) {
                             return PoolMove{q.int64(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6)};
                           });
  }

  store::Database& db_;
};

}  // namespace

std::unique_ptr<TaskStore> sql_task_store(store::Database& db) { return std::make_unique<SqlTaskStore>(db); }

std::vector<store::Migration> migrations() {
  return {{"tasks", 1, "national task list: demands, the pre-research pool and its moves",
           "CREATE TABLE national_task ("
           " id INTEGER PRIMARY KEY, year INTEGER NOT NULL, ref TEXT NOT NULL, title TEXT NOT NULL,"
           " field TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '', department TEXT NOT NULL DEFAULT '',"
           " deadline TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '', imported_at TEXT NOT NULL,"
           " UNIQUE (year, ref));"
           "CREATE TABLE task_candidate ("
           " id INTEGER PRIMARY KEY, task_id INTEGER NOT NULL REFERENCES national_task(id), org TEXT NOT NULL,"
           " kind TEXT NOT NULL CHECK (kind IN ('lab','firm')),"
           " stage TEXT NOT NULL CHECK (stage IN ('储备','成熟','申报','退出')), score REAL NOT NULL DEFAULT 0,"
           " explanation TEXT NOT NULL DEFAULT '{}', created_by TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL,"
           " updated_at TEXT NOT NULL, UNIQUE (task_id, org));"
           "CREATE TABLE task_move ("
           " id INTEGER PRIMARY KEY, candidate_id INTEGER NOT NULL REFERENCES task_candidate(id),"
           " from_stage TEXT NOT NULL, to_stage TEXT NOT NULL, criteria TEXT NOT NULL DEFAULT '{}',"
           " note TEXT NOT NULL DEFAULT '', moved_by TEXT NOT NULL DEFAULT '', moved_at TEXT NOT NULL);"
           "CREATE INDEX task_move_by_candidate ON task_move(candidate_id);"}};
}

}  // namespace xinzhi::tasks
