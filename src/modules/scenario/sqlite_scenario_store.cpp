// SQLite implementation of scenario::ScenarioStore: every statement of the scenario module,
// prepared with bound values. It carries out writes; ScenarioPartners decides them.
#include <SQLiteCpp/Statement.h>

#include <initializer_list>
#include <variant>
#include <nlohmann/json.hpp>

#include "modules/scenario/scenario_store.h"

namespace xinzhi::scenario {

namespace {

constexpr const char* kListSelect =
    "SELECT l.id, l.title, l.description, l.org_id, l.status, l.published_at, l.created_at,"
    " (SELECT count(*) FROM scenario s WHERE s.list_id = l.id) FROM scenario_list l";
constexpr const char* kScenarioSelect =
    "SELECT s.id, s.list_id, l.title, l.status, s.title, s.field, s.owner_org_id, s.location, s.needs, s.budget,"
    " s.deadline, s.stage, s.weighting, s.ranking, s.decision, s.decided_application, s.created_at,"
    " (SELECT count(*) FROM scenario_application a WHERE a.scenario_id = s.id)"
    " FROM scenario s JOIN scenario_list l ON l.id = s.list_id";
constexpr const char* kApplicationSelect =
    "SELECT a.id, a.scenario_id, a.org_id, a.solution, a.evidence, a.trl, a.submitted_at FROM scenario_application a";

using Value = std::variant<int64_t, double, std::string>;

// Binds the values in order (?1, ?2 …).
void bind_all(SQLite::Statement& q, std::initializer_list<Value> values) {
  int i = 1;
  for (const auto& v : values) std::visit([&](const auto& x) { q.bind(i++, x); }, v);
}

ScenarioList list_row(SQLite::Statement& q) {
  return {q.getColumn(0).getInt64(),  q.getColumn(1).getString(), q.getColumn(2).getString(),
          q.getColumn(3).getInt64(),  "",                         q.getColumn(4).getString(),
          q.getColumn(5).getString(), q.getColumn(6).getString(), q.getColumn(7).getInt64()};
}

Scenario scenario_row(SQLite::Statement& q) {
  Scenario s;
  s.id = q.getColumn(0).getInt64();
  s.list_id = q.getColumn(1).getInt64();
  s.list_title = q.getColumn(2).getString();
  s.list_status = q.getColumn(3).getString();
  s.title = q.getColumn(4).getString();
  s.field = q.getColumn(5).getString();
  s.owner_org_id = q.getColumn(6).getInt64();
  s.location = q.getColumn(7).getString();
  s.needs = q.getColumn(8).getString();
  s.budget = q.getColumn(9).getDouble();
  s.deadline = q.getColumn(10).getString();
  s.stage = q.getColumn(11).getString();
  s.weighting = q.getColumn(12).getString();
  s.ranking = q.getColumn(13).getString();
  s.decision = q.getColumn(14).getString();
  s.decided_application = q.getColumn(15).getInt64();
  s.created_at = q.getColumn(16).getString();
  s.applications = q.getColumn(17).getInt64();
  return s;
}

Application application_row(SQLite::Statement& q) {
  return {q.getColumn(0).getInt64(),  q.getColumn(1).getInt64(), q.getColumn(2).getInt64(),
          "",                         q.getColumn(3).getString(), q.getColumn(4).getString(),
          q.getColumn(5).getInt(),    q.getColumn(6).getString()};
}

// The reads, shared by the store (outside a transaction) and the writer (inside one: the
// same connection, so they see the transaction's own changes).
template <class Base>
class SqliteReads : public Base {
 public:
  explicit SqliteReads(store::Database& db) : db_(db) {}

  std::vector<ScenarioList> lists(bool drafts) override {
    SQLite::Statement q(db_.sql(), std::string(kListSelect) + (drafts ? "" : " WHERE l.status <> 'draft'") + " ORDER BY l.id DESC");
    std::vector<ScenarioList> out;
    while (q.executeStep()) out.push_back(list_row(q));
    return out;
  }

  std::optional<ScenarioList> list(int64_t id) override {
    SQLite::Statement q(db_.sql(), std::string(kListSelect) + " WHERE l.id = ?");
    q.bind(1, id);
    if (!q.executeStep()) return std::nullopt;
    return list_row(q);
  }

  std::vector<Scenario> scenarios(int64_t list_id, bool drafts) override {
    std::string sql = std::string(kScenarioSelect) + " WHERE 1=1";
    if (list_id) sql += " AND s.list_id = :list";
    if (!drafts) sql += " AND l.status <> 'draft'";
    SQLite::Statement q(db_.sql(), sql + " ORDER BY s.id");
    if (list_id) q.bind(":list", list_id);
    std::vector<Scenario> out;
    while (q.executeStep()) out.push_back(scenario_row(q));
    return out;
  }

  std::optional<Scenario> scenario(int64_t id) override {
    SQLite::Statement q(db_.sql(), std::string(kScenarioSelect) + " WHERE s.id = ?");
    q.bind(1, id);
    if (!q.executeStep()) return std::nullopt;
    return scenario_row(q);
  }

  std::vector<Indicator> indicators(int64_t scenario_id) override {
    SQLite::Statement q(db_.sql(),
                        "SELECT id, parent_id, name, description, position FROM scenario_indicator WHERE scenario_id = ?"
                        " ORDER BY parent_id, position");
    q.bind(1, scenario_id);
    std::vector<Indicator> out;
    while (q.executeStep())
      out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), q.getColumn(2).getString(),
                     q.getColumn(3).getString(), q.getColumn(4).getInt()});
    return out;
  }

  std::vector<int64_t> expert_accounts(int64_t scenario_id) override {
    SQLite::Statement q(db_.sql(), "SELECT account_id FROM scenario_expert WHERE scenario_id = ?");
    q.bind(1, scenario_id);
    std::vector<int64_t> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getInt64());
    return out;
  }

  bool is_expert(int64_t scenario_id, int64_t account_id) override {
    SQLite::Statement q(db_.sql(), "SELECT 1 FROM scenario_expert WHERE scenario_id = ? AND account_id = ?");
    bind_all(q, {scenario_id, account_id});
    return q.executeStep();
  }

  std::vector<Application> applications(int64_t scenario_id, std::optional<int64_t> org_id) override {
    SQLite::Statement q(db_.sql(), std::string(kApplicationSelect) + " WHERE a.scenario_id = ?" +
                                       (org_id ? " AND a.org_id = ?" : "") + " ORDER BY a.id");
    q.bind(1, scenario_id);
    if (org_id) q.bind(2, *org_id);
    std::vector<Application> out;
    while (q.executeStep()) out.push_back(application_row(q));
    return out;
  }

  std::optional<Application> application(int64_t id) override {
    SQLite::Statement q(db_.sql(), std::string(kApplicationSelect) + " WHERE a.id = ?");
    q.bind(1, id);
    if (!q.executeStep()) return std::nullopt;
    return application_row(q);
  }

  std::vector<StoredJudgement> judgements(int64_t scenario_id) override {
    SQLite::Statement q(db_.sql(), "SELECT account_id, parent_id, matrix FROM scenario_judgement WHERE scenario_id = ?");
    q.bind(1, scenario_id);
    std::vector<StoredJudgement> out;
    while (q.executeStep())
      out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(),
                     nlohmann::json::parse(q.getColumn(2).getString()).get<std::vector<double>>()});
    return out;
  }

  std::vector<StoredScore> scores(int64_t scenario_id) override {
    SQLite::Statement q(db_.sql(),
                        "SELECT s.application_id, s.account_id, s.indicator_id, s.score FROM scenario_score s"
                        " JOIN scenario_application p ON p.id = s.application_id WHERE p.scenario_id = ?");
    q.bind(1, scenario_id);
    std::vector<StoredScore> out;
    while (q.executeStep())
      out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), q.getColumn(2).getInt64(),
                     q.getColumn(3).getDouble()});
    return out;
  }

 protected:
  // Runs one statement; returns the number of rows it changed.
  int run(const char* sql, std::initializer_list<Value> values) {
    SQLite::Statement q(db_.sql(), sql);
    bind_all(q, values);
    return q.exec();
  }

  store::Database& db_;
};

// The primitives of one write, each a plain statement inside the store's transaction.
class SqliteScenarioWriter final : public SqliteReads<ScenarioWriter> {
 public:
  SqliteScenarioWriter(store::Database& db, store::WriteTransaction& tx) : SqliteReads(db), tx_(tx) {}

  int64_t insert_list(const std::string& title, const std::string& description, int64_t org_id) override {
    run("INSERT INTO scenario_list(title, description, org_id) VALUES (?,?,?)", {title, description, org_id});
    return db_.sql().getLastInsertRowid();
  }

  bool publish_list(int64_t id) override {
    return run("UPDATE scenario_list SET status = 'published', published_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')"
               " WHERE id = ? AND status = 'draft'",
               {id}) > 0;
  }

  int64_t insert_scenario(const Scenario& s) override {
    run("INSERT INTO scenario(list_id, title, field, owner_org_id, location, needs, budget, deadline,"
        " weighting, ranking) VALUES (?,?,?,?,?,?,?,?,?,?)",
        {s.list_id, s.title, s.field, s.owner_org_id, s.location, s.needs, s.budget, s.deadline, s.weighting, s.ranking});
    return db_.sql().getLastInsertRowid();
  }

  int64_t add_indicator(int64_t scenario_id, int64_t parent_id, const std::string& name, int position) override {
    // The UNIQUE (scenario_id, parent_id, name) row decides a duplicate; the rules name it.
    int added = run("INSERT INTO scenario_indicator(scenario_id, parent_id, name, position) VALUES (?,?,?,?)"
                    " ON CONFLICT(scenario_id, parent_id, name) DO NOTHING",
                    {scenario_id, parent_id, name, int64_t{position}});
    return added ? db_.sql().getLastInsertRowid() : 0;
  }

  void clear_indicators(int64_t scenario_id) override {
    run("DELETE FROM scenario_judgement WHERE scenario_id = ?", {scenario_id});
    run("DELETE FROM scenario_indicator WHERE scenario_id = ?", {scenario_id});
  }

  void update_scenario(const Scenario& s) override {
    run("UPDATE scenario SET title = ?, field = ?, location = ?, needs = ?, deadline = ?, budget = ?,"
        " weighting = ?, ranking = ?, owner_org_id = ? WHERE id = ?",
        {s.title, s.field, s.location, s.needs, s.deadline, s.budget, s.weighting, s.ranking, s.owner_org_id, s.id});
  }

  void set_stage(int64_t id, const std::string& from, const std::string& to, const std::string& note,
                 const std::string& account) override {
    run("UPDATE scenario SET stage = ? WHERE id = ?", {to, id});
    run("INSERT INTO scenario_event(scenario_id, stage_from, stage_to, note, account) VALUES (?,?,?,?,?)",
        {id, from, to, note, account});
  }

  void set_decision(int64_t id, int64_t application_id, const std::string& decision) override {
    run("UPDATE scenario SET decided_application = ?, decision = ? WHERE id = ?", {application_id, decision, id});
  }

  bool add_expert(int64_t scenario_id, int64_t account_id) override {
    return run("INSERT INTO scenario_expert(scenario_id, account_id) VALUES (?,?) ON CONFLICT DO NOTHING",
               {scenario_id, account_id}) > 0;
  }

  int64_t add_application(int64_t scenario_id, int64_t org_id, const std::string& solution, const std::string& evidence,
                          int trl) override {
    int added = run("INSERT INTO scenario_application(scenario_id, org_id, solution, evidence, trl) VALUES (?,?,?,?,?)"
                    " ON CONFLICT(scenario_id, org_id) DO NOTHING",
                    {scenario_id, org_id, solution, evidence, int64_t{trl}});
    return added ? db_.sql().getLastInsertRowid() : 0;
  }

  void put_judgement(int64_t scenario_id, int64_t account_id, int64_t parent_id, const std::vector<double>& matrix) override {
    run("INSERT INTO scenario_judgement(scenario_id, account_id, parent_id, matrix) VALUES (?,?,?,?)"
        " ON CONFLICT(scenario_id, account_id, parent_id) DO UPDATE SET matrix = excluded.matrix",
        {scenario_id, account_id, parent_id, nlohmann::json(matrix).dump()});
  }

  void put_score(int64_t application_id, int64_t account_id, int64_t indicator_id, double score) override {
    run("INSERT INTO scenario_score(application_id, account_id, indicator_id, score) VALUES (?,?,?,?)"
        " ON CONFLICT(application_id, account_id, indicator_id) DO UPDATE SET score = excluded.score",
        {application_id, account_id, indicator_id, score});
  }

  void audit(const store::AuditChange& change) override { tx_.audit(change); }

 private:
  store::WriteTransaction& tx_;
};

class SqliteScenarioStore final : public SqliteReads<ScenarioStore> {
 public:
  using SqliteReads::SqliteReads;

  void write(const std::function<void(ScenarioWriter&)>& work) override {
    store::WriteTransaction tx(db_);
    SqliteScenarioWriter writer(db_, tx);
    work(writer);
    tx.commit();
  }
};

}  // namespace

std::unique_ptr<ScenarioStore> sqlite_scenario_store(store::Database& db) {
  return std::make_unique<SqliteScenarioStore>(db);
}

}  // namespace xinzhi::scenario
