#include "modules/scenario/scenario_partners.h"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "engines/mcda/ahp.h"
#include "modules/accounts/directory.h"
#include "store/audit_trail.h"

namespace xinzhi::scenario {

using accounts::Permission;
using accounts::Principal;

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

// Names of organisations and accounts come from the accounts module's read interface: this
// module stores their ids and never reads the accounts tables.
struct Names {
  std::map<int64_t, std::string> orgs, users;
  explicit Names(store::Database& db)
      : orgs(accounts::AccountDirectory(db).organisation_names()), users(accounts::AccountDirectory(db).usernames()) {}
  const std::string& org(int64_t id) const { return of(orgs, id); }
  const std::string& user(int64_t id) const { return of(users, id); }

 private:
  static const std::string& of(const std::map<int64_t, std::string>& m, int64_t id) {
    static const std::string none;
    auto it = m.find(id);
    return it == m.end() ? none : it->second;
  }
};

ScenarioList list_row(SQLite::Statement& q, const Names& names) {
  int64_t org = q.getColumn(3).getInt64();
  return {q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(), org, names.org(org),
          q.getColumn(4).getString(), q.getColumn(5).getString(), q.getColumn(6).getString(), q.getColumn(7).getInt64()};
}

Scenario scenario_row(SQLite::Statement& q, const Names& names) {
  Scenario s;
  s.id = q.getColumn(0).getInt64();
  s.list_id = q.getColumn(1).getInt64();
  s.list_title = q.getColumn(2).getString();
  s.list_status = q.getColumn(3).getString();
  s.title = q.getColumn(4).getString();
  s.field = q.getColumn(5).getString();
  s.owner_org_id = q.getColumn(6).getInt64();
  s.owner_org = names.org(s.owner_org_id);
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

Application application_row(SQLite::Statement& q, const Names& names) {
  int64_t org = q.getColumn(2).getInt64();
  return {q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), org, names.org(org), q.getColumn(3).getString(),
          q.getColumn(4).getString(), q.getColumn(5).getInt(), q.getColumn(6).getString()};
}

void require(const Principal& by, Permission p) {
  if (!by.has(p))
    fail(ErrorCode::Forbidden, "role " + std::string(accounts::role_name(by.role)) + " may not " +
                                   std::string(accounts::permission_meaning(p)));
}

std::string scenario_text(const Scenario& s) {
  return nlohmann::json{{"title", s.title},       {"field", s.field},     {"owner_org_id", s.owner_org_id},
                        {"location", s.location}, {"needs", s.needs},     {"budget", s.budget},
                        {"deadline", s.deadline}, {"stage", s.stage},     {"weighting", s.weighting},
                        {"ranking", s.ranking},   {"decision", s.decision}, {"decided_application", s.decided_application}}
      .dump();
}

void check_date(const std::string& d) {
  if (d.empty()) return;
  int y = 0, m = 0, day = 0;
  char tail = 0;
  bool shape = d.size() == 10 && d[4] == '-' && d[7] == '-' && sscanf(d.c_str(), "%4d-%2d-%2d%c", &y, &m, &day, &tail) == 3;
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (!shape || y < 1900 || m < 1 || m > 12 || day < 1 || day > days[m - 1] || (m == 2 && day == 29 && !leap))
    invalid_input("deadline is '" + d + "', expected a date YYYY-MM-DD");
}

void check_methods(const std::string& weighting, const std::string& ranking) {
  if (weighting != "ahp" && weighting != "entropy" && weighting != "combined")
    invalid_input("weighting is '" + weighting + "', expected ahp, entropy or combined");
  if (ranking != "topsis" && ranking != "fce") invalid_input("ranking is '" + ranking + "', expected topsis or fce");
}

// The tree as text (top: child, child | …), for the audit trail's before and after digests.
std::string tree_text(const std::vector<Indicator>& indicators) {
  std::string out;
  for (const auto& top : indicators) {
    if (top.parent_id) continue;
    out.append(top.name).append(":");
    for (const auto& c : indicators)
      if (c.parent_id == top.id) out.append(c.name).append(",");
    out.append("|");
  }
  return out;
}

}  // namespace

ScenarioList ScenarioPartners::add_list(const std::string& title, const std::string& description, const Principal& by) {
  require(by, Permission::ScenarioManage);
  auto t = accounts::checked_text(title, "title", 200, true);
  auto d = accounts::checked_text(description, "description", 4000, false);
  if (by.org_id == 0) invalid_input("a scenario list is published by an organisation; the console has none (use --org)");
  store::WriteTransaction tx(db_);
  SQLite::Statement ins(db_.sql(), "INSERT INTO scenario_list(title, description, org_id) VALUES (?,?,?)");
  ins.bind(1, t);
  ins.bind(2, d);
  ins.bind(3, by.org_id);
  ins.exec();
  int64_t id = db_.sql().getLastInsertRowid();
  tx.audit({"scenario.list_add", "scenario_list", std::to_string(id), "", t + "\x1f" + d, nlohmann::json{{"title", t}}.dump()});
  tx.commit();
  SQLite::Statement q(db_.sql(), std::string(kListSelect) + " WHERE l.id = ?");
  q.bind(1, id);
  q.executeStep();
  return list_row(q, Names(db_));
}

void ScenarioPartners::publish_list(int64_t id, const Principal& by) {
  require(by, Permission::ScenarioManage);
  store::WriteTransaction tx(db_);
  SQLite::Statement up(db_.sql(),
                       "UPDATE scenario_list SET status = 'published', published_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')"
                       " WHERE id = ? AND status = 'draft'");
  up.bind(1, id);
  if (up.exec() == 0) {
    SQLite::Statement q(db_.sql(), "SELECT status FROM scenario_list WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) not_found("no scenario list with id " + std::to_string(id));
    fail(ErrorCode::Conflict, "scenario list " + std::to_string(id) + " is already " + q.getColumn(0).getString());
  }
  tx.audit({"scenario.list_publish", "scenario_list", std::to_string(id), "draft", "published", "{}"});
  tx.commit();
}

std::vector<ScenarioList> ScenarioPartners::lists(const Principal& by) {
  bool all = by.has(Permission::ScenarioManage) || by.has(Permission::AuditRead);
  SQLite::Statement q(db_.sql(), std::string(kListSelect) + (all ? "" : " WHERE l.status <> 'draft'") + " ORDER BY l.id DESC");
  std::vector<ScenarioList> out;
  Names names(db_);
  while (q.executeStep()) out.push_back(list_row(q, names));
  return out;
}

Scenario ScenarioPartners::load(int64_t id) {
  SQLite::Statement q(db_.sql(), std::string(kScenarioSelect) + " WHERE s.id = ?");
  q.bind(1, id);
  if (!q.executeStep()) not_found("no scenario with id " + std::to_string(id));
  return scenario_row(q, Names(db_));
}

Scenario ScenarioPartners::scenario(int64_t id, const Principal& by) {
  auto s = load(id);
  // A draft list's scenarios are not there for anyone but its managers (and auditors).
  if (s.list_status == "draft" && !by.has(Permission::ScenarioManage) && !by.has(Permission::AuditRead))
    not_found("no scenario with id " + std::to_string(id));
  return s;
}

std::vector<Scenario> ScenarioPartners::scenarios(int64_t list_id, const Principal& by) {
  bool all = by.has(Permission::ScenarioManage) || by.has(Permission::AuditRead);
  std::string sql = std::string(kScenarioSelect) + " WHERE 1=1";
  if (list_id) sql += " AND s.list_id = :list";
  if (!all) sql += " AND l.status <> 'draft'";
  SQLite::Statement q(db_.sql(), sql + " ORDER BY s.id");
  if (list_id) q.bind(":list", list_id);
  std::vector<Scenario> out;
  Names names(db_);
  while (q.executeStep()) out.push_back(scenario_row(q, names));
  return out;
}

Scenario ScenarioPartners::add_scenario(int64_t list_id, const ScenarioFields& f, const Principal& by) {
  require(by, Permission::ScenarioManage);
  if (!f.title) invalid_input("field 'title' is missing");
  SQLite::Statement l(db_.sql(), "SELECT 1 FROM scenario_list WHERE id = ?");
  l.bind(1, list_id);
  if (!l.executeStep()) not_found("no scenario list with id " + std::to_string(list_id));
  int64_t owner = by.org_id;
  if (f.owner_org) owner = accounts::AccountDirectory(db_).find_org(*f.owner_org).id;
  if (owner == 0) invalid_input("field 'owner_org' is missing: which organisation owns the scenario?");
  auto text = [](const std::optional<std::string>& v, const char* field, size_t max) {
    return v ? accounts::checked_text(*v, field, max, false) : std::string();
  };
  auto deadline = text(f.deadline, "deadline", 10);
  check_date(deadline);
  double budget = f.budget.value_or(0);
  if (!std::isfinite(budget) || budget < 0) invalid_input("budget must be a number ≥ 0 (万元)");
  check_methods(f.weighting.value_or("combined"), f.ranking.value_or("topsis"));
  store::WriteTransaction tx(db_);
  SQLite::Statement ins(db_.sql(),
                        "INSERT INTO scenario(list_id, title, field, owner_org_id, location, needs, budget, deadline,"
                        " weighting, ranking) VALUES (?,?,?,?,?,?,?,?,?,?)");
  ins.bind(1, list_id);
  ins.bind(2, accounts::checked_text(*f.title, "title", 200, true));
  ins.bind(3, text(f.field, "field", 100));
  ins.bind(4, owner);
  ins.bind(5, text(f.location, "location", 200));
  ins.bind(6, text(f.needs, "needs", 4000));
  ins.bind(7, budget);
  ins.bind(8, deadline);
  ins.bind(9, f.weighting.value_or("combined"));
  ins.bind(10, f.ranking.value_or("topsis"));
  ins.exec();
  int64_t id = db_.sql().getLastInsertRowid();
  SQLite::Statement ind(db_.sql(),
                        "INSERT INTO scenario_indicator(scenario_id, parent_id, name, position) VALUES (?,?,?,?)");
  int top_pos = 0;
  for (const auto& [top, children] : standard_indicators()) {
    ind.bind(1, id), ind.bind(2, int64_t{0}), ind.bind(3, top), ind.bind(4, top_pos++);
    ind.exec(), ind.reset();
    int64_t parent = db_.sql().getLastInsertRowid();
    int pos = 0;
    for (const auto& c : children) {
      ind.bind(1, id), ind.bind(2, parent), ind.bind(3, c), ind.bind(4, pos++);
      ind.exec(), ind.reset();
    }
  }
  auto s = load(id);
  tx.audit({"scenario.add", "scenario", std::to_string(id), "", scenario_text(s), nlohmann::json{{"title", s.title}}.dump()});
  tx.commit();
  return s;
}

Scenario ScenarioPartners::update_scenario(int64_t id, const ScenarioFields& f, const Principal& by) {
  require(by, Permission::ScenarioManage);
  store::WriteTransaction tx(db_);
  auto before = load(id);
  auto after = before;
  if (f.title) after.title = accounts::checked_text(*f.title, "title", 200, true);
  if (f.field) after.field = accounts::checked_text(*f.field, "field", 100, false);
  if (f.location) after.location = accounts::checked_text(*f.location, "location", 200, false);
  if (f.needs) after.needs = accounts::checked_text(*f.needs, "needs", 4000, false);
  if (f.deadline) check_date(after.deadline = accounts::checked_text(*f.deadline, "deadline", 10, false));
  if (f.budget) {
    if (!std::isfinite(*f.budget) || *f.budget < 0) invalid_input("budget must be a number ≥ 0 (万元)");
    after.budget = *f.budget;
  }
  if (f.weighting) after.weighting = *f.weighting;
  if (f.ranking) after.ranking = *f.ranking;
  if (f.owner_org) after.owner_org_id = accounts::AccountDirectory(db_).find_org(*f.owner_org).id;
  check_methods(after.weighting, after.ranking);
  SQLite::Statement up(db_.sql(),
                       "UPDATE scenario SET title = ?, field = ?, location = ?, needs = ?, deadline = ?, budget = ?,"
                       " weighting = ?, ranking = ?, owner_org_id = ? WHERE id = ?");
  up.bind(1, after.title), up.bind(2, after.field), up.bind(3, after.location), up.bind(4, after.needs);
  up.bind(5, after.deadline), up.bind(6, after.budget), up.bind(7, after.weighting), up.bind(8, after.ranking);
  up.bind(9, after.owner_org_id), up.bind(10, id);
  up.exec();
  after = load(id);
  tx.audit({"scenario.update", "scenario", std::to_string(id), scenario_text(before), scenario_text(after), "{}"});
  tx.commit();
  return after;
}

void ScenarioPartners::require_stage(const Scenario& s, const std::string& stage, const char* what) {
  if (s.stage != stage)
    fail(ErrorCode::Conflict, std::string(what) + " happens in stage " + stage + "; scenario " + std::to_string(s.id) +
                                  " is in " + s.stage);
}

Scenario ScenarioPartners::advance(int64_t id, const std::string& to, const std::string& note, const Principal& by) {
  require(by, Permission::ScenarioManage);
  store::WriteTransaction tx(db_);
  auto before = load(id);
  auto from = std::find(kStages.begin(), kStages.end(), before.stage);
  auto target = std::find(kStages.begin(), kStages.end(), to);
  if (target == kStages.end()) invalid_input("stage is '" + to + "', expected 征集, 评估, 首试首用, 推广 or 终止");
  bool ok = (to == "终止" && before.stage != "终止" && before.stage != "推广") || (target == from + 1 && to != "终止");
  if (!ok) fail(ErrorCode::Conflict, "scenario " + std::to_string(id) + " is in " + before.stage + " and cannot move to " + to);
  if (to == "首试首用" && before.decided_application == 0)
    fail(ErrorCode::Conflict, "choose the application for the first trial first (decide)");
  if (to == "评估" && before.applications == 0) fail(ErrorCode::Conflict, "no application has been received yet");
  SQLite::Statement up(db_.sql(), "UPDATE scenario SET stage = ? WHERE id = ?");
  up.bind(1, to);
  up.bind(2, id);
  up.exec();
  SQLite::Statement ev(db_.sql(), "INSERT INTO scenario_event(scenario_id, stage_from, stage_to, note, account) VALUES (?,?,?,?,?)");
  ev.bind(1, id), ev.bind(2, before.stage), ev.bind(3, to), ev.bind(4, accounts::checked_text(note, "note", 4000, false));
  ev.bind(5, by.username);
  ev.exec();
  auto after = load(id);
  tx.audit({"scenario.advance", "scenario", std::to_string(id), scenario_text(before), scenario_text(after),
            nlohmann::json{{"from", before.stage}, {"to", to}, {"note", note}}.dump()});
  tx.commit();
  return after;
}

Scenario ScenarioPartners::decide(int64_t id, int64_t application_id, const std::string& decision, const Principal& by) {
  require(by, Permission::ScenarioManage);
  {
    store::WriteTransaction tx(db_);
    auto before = load(id);
    require_stage(before, "评估", "choosing the first-trial application");
    SQLite::Statement q(db_.sql(), "SELECT 1 FROM scenario_application WHERE id = ? AND scenario_id = ?");
    q.bind(1, application_id);
    q.bind(2, id);
    if (!q.executeStep()) not_found("scenario " + std::to_string(id) + " has no application " + std::to_string(application_id));
    SQLite::Statement up(db_.sql(), "UPDATE scenario SET decided_application = ?, decision = ? WHERE id = ?");
    up.bind(1, application_id);
    up.bind(2, accounts::checked_text(decision, "decision", 4000, true));
    up.bind(3, id);
    up.exec();
    tx.audit({"scenario.decide", "scenario", std::to_string(id), scenario_text(before), scenario_text(load(id)),
              nlohmann::json{{"application", application_id}}.dump()});
    tx.commit();
  }
  return advance(id, "首试首用", decision, by);
}

std::vector<Indicator> ScenarioPartners::indicators(int64_t scenario_id, const Principal& by) {
  scenario(scenario_id, by);
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

void ScenarioPartners::set_indicators(int64_t scenario_id,
                                      const std::vector<std::pair<std::string, std::vector<std::string>>>& tree,
                                      const Principal& by) {
  require(by, Permission::ScenarioManage);
  if (tree.empty() || tree.size() > 15) invalid_input("an indicator tree has 1 to 15 top-level indicators");
  store::WriteTransaction tx(db_);
  auto s = load(scenario_id);
  require_stage(s, "征集", "changing the indicators");
  auto before = tree_text(indicators(scenario_id, by));
  for (auto sql : {"DELETE FROM scenario_judgement WHERE scenario_id = ?", "DELETE FROM scenario_indicator WHERE scenario_id = ?"}) {
    SQLite::Statement d(db_.sql(), sql);
    d.bind(1, scenario_id);
    d.exec();
  }
  SQLite::Statement ind(db_.sql(), "INSERT INTO scenario_indicator(scenario_id, parent_id, name, position) VALUES (?,?,?,?)");
  nlohmann::json after = nlohmann::json::array();
  int top_pos = 0;
  for (const auto& [top, children] : tree) {
    if (children.size() > 15) invalid_input("indicator '" + top + "' has more than 15 sub-indicators");
    ind.bind(1, scenario_id), ind.bind(2, int64_t{0}), ind.bind(3, accounts::checked_text(top, "indicator", 100, true));
    ind.bind(4, top_pos++);
    try {
      ind.exec();
    } catch (const SQLite::Exception&) {
      invalid_input("indicator '" + top + "' appears twice");
    }
    ind.reset();
    int64_t parent = db_.sql().getLastInsertRowid();
    int pos = 0;
    for (const auto& c : children) {
      ind.bind(1, scenario_id), ind.bind(2, parent), ind.bind(3, accounts::checked_text(c, "indicator", 100, true));
      ind.bind(4, pos++);
      try {
        ind.exec();
      } catch (const SQLite::Exception&) {
        invalid_input("sub-indicator '" + c + "' appears twice under '" + top + "'");
      }
      ind.reset();
    }
    after.push_back({{"name", top}, {"children", children}});
  }
  tx.audit({"scenario.indicators", "scenario", std::to_string(scenario_id), before, tree_text(indicators(scenario_id, by)),
            after.dump()});
  tx.commit();
}

void ScenarioPartners::assign_expert(int64_t scenario_id, const std::string& username, const Principal& by) {
  require(by, Permission::ScenarioManage);
  auto account = accounts::AccountDirectory(db_).account(username);
  if (!accounts::role_has(account.role, Permission::ScenarioScore))
    invalid_input("account '" + username + "' (" + std::string(accounts::role_name(account.role)) +
                  ") cannot score scenarios; experts are admin, analyst, park_operator or lab accounts");
  store::WriteTransaction tx(db_);
  load(scenario_id);
  SQLite::Statement ins(db_.sql(), "INSERT OR IGNORE INTO scenario_expert(scenario_id, account_id) VALUES (?,?)");
  ins.bind(1, scenario_id);
  ins.bind(2, account.id);
  if (ins.exec()) tx.audit({"scenario.expert", "scenario", std::to_string(scenario_id), "", username, nlohmann::json{{"expert", username}}.dump()});
  tx.commit();
}

std::vector<std::string> ScenarioPartners::experts(int64_t scenario_id, const Principal& by) {
  scenario(scenario_id, by);
  SQLite::Statement q(db_.sql(), "SELECT account_id FROM scenario_expert WHERE scenario_id = ?");
  q.bind(1, scenario_id);
  Names names(db_);
  std::vector<std::string> out;
  while (q.executeStep()) out.push_back(names.user(q.getColumn(0).getInt64()));
  std::sort(out.begin(), out.end());
  return out;
}

Application ScenarioPartners::apply(int64_t scenario_id, const std::string& solution, const std::string& evidence, int trl,
                                    const Principal& by, int64_t org_id) {
  require(by, Permission::ScenarioApply);
  int64_t org = by.account_id == 0 && org_id ? org_id : by.org_id;  // the console applies for a named organisation
  if (org == 0) invalid_input("an application is made by an organisation (use --org)");
  auto applicant = accounts::AccountDirectory(db_).find_org(std::to_string(org));
  if (applicant.kind != accounts::OrgKind::Enterprise && applicant.kind != accounts::OrgKind::Lab)
    invalid_input("'" + applicant.name + "' is a " + std::string(accounts::org_kind_label_zh(applicant.kind)) +
                  "; applications come from enterprises and laboratories");
  if (trl < 1 || trl > 9) invalid_input("trl is " + std::to_string(trl) + ", expected a technology readiness level 1 to 9 (GB/T 22900)");
  auto sol = accounts::checked_text(solution, "solution", 8000, true);
  auto ev = accounts::checked_text(evidence, "evidence", 8000, false);
  store::WriteTransaction tx(db_);
  auto s = scenario(scenario_id, by);
  require_stage(s, "征集", "applying");
  SQLite::Statement ins(db_.sql(), "INSERT INTO scenario_application(scenario_id, org_id, solution, evidence, trl) VALUES (?,?,?,?,?)");
  ins.bind(1, scenario_id), ins.bind(2, org), ins.bind(3, sol), ins.bind(4, ev), ins.bind(5, trl);
  try {
    ins.exec();
  } catch (const SQLite::Exception&) {
    fail(ErrorCode::Conflict, "this organisation has already applied for scenario " + std::to_string(scenario_id));
  }
  int64_t id = db_.sql().getLastInsertRowid();
  tx.audit({"scenario.apply", "scenario_application", std::to_string(id), "", sol + "\x1f" + ev + "\x1f" + std::to_string(trl),
            nlohmann::json{{"scenario", scenario_id}, {"trl", trl}}.dump()});
  tx.commit();
  SQLite::Statement q(db_.sql(), std::string(kApplicationSelect) + " WHERE a.id = ?");
  q.bind(1, id);
  q.executeStep();
  return application_row(q, Names(db_));
}

std::vector<Application> ScenarioPartners::applications(int64_t scenario_id, const Principal& by) {
  scenario(scenario_id, by);
  bool all = by.has(Permission::ScenarioManage) || by.has(Permission::AuditRead);
  if (!all && by.has(Permission::ScenarioScore)) {
    SQLite::Statement e(db_.sql(), "SELECT 1 FROM scenario_expert WHERE scenario_id = ? AND account_id = ?");
    e.bind(1, scenario_id);
    e.bind(2, by.account_id);
    all = e.executeStep();
  }
  SQLite::Statement q(db_.sql(), std::string(kApplicationSelect) + " WHERE a.scenario_id = ?" + (all ? "" : " AND a.org_id = ?") +
                                     " ORDER BY a.id");
  q.bind(1, scenario_id);
  if (!all) q.bind(2, by.org_id);
  std::vector<Application> out;
  Names names(db_);
  while (q.executeStep()) out.push_back(application_row(q, names));
  return out;
}

int64_t ScenarioPartners::expert_account(int64_t scenario_id, const Principal& by, const std::string& expert) {
  require(by, Permission::ScenarioScore);
  int64_t account = by.account_id;
  std::string name = by.username;
  if (account == 0) {  // the console records judgements and scores for a named expert
    if (expert.empty()) invalid_input("name the expert (--expert USERNAME)");
    account = accounts::AccountDirectory(db_).account(expert).id;
    name = expert;
  }
  SQLite::Statement e(db_.sql(), "SELECT 1 FROM scenario_expert WHERE scenario_id = ? AND account_id = ?");
  e.bind(1, scenario_id);
  e.bind(2, account);
  if (!e.executeStep()) fail(ErrorCode::Forbidden, "'" + name + "' is not an expert on scenario " + std::to_string(scenario_id));
  return account;
}

void ScenarioPartners::judge(int64_t scenario_id, int64_t parent_id, const std::vector<double>& matrix, const Principal& by,
                             const std::string& expert) {
  auto s = scenario(scenario_id, by);
  int64_t account = expert_account(scenario_id, by, expert);
  require_stage(s, "评估", "judging");
  SQLite::Statement c(db_.sql(), "SELECT count(*) FROM scenario_indicator WHERE scenario_id = ? AND parent_id = ?");
  c.bind(1, scenario_id);
  c.bind(2, parent_id);
  c.executeStep();
  size_t n = static_cast<size_t>(c.getColumn(0).getInt64());
  if (n < 2) not_found("indicator " + std::to_string(parent_id) + " of scenario " + std::to_string(scenario_id) + " has fewer than 2 children to compare");
  if (matrix.size() != n * n)
    invalid_input("the judgement matrix has " + std::to_string(matrix.size()) + " cells; " + std::to_string(n) + " × " +
                  std::to_string(n) + " are needed");
  mcda::Matrix m(n, n);
  m.values = matrix;
  mcda::check_pairwise(m);
  store::WriteTransaction tx(db_);
  SQLite::Statement up(db_.sql(),
                       "INSERT INTO scenario_judgement(scenario_id, account_id, parent_id, matrix) VALUES (?,?,?,?)"
                       " ON CONFLICT(scenario_id, account_id, parent_id) DO UPDATE SET matrix = excluded.matrix");
  up.bind(1, scenario_id), up.bind(2, account), up.bind(3, parent_id), up.bind(4, nlohmann::json(matrix).dump());
  up.exec();
  tx.audit({"scenario.judge", "scenario", std::to_string(scenario_id), "", nlohmann::json(matrix).dump(),
            nlohmann::json{{"parent", parent_id}, {"expert", account}}.dump()});
  tx.commit();
}

void ScenarioPartners::score(int64_t scenario_id, int64_t application_id, const std::map<int64_t, double>& scores,
                             const Principal& by, const std::string& expert) {
  auto s = scenario(scenario_id, by);
  int64_t account = expert_account(scenario_id, by, expert);
  require_stage(s, "评估", "scoring");
  SQLite::Statement a(db_.sql(), "SELECT 1 FROM scenario_application WHERE id = ? AND scenario_id = ?");
  a.bind(1, application_id);
  a.bind(2, scenario_id);
  if (!a.executeStep()) not_found("scenario " + std::to_string(scenario_id) + " has no application " + std::to_string(application_id));
  if (scores.empty()) invalid_input("no scores given");
  store::WriteTransaction tx(db_);
  SQLite::Statement leaf(db_.sql(),
                         "SELECT 1 FROM scenario_indicator i WHERE i.id = ? AND i.scenario_id = ?"
                         " AND NOT EXISTS (SELECT 1 FROM scenario_indicator c WHERE c.parent_id = i.id)");
  SQLite::Statement up(db_.sql(),
                       "INSERT INTO scenario_score(application_id, account_id, indicator_id, score) VALUES (?,?,?,?)"
                       " ON CONFLICT(application_id, account_id, indicator_id) DO UPDATE SET score = excluded.score");
  for (const auto& [indicator, value] : scores) {
    leaf.bind(1, indicator);
    leaf.bind(2, scenario_id);
    if (!leaf.executeStep()) invalid_input("indicator " + std::to_string(indicator) + " is not a leaf indicator of scenario " + std::to_string(scenario_id));
    leaf.reset();
    if (!std::isfinite(value) || value < 0 || value > 100)
      invalid_input("the score for indicator " + std::to_string(indicator) + " is " + std::to_string(value) + ", expected 0 to 100");
    up.bind(1, application_id), up.bind(2, account), up.bind(3, indicator), up.bind(4, value);
    up.exec(), up.reset();
  }
  tx.audit({"scenario.score", "scenario_application", std::to_string(application_id), "", nlohmann::json(scores).dump(),
            nlohmann::json{{"scenario", scenario_id}, {"expert", account}, {"indicators", scores.size()}}.dump()});
  tx.commit();
}

std::vector<Judgement> ScenarioPartners::judgements(int64_t scenario_id) {
  SQLite::Statement q(db_.sql(), "SELECT account_id, parent_id, matrix FROM scenario_judgement WHERE scenario_id = ?");
  q.bind(1, scenario_id);
  Names names(db_);
  std::vector<Judgement> out;
  while (q.executeStep())
    out.push_back({names.user(q.getColumn(0).getInt64()), q.getColumn(1).getInt64(),
                   nlohmann::json::parse(q.getColumn(2).getString()).get<std::vector<double>>()});
  std::sort(out.begin(), out.end(), [](const Judgement& a, const Judgement& b) {
    return std::tie(a.parent_id, a.expert) < std::tie(b.parent_id, b.expert);
  });
  return out;
}

std::vector<ExpertScore> ScenarioPartners::scores(int64_t scenario_id) {
  SQLite::Statement q(db_.sql(),
                      "SELECT s.application_id, s.account_id, s.indicator_id, s.score FROM scenario_score s"
                      " JOIN scenario_application p ON p.id = s.application_id WHERE p.scenario_id = ?");
  q.bind(1, scenario_id);
  Names names(db_);
  std::vector<ExpertScore> out;
  while (q.executeStep())
    out.push_back({q.getColumn(0).getInt64(), names.user(q.getColumn(1).getInt64()), q.getColumn(2).getInt64(),
                   q.getColumn(3).getDouble()});
  std::sort(out.begin(), out.end(), [](const ExpertScore& a, const ExpertScore& b) {
    return std::tie(a.application_id, a.expert, a.indicator_id) < std::tie(b.application_id, b.expert, b.indicator_id);
  });
  return out;
}

std::pair<std::vector<Judgement>, std::vector<ExpertScore>> ScenarioPartners::own_review(int64_t scenario_id,
                                                                                       const Principal& by) {
  scenario(scenario_id, by);
  expert_account(scenario_id, by, "");
  std::pair<std::vector<Judgement>, std::vector<ExpertScore>> out;
  for (auto& j : judgements(scenario_id))
    if (j.expert == by.username) out.first.push_back(std::move(j));
  for (auto& x : scores(scenario_id))
    if (x.expert == by.username) out.second.push_back(x);
  return out;
}

void write_json(JsonWriter& w, const ScenarioList& l) {
  w.begin_object().field("id", l.id).field("title", l.title).field("description", l.description);
  w.field("org_id", l.org_id).field("org", l.org).field("status", l.status).field("published_at", l.published_at);
  w.field("created_at", l.created_at).field("scenarios", l.scenarios).end_object();
}

void write_json(JsonWriter& w, const Scenario& s) {
  w.begin_object().field("id", s.id).field("list_id", s.list_id).field("list_title", s.list_title);
  w.field("title", s.title).field("field", s.field).field("owner_org_id", s.owner_org_id).field("owner_org", s.owner_org);
  w.field("location", s.location).field("needs", s.needs).field("budget", s.budget).field("deadline", s.deadline);
  w.field("stage", s.stage).field("weighting", s.weighting).field("ranking", s.ranking).field("decision", s.decision);
  w.field("decided_application", s.decided_application).field("created_at", s.created_at);
  w.field("applications", s.applications).end_object();
}

void write_json(JsonWriter& w, const Indicator& i) {
  w.begin_object().field("id", i.id).field("parent_id", i.parent_id).field("name", i.name);
  w.field("description", i.description).field("position", int64_t{i.position}).end_object();
}

void write_json(JsonWriter& w, const Application& a) {
  w.begin_object().field("id", a.id).field("scenario_id", a.scenario_id).field("org_id", a.org_id).field("org", a.org);
  w.field("solution", a.solution).field("evidence", a.evidence).field("trl", int64_t{a.trl});
  w.field("submitted_at", a.submitted_at).end_object();
}

}  // namespace xinzhi::scenario
