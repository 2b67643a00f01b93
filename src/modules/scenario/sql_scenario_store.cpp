// The SQL implementation (SQLite and PostgreSQL, one text) of scenario::ScenarioStore: every statement of the scenario module,
// prepared with bound values. It carries out writes; ScenarioPartners decides them.
#include "store/queries.h"

#include <initializer_list>
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

using store::Value;

ScenarioList list_row(store::Statement& q) {
  return {q.int64(0),  q.text(1), q.text(2),
          q.int64(3),  "",                         q.text(4),
          q.text(5), q.text(6), q.int64(7)};
}

Scenario scenario_row(store::Statement& q) {
  Scenario s;
  s.id = q.int64(0);
  s.list_id = q.int64(1);
  s.list_title = q.text(2);
  s.list_status = q.text(3);
  s.title = q.text(4);
  s.field = q.text(5);
  s.owner_org_id = q.int64(6);
  s.location = q.text(7);
  s.needs = q.text(8);
  s.budget = q.real(9);
  s.deadline = q.text(10);
  s.stage = q.text(11);
  s.weighting = q.text(12);
  s.ranking = q.text(13);
  s.decision = q.text(14);
  s.decided_application = q.int64(15);
  s.created_at = q.text(16);
  s.applications = q.int64(17);
  return s;
}

Application application_row(store::Statement& q) {
  return {q.int64(0),  q.int64(1), q.int64(2),
          "",                         q.text(3), q.text(4),
          q.int32(5),    q.text(6)};
}

// The reads, shared by the store (outside a transaction) and the writer (inside one: the
// same connection, so they see the transaction's own changes).
template <class Base>
class SqlReads : public Base {
 public:
  explicit SqlReads(store::Database& db) : db_(db) {}

  std::vector<ScenarioList> lists(bool drafts) override {
    store::Statement q(db_, std::string(kListSelect) + (drafts ? "" : " WHERE l.status <> 'draft'") + " ORDER BY l.id DESC");
    std::vector<ScenarioList> out;
    while (q.step()) out.push_back(list_row(q));
    return out;
  }

  std::optional<ScenarioList> list(int64_t id) override {
    store::Statement q(db_, std::string(kListSelect) + " WHERE l.id = ?");
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    return list_row(q);
  }

  std::vector<Scenario> scenarios(int64_t list_id, bool drafts) override {
    std::string sql = std::string(kScenarioSelect) + " WHERE 1=1";
    if (list_id) sql += " AND s.list_id = :list";
    if (!drafts) sql += " AND l.status <> 'draft'";
    store::Statement q(db_, sql + " ORDER BY s.id");
    if (list_id) q.bind(":list", list_id);
    std::vector<Scenario> out;
    while (q.step()) out.push_back(scenario_row(q));
    return out;
  }

  std::optional<Scenario> scenario(int64_t id) override {
    store::Statement q(db_, std::string(kScenarioSelect) + " WHERE s.id = ?");
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    return scenario_row(q);
  }

  std::vector<Indicator> indicators(int64_t scenario_id) override {
    store::Statement q(db_, "SELECT id, parent_id, name, description, position FROM scenario_indicator WHERE scenario_id = ?"
                        " ORDER BY parent_id, position");
    q.bind(1, scenario_id);
    std::vector<Indicator> out;
    while (q.step())
      out.push_back({q.int64(0), q.int64(1), q.text(2),
                     q.text(3), q.int32(4)});
    return out;
  }

  std::vector<int64_t> expert_accounts(int64_t scenario_id) override {
    store::Statement q(db_, "SELECT account_id FROM scenario_expert WHERE scenario_id = ?");
    q.bind(1, scenario_id);
    std::vector<int64_t> out;
    while (q.step()) out.push_back(q.int64(0));
    return out;
  }

  bool is_expert(int64_t scenario_id, int64_t account_id) override {
    store::Statement q(db_, "SELECT 1 FROM scenario_expert WHERE scenario_id = ? AND account_id = ?");
    q.bind_all({scenario_id, account_id});
    return q.step();
  }

  std::vector<Application> applications(int64_t scenario_id, std::optional<int64_t> org_id) override {
    store::Statement q(db_, std::string(kApplicationSelect) + " WHERE a.scenario_id = ?" +
                                       (org_id ? " AND a.org_id = ?" : "") + " ORDER BY a.id");
    q.bind(1, scenario_id);
    if (org_id) q.bind(2, *org_id);
    std::vector<Application> out;
    while (q.step()) out.push_back(application_row(q));
    return out;
  }

  std::optional<Application> application(int64_t id) override {
    store::Statement q(db_, std::string(kApplicationSelect) + " WHERE a.id = ?");
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    return application_row(q);
  }

  std::vector<StoredJudgement> judgements(int64_t scenario_id) override {
    store::Statement q(db_, "SELECT account_id, parent_id, matrix FROM scenario_judgement WHERE scenario_id = ?");
    q.bind(1, scenario_id);
    std::vector<StoredJudgement> out;
    while (q.step())
      out.push_back({q.int64(0), q.int64(1),
                     nlohmann::json::parse(q.text(2)).get<std::vector<double>>()});
    return out;
  }

  std::vector<StoredScore> scores(int64_t scenario_id) override {
    store::Statement q(db_, "SELECT s.application_id, s.account_id, s.indicator_id, s.score FROM scenario_score s"
                        " JOIN scenario_application p ON p.id = s.application_id WHERE p.scenario_id = ?");
    q.bind(1, scenario_id);
    std::vector<StoredScore> out;
    while (q.step())
      out.push_back({q.int64(0), q.int64(1), q.int64(2),
                     q.real(3)});
    return out;
  }

 protected:
  // Runs one statement; returns the number of rows it changed.
  int64_t run(const char* sql, std::initializer_list<Value> values) { return store::run(db_, sql, values); }

  store::Database& db_;
};

// The primitives of one write, each a plain statement inside the store's transaction.
class SqlScenarioWriter final : public SqlReads<ScenarioWriter> {
 public:
  SqlScenarioWriter(store::Database& db, store::WriteTransaction& tx) : SqlReads(db), tx_(tx) {}

  int64_t insert_list(const std::string& title, const std::string& description, int64_t org_id) override {
    return store::insert_id(db_, "INSERT INTO scenario_list(title, description, org_id) VALUES (?,?,?) RETURNING id",
                            {title, description, org_id});
  }

  bool publish_list(int64_t id) override {
    return run("UPDATE scenario_list SET status = 'published', published_at = ?"
               " WHERE id = ? AND status = 'draft'",
               {store::utc_now(), id}) > 0;
  }

  int64_t insert_scenario(const Scenario& s) override {
    return store::insert_id(
        db_,
        "INSERT INTO scenario(list_id, title, field, owner_org_id, location, needs, budget, deadline,"
        " weighting, ranking) VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id",
        {s.list_id, s.title, s.field, s.owner_org_id, s.location, s.needs, s.budget, s.deadline, s.weighting, s.ranking});
  }

  int64_t add_indicator(int64_t scenario_id, int64_t parent_id, const std::string& name, int position) override {
    // The UNIQUE (scenario_id, parent_id, name) row decides a duplicate; the rules name it.
    return store::insert_id(db_,
                            "INSERT INTO scenario_indicator(scenario_id, parent_id, name, position) VALUES (?,?,?,?)"
                            " ON CONFLICT(scenario_id, parent_id, name) DO NOTHING RETURNING id",
                            {scenario_id, parent_id, name, int64_t{position}});
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
    return store::insert_id(db_,
                            "INSERT INTO scenario_application(scenario_id, org_id, solution, evidence, trl) VALUES (?,?,?,?,?)"
                            " ON CONFLICT(scenario_id, org_id) DO NOTHING RETURNING id",
                            {scenario_id, org_id, solution, evidence, int64_t{trl}});
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

class SqlScenarioStore final : public SqlReads<ScenarioStore> {
 public:
  using SqlReads::SqlReads;

  void write(const std::function<void(ScenarioWriter&)>& work) override {
    store::unit_of_work<SqlScenarioWriter>(db_, work);
  }
};

}  // namespace

std::unique_ptr<ScenarioStore> sql_scenario_store(store::Database& db) {
  return std::make_unique<SqlScenarioStore>(db);
}

}  // namespace xinzhi::scenario
