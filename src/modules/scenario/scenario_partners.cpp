// The rules of 场景创新合伙人: who may do what, the stage rules, validation and the audit
// entries. Rows come from and go to the ScenarioStore; names from the accounts directory.
#include "modules/scenario/scenario_partners.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/text.h"
#include "engines/mcda/ahp.h"
#include "modules/accounts/directory.h"
#include "modules/scenario/scenario_store.h"
#include "store/audit_trail.h"

namespace xinzhi::scenario {

using accounts::Permission;
using accounts::Principal;

namespace {

// Usernames order as the account table's NOCASE collation orders them (ASCII case folded),
// which the group AHP's expert order followed when this was SQL.
bool username_less(const std::string& a, const std::string& b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    auto fold = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return static_cast<unsigned char>(fold(x)) < static_cast<unsigned char>(fold(y));
  });
}

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

ScenarioList named(ScenarioList l, const Names& names) {
  l.org = names.org(l.org_id);
  return l;
}

Scenario named(Scenario s, const Names& names) {
  s.owner_org = names.org(s.owner_org_id);
  return s;
}

Application named(Application a, const Names& names) {
  a.org = names.org(a.org_id);
  return a;
}


// Managers and auditors see draft lists and their scenarios, and every application.
bool sees_all(const Principal& by) { return by.has(Permission::ScenarioManage) || by.has(Permission::AuditRead); }

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
    fail_keyed(ErrorCode::InvalidInput, "date_invalid", {{"field", "deadline"}, {"value", d}},
               "deadline is '" + d + "', expected a date YYYY-MM-DD");
}

void check_methods(const std::string& weighting, const std::string& ranking) {
  if (weighting != "ahp" && weighting != "entropy" && weighting != "combined")
    fail_keyed(ErrorCode::InvalidInput, "value_not_one_of", {{"field", "weighting"}, {"value", weighting}, {"accepted", "ahp, entropy, combined"}},
               "weighting is '" + weighting + "', expected ahp, entropy or combined");
  if (ranking != "topsis" && ranking != "fce")
    fail_keyed(ErrorCode::InvalidInput, "value_not_one_of", {{"field", "ranking"}, {"value", ranking}, {"accepted", "topsis, fce"}},
               "ranking is '" + ranking + "', expected topsis or fce");
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

[[noreturn]] void no_scenario(int64_t id) {
  fail_keyed(ErrorCode::NotFound, "scenario_not_found", {{"scenario", std::to_string(id)}}, "no scenario with id " + std::to_string(id));
}

[[noreturn]] void no_list(int64_t id) {
  fail_keyed(ErrorCode::NotFound, "list_not_found", {{"list", std::to_string(id)}}, "no scenario list with id " + std::to_string(id));
}

[[noreturn]] void bad_budget() {
  fail_keyed(ErrorCode::InvalidInput, "budget_invalid", {}, "budget must be a number ≥ 0 (万元)");
}

// The scenario with its owner's name; NotFound if there is none. Through the writer inside a
// write, so that the rules see the state they change.
Scenario load(ScenarioReader& rows, store::Database& db, int64_t id) {
  auto s = rows.scenario(id);
  if (!s) no_scenario(id);
  return named(std::move(*s), Names(db));
}

Scenario visible(ScenarioReader& rows, store::Database& db, int64_t id, const Principal& by) {
  auto s = load(rows, db, id);
  // A draft list's scenarios are not there for anyone but its managers (and auditors).
  if (s.list_status == "draft" && !sees_all(by)) no_scenario(id);
  return s;
}

// `doing` names the step for the dashboard (apply, judge …), `what` for the English text.
void require_stage(const Scenario& s, const std::string& stage, const char* doing, const char* what) {
  if (s.stage != stage)
    fail_keyed(ErrorCode::Conflict, "stage_required",
               {{"doing", doing}, {"stage", stage}, {"scenario", std::to_string(s.id)}, {"current", s.stage}},
               std::string(what) + " happens in stage " + stage + "; scenario " + std::to_string(s.id) + " is in " + s.stage);
}

[[noreturn]] void no_application(int64_t scenario_id, int64_t application_id) {
  fail_keyed(ErrorCode::NotFound, "application_not_found",
             {{"scenario", std::to_string(scenario_id)}, {"application", std::to_string(application_id)}},
             "scenario " + std::to_string(scenario_id) + " has no application " + std::to_string(application_id));
}

// The account whose judgements and scores these are: the caller's, or for the console the
// named expert's. Forbidden unless it is an expert on the scenario.
int64_t expert_account(ScenarioReader& rows, store::Database& db, int64_t scenario_id, const Principal& by,
                       const std::string& expert) {
  accounts::require(by, Permission::ScenarioScore);
  int64_t account = by.account_id;
  std::string name = by.username;
  if (account == 0) {  // the console records judgements and scores for a named expert
    if (expert.empty()) fail_keyed(ErrorCode::InvalidInput, "field_missing", {{"field", "expert"}}, "name the expert (--expert USERNAME)");
    account = accounts::AccountDirectory(db).account(expert).id;
    name = expert;
  }
  if (!rows.is_expert(scenario_id, account))
    fail_keyed(ErrorCode::Forbidden, "not_an_expert", {{"username", name}, {"scenario", std::to_string(scenario_id)}},
               "'" + name + "' is not an expert on scenario " + std::to_string(scenario_id));
  return account;
}

}  // namespace

ScenarioPartners::ScenarioPartners(store::Database& db) : db_(db), store_(sql_scenario_store(db)) {}
ScenarioPartners::ScenarioPartners(ScenarioPartners&&) noexcept = default;
ScenarioPartners::~ScenarioPartners() = default;

ScenarioList ScenarioPartners::add_list(const std::string& title, const std::string& description, const Principal& by) {
  accounts::require(by, Permission::ScenarioManage);
  auto t = accounts::checked_text(title, "title", 200, true);
  auto d = accounts::checked_text(description, "description", 4000, false);
  if (by.org_id == 0)
    fail_keyed(ErrorCode::InvalidInput, "no_organisation", {},
               "a scenario list is published by an organisation; the console has none (use --org)");
  int64_t id = 0;
  store_->write([&](ScenarioWriter& w) {
    id = w.insert_list(t, d, by.org_id);
    w.audit({"scenario.list_add", "scenario_list", std::to_string(id), "", t + "\x1f" + d, nlohmann::json{{"title", t}}.dump()});
  });
  return named(store_->list(id).value(), Names(db_));
}

void ScenarioPartners::publish_list(int64_t id, const Principal& by) {
  accounts::require(by, Permission::ScenarioManage);
  store_->write([&](ScenarioWriter& w) {
    if (!w.publish_list(id)) {
      auto l = w.list(id);
      if (!l) no_list(id);
      fail_keyed(ErrorCode::Conflict, "list_already", {{"list", std::to_string(id)}, {"status", l->status}},
                 "scenario list " + std::to_string(id) + " is already " + l->status);
    }
    w.audit({"scenario.list_publish", "scenario_list", std::to_string(id), "draft", "published", "{}"});
  });
}

std::vector<ScenarioList> ScenarioPartners::lists(const Principal& by) {
  std::vector<ScenarioList> out;
  Names names(db_);
  for (auto& l : store_->lists(sees_all(by))) out.push_back(named(std::move(l), names));
  return out;
}

Scenario ScenarioPartners::scenario(int64_t id, const Principal& by) { return visible(*store_, db_, id, by); }

std::vector<Scenario> ScenarioPartners::scenarios(int64_t list_id, const Principal& by) {
  std::vector<Scenario> out;
  Names names(db_);
  for (auto& s : store_->scenarios(list_id, sees_all(by))) out.push_back(named(std::move(s), names));
  return out;
}

Scenario ScenarioPartners::add_scenario(int64_t list_id, const ScenarioFields& f, const Principal& by) {
  accounts::require(by, Permission::ScenarioManage);
  if (!f.title) fail_keyed(ErrorCode::InvalidInput, "field_missing", {{"field", "title"}}, "field 'title' is missing");
  if (!store_->list(list_id)) no_list(list_id);
  int64_t owner = by.org_id;
  if (f.owner_org) owner = accounts::AccountDirectory(db_).find_org(*f.owner_org).id;
  if (owner == 0)
    fail_keyed(ErrorCode::InvalidInput, "field_missing", {{"field", "owner_org"}},
               "field 'owner_org' is missing: which organisation owns the scenario?");
  auto text = [](const std::optional<std::string>& v, const char* field, size_t max) {
    return v ? accounts::checked_text(*v, field, max, false) : std::string();
  };
  auto deadline = text(f.deadline, "deadline", 10);
  check_date(deadline);
  double budget = f.budget.value_or(0);
  if (!std::isfinite(budget) || budget < 0) bad_budget();
  check_methods(f.weighting.value_or("combined"), f.ranking.value_or("topsis"));
  Scenario row;
  row.list_id = list_id;
  row.title = accounts::checked_text(*f.title, "title", 200, true);
  row.field = text(f.field, "field", 100);
  row.owner_org_id = owner;
  row.location = text(f.location, "location", 200);
  row.needs = text(f.needs, "needs", 4000);
  row.budget = budget;
  row.deadline = deadline;
  row.weighting = f.weighting.value_or("combined");
  row.ranking = f.ranking.value_or("topsis");
  Scenario s;
  store_->write([&](ScenarioWriter& w) {
    int64_t id = w.insert_scenario(row);
    int top_pos = 0;
    for (const auto& [top, children] : standard_indicators()) {
      int64_t parent = w.add_indicator(id, 0, top, top_pos++);
      int pos = 0;
      for (const auto& c : children) w.add_indicator(id, parent, c, pos++);
    }
    s = load(w, db_, id);
    w.audit({"scenario.add", "scenario", std::to_string(id), "", scenario_text(s), nlohmann::json{{"title", s.title}}.dump()});
  });
  return s;
}

Scenario ScenarioPartners::update_scenario(int64_t id, const ScenarioFields& f, const Principal& by) {
  accounts::require(by, Permission::ScenarioManage);
  Scenario after;
  store_->write([&](ScenarioWriter& w) {
    auto before = load(w, db_, id);
    after = before;
    if (f.title) after.title = accounts::checked_text(*f.title, "title", 200, true);
    if (f.field) after.field = accounts::checked_text(*f.field, "field", 100, false);
    if (f.location) after.location = accounts::checked_text(*f.location, "location", 200, false);
    if (f.needs) after.needs = accounts::checked_text(*f.needs, "needs", 4000, false);
    if (f.deadline) check_date(after.deadline = accounts::checked_text(*f.deadline, "deadline", 10, false));
    if (f.budget) {
      if (!std::isfinite(*f.budget) || *f.budget < 0) bad_budget();
      after.budget = *f.budget;
    }
    if (f.weighting) after.weighting = *f.weighting;
    if (f.ranking) after.ranking = *f.ranking;
    if (f.owner_org) after.owner_org_id = accounts::AccountDirectory(db_).find_org(*f.owner_org).id;
    check_methods(after.weighting, after.ranking);
    w.update_scenario(after);
    after = load(w, db_, id);
    w.audit({"scenario.update", "scenario", std::to_string(id), scenario_text(before), scenario_text(after), "{}"});
  });
  return after;
}

Scenario ScenarioPartners::advance(int64_t id, const std::string& to, const std::string& note, const Principal& by) {
  accounts::require(by, Permission::ScenarioManage);
  Scenario after;
  store_->write([&](ScenarioWriter& w) {
    auto before = load(w, db_, id);
    auto from = std::find(kStages.begin(), kStages.end(), before.stage);
    auto target = std::find(kStages.begin(), kStages.end(), to);
    if (target == kStages.end())
      fail_keyed(ErrorCode::InvalidInput, "value_not_one_of", {{"field", "stage"}, {"value", to}, {"accepted", "征集, 评估, 首试首用, 推广, 终止"}},
                 "stage is '" + to + "', expected 征集, 评估, 首试首用, 推广 or 终止");
    bool ok = (to == "终止" && before.stage != "终止" && before.stage != "推广") || (target == from + 1 && to != "终止");
    if (!ok)
      fail_keyed(ErrorCode::Conflict, "stage_move", {{"scenario", std::to_string(id)}, {"current", before.stage}, {"stage", to}},
                 "scenario " + std::to_string(id) + " is in " + before.stage + " and cannot move to " + to);
    if (to == "首试首用" && before.decided_application == 0)
      fail_keyed(ErrorCode::Conflict, "decide_first", {}, "choose the application for the first trial first (decide)");
    if (to == "评估" && before.applications == 0)
      fail_keyed(ErrorCode::Conflict, "no_applications_yet", {}, "no application has been received yet");
    w.set_stage(id, before.stage, to, accounts::checked_text(note, "note", 4000, false), by.username);
    after = load(w, db_, id);
    w.audit({"scenario.advance", "scenario", std::to_string(id), scenario_text(before), scenario_text(after),
             nlohmann::json{{"from", before.stage}, {"to", to}, {"note", note}}.dump()});
  });
  return after;
}

Scenario ScenarioPartners::decide(int64_t id, int64_t application_id, const std::string& decision, const Principal& by) {
  accounts::require(by, Permission::ScenarioManage);
  store_->write([&](ScenarioWriter& w) {
    auto before = load(w, db_, id);
    require_stage(before, "评估", "decide", "choosing the first-trial application");
    auto chosen = w.application(application_id);
    if (!chosen || chosen->scenario_id != id)
      no_application(id, application_id);
    w.set_decision(id, application_id, accounts::checked_text(decision, "decision", 4000, true));
    w.audit({"scenario.decide", "scenario", std::to_string(id), scenario_text(before), scenario_text(load(w, db_, id)),
             nlohmann::json{{"application", application_id}}.dump()});
  });
  return advance(id, "首试首用", decision, by);
}

std::vector<Indicator> ScenarioPartners::indicators(int64_t scenario_id, const Principal& by) {
  scenario(scenario_id, by);
  return store_->indicators(scenario_id);
}

void ScenarioPartners::set_indicators(int64_t scenario_id,
                                      const std::vector<std::pair<std::string, std::vector<std::string>>>& tree,
                                      const Principal& by) {
  accounts::require(by, Permission::ScenarioManage);
  if (tree.empty() || tree.size() > 15)
    fail_keyed(ErrorCode::InvalidInput, "indicator_tree_size", {{"max", "15"}}, "an indicator tree has 1 to 15 top-level indicators");
  store_->write([&](ScenarioWriter& w) {
    auto s = load(w, db_, scenario_id);
    require_stage(s, "征集", "indicators", "changing the indicators");
    auto before = tree_text(w.indicators(scenario_id));
    w.clear_indicators(scenario_id);
    nlohmann::json after = nlohmann::json::array();
    int top_pos = 0;
    for (const auto& [top, children] : tree) {
      if (children.size() > 15)
        fail_keyed(ErrorCode::InvalidInput, "indicator_children_size", {{"indicator", top}, {"max", "15"}},
                   "indicator '" + top + "' has more than 15 sub-indicators");
      int64_t parent = w.add_indicator(scenario_id, 0, accounts::checked_text(top, "indicator", 100, true), top_pos++);
      if (!parent) fail_keyed(ErrorCode::InvalidInput, "indicator_twice", {{"indicator", top}}, "indicator '" + top + "' appears twice");
      int pos = 0;
      for (const auto& c : children)
        if (!w.add_indicator(scenario_id, parent, accounts::checked_text(c, "indicator", 100, true), pos++))
          fail_keyed(ErrorCode::InvalidInput, "sub_indicator_twice", {{"indicator", c}, {"parent", top}},
                     "sub-indicator '" + c + "' appears twice under '" + top + "'");
      after.push_back({{"name", top}, {"children", children}});
    }
    w.audit({"scenario.indicators", "scenario", std::to_string(scenario_id), before, tree_text(w.indicators(scenario_id)),
             after.dump()});
  });
}

void ScenarioPartners::assign_expert(int64_t scenario_id, const std::string& username, const Principal& by) {
  accounts::require(by, Permission::ScenarioManage);
  auto account = accounts::AccountDirectory(db_).account(username);
  if (!accounts::role_has(account.role, Permission::ScenarioScore))
    fail_keyed(ErrorCode::InvalidInput, "expert_role", {{"username", username}, {"role", std::string(accounts::role_name(account.role))}},
               "account '" + username + "' (" + std::string(accounts::role_name(account.role)) +
                   ") cannot score scenarios; experts are admin, analyst, park_operator or lab accounts");
  store_->write([&](ScenarioWriter& w) {
    load(w, db_, scenario_id);
    // Assigning an expert twice changes nothing, so it leaves no audit entry either.
    if (w.add_expert(scenario_id, account.id))
      w.audit({"scenario.expert", "scenario", std::to_string(scenario_id), "", username,
               nlohmann::json{{"expert", username}}.dump()});
  });
}

std::vector<Expert> ScenarioPartners::experts(int64_t scenario_id, const Principal& by) {
  scenario(scenario_id, by);
  Names names(db_);
  auto display_names = accounts::AccountDirectory(db_).display_names();
  std::vector<Expert> out;
  for (int64_t account : store_->expert_accounts(scenario_id)) out.push_back({names.user(account), display_names[account]});
  std::sort(out.begin(), out.end(), [](const Expert& a, const Expert& b) { return username_less(a.username, b.username); });
  return out;
}

Application ScenarioPartners::apply(int64_t scenario_id, const std::string& solution, const std::string& evidence, int trl,
                                    const Principal& by, int64_t org_id) {
  accounts::require(by, Permission::ScenarioApply);
  int64_t org = by.account_id == 0 && org_id ? org_id : by.org_id;  // the console applies for a named organisation
  if (org == 0) fail_keyed(ErrorCode::InvalidInput, "no_organisation", {}, "an application is made by an organisation (use --org)");
  auto applicant = accounts::AccountDirectory(db_).find_org(std::to_string(org));
  if (applicant.kind != accounts::OrgKind::Enterprise && applicant.kind != accounts::OrgKind::Lab)
    fail_keyed(ErrorCode::InvalidInput, "applicant_kind", {{"org", applicant.name}, {"kind", std::string(accounts::org_kind_name(applicant.kind))}},
               "'" + applicant.name + "' is a " + std::string(accounts::org_kind_label_zh(applicant.kind)) +
                   "; applications come from enterprises and laboratories");
  if (trl < 1 || trl > 9)
    fail_keyed(ErrorCode::InvalidInput, "trl_range", {{"trl", std::to_string(trl)}},
               "trl is " + std::to_string(trl) + ", expected a technology readiness level 1 to 9 (GB/T 22900)");
  auto sol = accounts::checked_text(solution, "solution", 8000, true);
  auto ev = accounts::checked_text(evidence, "evidence", 8000, false);
  int64_t id = 0;
  store_->write([&](ScenarioWriter& w) {
    auto s = visible(w, db_, scenario_id, by);
    require_stage(s, "征集", "apply", "applying");
    id = w.add_application(scenario_id, org, sol, ev, trl);
    if (!id)
      fail_keyed(ErrorCode::Conflict, "already_applied", {{"scenario", std::to_string(scenario_id)}},
                 "this organisation has already applied for scenario " + std::to_string(scenario_id));
    w.audit({"scenario.apply", "scenario_application", std::to_string(id), "", sol + "\x1f" + ev + "\x1f" + std::to_string(trl),
             nlohmann::json{{"scenario", scenario_id}, {"trl", trl}}.dump()});
  });
  return named(store_->application(id).value(), Names(db_));
}

std::vector<Application> ScenarioPartners::applications(int64_t scenario_id, const Principal& by) {
  scenario(scenario_id, by);
  bool all = sees_all(by);
  if (!all && by.has(Permission::ScenarioScore)) all = store_->is_expert(scenario_id, by.account_id);
  std::vector<Application> out;
  Names names(db_);
  for (auto& a : store_->applications(scenario_id, all ? std::nullopt : std::optional<int64_t>(by.org_id)))
    out.push_back(named(std::move(a), names));
  return out;
}

void ScenarioPartners::judge(int64_t scenario_id, int64_t parent_id, const std::vector<double>& matrix, const Principal& by,
                             const std::string& expert) {
  store_->write([&](ScenarioWriter& w) {
    auto s = visible(w, db_, scenario_id, by);
    int64_t account = expert_account(w, db_, scenario_id, by, expert);
    require_stage(s, "评估", "judge", "judging");
    auto indicators = w.indicators(scenario_id);
    auto n = static_cast<size_t>(std::count_if(indicators.begin(), indicators.end(),
                                                [&](const Indicator& i) { return i.parent_id == parent_id; }));
    if (n < 2)
      fail_keyed(ErrorCode::NotFound, "nothing_to_compare", {{"indicator", std::to_string(parent_id)}, {"scenario", std::to_string(scenario_id)}},
                 "indicator " + std::to_string(parent_id) + " of scenario " + std::to_string(scenario_id) +
                     " has fewer than 2 children to compare");
    if (matrix.size() != n * n)
      fail_keyed(ErrorCode::InvalidInput, "judgement_size", {{"cells", std::to_string(matrix.size())}, {"n", std::to_string(n)}},
                 "the judgement matrix has " + std::to_string(matrix.size()) + " cells; " + std::to_string(n) + " × " +
                     std::to_string(n) + " are needed");
    mcda::Matrix m(n, n);
    m.values = matrix;
    mcda::check_pairwise(m);
    w.put_judgement(scenario_id, account, parent_id, matrix);
    w.audit({"scenario.judge", "scenario", std::to_string(scenario_id), "", nlohmann::json(matrix).dump(),
             nlohmann::json{{"parent", parent_id}, {"expert", account}}.dump()});
  });
}

void ScenarioPartners::score(int64_t scenario_id, int64_t application_id, const std::map<int64_t, double>& scores,
                             const Principal& by, const std::string& expert) {
  store_->write([&](ScenarioWriter& w) {
    auto s = visible(w, db_, scenario_id, by);
    int64_t account = expert_account(w, db_, scenario_id, by, expert);
    require_stage(s, "评估", "score", "scoring");
    auto scored = w.application(application_id);
    if (!scored || scored->scenario_id != scenario_id)
      no_application(scenario_id, application_id);
    if (scores.empty()) fail_keyed(ErrorCode::InvalidInput, "no_scores", {}, "no scores given");
    // Experts score leaves only: the weights of inner indicators come from their children.
    auto indicators = w.indicators(scenario_id);
    auto is_leaf = [&](int64_t id) {
      auto has = [&](auto pred) { return std::any_of(indicators.begin(), indicators.end(), pred); };
      return has([&](const Indicator& i) { return i.id == id; }) && !has([&](const Indicator& i) { return i.parent_id == id; });
    };
    for (const auto& [indicator, value] : scores) {
      if (!is_leaf(indicator))
        fail_keyed(ErrorCode::InvalidInput, "indicator_not_leaf", {{"indicator", std::to_string(indicator)}, {"scenario", std::to_string(scenario_id)}},
                   "indicator " + std::to_string(indicator) + " is not a leaf indicator of scenario " + std::to_string(scenario_id));
      if (!std::isfinite(value) || value < 0 || value > 100)
        fail_keyed(ErrorCode::InvalidInput, "score_range", {{"indicator", std::to_string(indicator)}, {"score", text::number(value)}},
                   "the score for indicator " + std::to_string(indicator) + " is " + text::number(value) + ", expected 0 to 100");
      w.put_score(application_id, account, indicator, value);
    }
    w.audit({"scenario.score", "scenario_application", std::to_string(application_id), "", nlohmann::json(scores).dump(),
             nlohmann::json{{"scenario", scenario_id}, {"expert", account}, {"indicators", scores.size()}}.dump()});
  });
}

std::vector<Judgement> ScenarioPartners::judgements(int64_t scenario_id) {
  Names names(db_);
  std::vector<Judgement> out;
  for (auto& j : store_->judgements(scenario_id)) out.push_back({names.user(j.account_id), j.parent_id, std::move(j.matrix)});
  std::sort(out.begin(), out.end(), [](const Judgement& a, const Judgement& b) {
    return a.parent_id != b.parent_id ? a.parent_id < b.parent_id : username_less(a.expert, b.expert);
  });
  return out;
}

std::vector<ExpertScore> ScenarioPartners::scores(int64_t scenario_id) {
  Names names(db_);
  std::vector<ExpertScore> out;
  for (const auto& x : store_->scores(scenario_id))
    out.push_back({x.application_id, names.user(x.account_id), x.indicator_id, x.score});
  std::sort(out.begin(), out.end(), [](const ExpertScore& a, const ExpertScore& b) {
    if (a.application_id != b.application_id) return a.application_id < b.application_id;
    if (a.expert != b.expert) return username_less(a.expert, b.expert);
    return a.indicator_id < b.indicator_id;
  });
  return out;
}

std::pair<std::vector<Judgement>, std::vector<ExpertScore>> ScenarioPartners::own_review(int64_t scenario_id,
                                                                                       const Principal& by) {
  scenario(scenario_id, by);
  expert_account(*store_, db_, scenario_id, by, "");
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
  w.begin_object().field("id", s.id).field("list_id", s.list_id).field("list_title", s.list_title).field("list_status", s.list_status);
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

void write_json(JsonWriter& w, const Expert& e) {
  w.begin_object().field("username", e.username).field("display_name", e.display_name).end_object();
}

}  // namespace xinzhi::scenario
