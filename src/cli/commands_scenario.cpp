// xinzhi scenario …: 场景创新合伙人 from the command line — lists, scenarios, applications,
// experts, judgements and scores, the lifecycle, the evaluation and its report. The console
// acts as an administrator; --org and --expert say for whom it records an act.
#include <fstream>
#include <iostream>

#include "base/error.h"
#include "cli/commands.h"
#include "ingest/labelled_matrix.h"
#include "modules/accounts/directory.h"
#include "modules/registry.h"
#include "modules/scenario/sample_scenarios.h"
#include "modules/scenario/scenario_evaluation.h"
#include "report/scenario_xlsx.h"
#include "store/audit_trail.h"

namespace xinzhi::cli {

namespace {

struct ScenarioOptions {
  int64_t id = 0, list = 0, application = 0, parent = 0;
  int trl = 0;
  std::string title, description, org, expert, solution, evidence, to, note, decision, matrix, scores, xlsx, matrix_csv;
  scenario::ScenarioFields fields;
} so;

accounts::Principal console(store::Database& db) {
  auto p = accounts::Principal::console(store::current_actor().name);
  if (!so.org.empty()) {
    auto o = accounts::AccountDirectory(db).find_org(so.org);
    p.org_id = o.id, p.org_name = o.name, p.org_kind = o.kind;
  }
  return p;
}

template <class T>
void print(bool json, const T& item) {
  JsonWriter w;
  scenario::write_json(w, item);
  if (json) std::cout << w.take() << "\n";
}

void print_scenario_line(const scenario::Scenario& s) {
  std::cout << s.id << "  [" << s.stage << "]  " << s.title << "  " << s.field << "  " << s.owner_org << "  "
            << s.applications << " applications\n";
}

}  // namespace

void add_scenario_commands(CLI::App& app, GlobalOptions& g) {
  auto* sc = app.add_subcommand("scenario", "场景创新合伙人: scenario lists, applications, expert scoring, evaluation");
  sc->require_subcommand(1);

  auto* lists = sc->add_subcommand("lists", "scenario lists and their scenarios");
  lists->add_flag("--json", g.json, "print JSON");
  lists->callback([&g] {
    auto db = open_database(g);
    scenario::ScenarioPartners p(*db);
    auto by = console(*db);
    JsonWriter w;
    w.begin_array();
    for (const auto& l : p.lists(by)) {
      if (g.json) {
        scenario::write_json(w, l);
        continue;
      }
      std::cout << "清单 " << l.id << "  " << l.title << "  (" << l.status << ", " << l.org << ")\n";
      for (const auto& s : p.scenarios(l.id, by)) std::cout << "  ", print_scenario_line(s);
    }
    if (g.json) std::cout << w.end_array().take() << "\n";
  });

  auto* list_add = sc->add_subcommand("list-add", "start a scenario list for an organisation");
  list_add->add_option("--title", so.title, "title")->required();
  list_add->add_option("--description", so.description, "what the list is for");
  list_add->add_option("--org", so.org, "publishing organisation (id or name)")->required();
  list_add->add_flag("--json", g.json, "print JSON");
  list_add->callback([&g] {
    auto db = open_database(g);
    auto l = scenario::ScenarioPartners(*db).add_list(so.title, so.description, console(*db));
    if (g.json) print(true, l); else std::cout << "added scenario list " << l.id << " " << l.title << " (draft)\n";
  });
  auto* publish = sc->add_subcommand("publish", "publish a scenario list");
  publish->add_option("list", so.list, "list id")->required();
  publish->callback([&g] {
    auto db = open_database(g);
    scenario::ScenarioPartners(*db).publish_list(so.list, console(*db));
    std::cout << "published scenario list " << so.list << "\n";
  });

  auto* add = sc->add_subcommand("add", "add a scenario to a list (starts in 征集 with the standard indicators)");
  add->add_option("--list", so.list, "list id")->required();
  add->add_option("--title", so.fields.title, "title")->required();
  add->add_option("--field", so.fields.field, "field: 港口, 制造, 城市治理 …");
  add->add_option("--owner", so.fields.owner_org, "owning organisation (id or name)")->required();
  add->add_option("--location", so.fields.location, "where");
  add->add_option("--needs", so.fields.needs, "what the scenario needs");
  add->add_option("--budget", so.fields.budget, "budget in 万元");
  add->add_option("--deadline", so.fields.deadline, "YYYY-MM-DD");
  add->add_option("--weighting", so.fields.weighting, "ahp, entropy or combined (default)");
  add->add_option("--ranking", so.fields.ranking, "topsis (default) or fce");
  add->add_flag("--json", g.json, "print JSON");
  add->callback([&g] {
    auto db = open_database(g);
    auto s = scenario::ScenarioPartners(*db).add_scenario(so.list, so.fields, console(*db));
    if (g.json) print(true, s); else print_scenario_line(s);
  });

  auto* show = sc->add_subcommand("show", "a scenario with its indicators, experts and applications");
  show->add_option("id", so.id, "scenario id")->required();
  show->add_flag("--json", g.json, "print JSON");
  show->callback([&g] {
    auto db = open_database(g);
    scenario::ScenarioPartners p(*db);
    auto by = console(*db);
    auto s = p.scenario(so.id, by);
    if (g.json) {
      JsonWriter w;
      w.begin_object().key("scenario");
      scenario::write_json(w, s);
      w.key("indicators").begin_array();
      for (const auto& i : p.indicators(so.id, by)) scenario::write_json(w, i);
      w.end_array().key("experts").begin_array();
      for (const auto& e : p.experts(so.id, by)) w.value(e.username);
      w.end_array().key("applications").begin_array();
      for (const auto& a : p.applications(so.id, by)) scenario::write_json(w, a);
      std::cout << w.end_array().end_object().take() << "\n";
      return;
    }
    print_scenario_line(s);
    std::cout << "indicators:\n";
    for (const auto& i : p.indicators(so.id, by)) std::cout << "  " << i.id << (i.parent_id ? "    " : "  ") << i.name << "\n";
    std::cout << "experts: ";
    for (const auto& e : p.experts(so.id, by)) std::cout << e.username << " ";
    std::cout << "\napplications:\n";
    for (const auto& a : p.applications(so.id, by))
      std::cout << "  " << a.id << "  " << a.org << "  TRL " << a.trl << "  " << a.solution << "\n";
  });

  auto* apply = sc->add_subcommand("apply", "record an organisation's application (征集 only)");
  apply->add_option("id", so.id, "scenario id")->required();
  apply->add_option("--org", so.org, "applying organisation (id or name)")->required();
  apply->add_option("--solution", so.solution, "the proposed solution")->required();
  apply->add_option("--evidence", so.evidence, "evidence: pilots, test reports …");
  apply->add_option("--trl", so.trl, "technology readiness level 1-9 (GB/T 22900)")->required();
  apply->callback([&g] {
    auto db = open_database(g);
    auto by = console(*db);
    by.role = accounts::Role::Enterprise;  // the console applies as the organisation
    auto a = scenario::ScenarioPartners(*db).apply(so.id, so.solution, so.evidence, so.trl, by, by.org_id);
    std::cout << "application " << a.id << " from " << a.org << " (TRL " << a.trl << ")\n";
  });

  auto* expert = sc->add_subcommand("expert", "assign an expert account to a scenario");
  expert->add_option("id", so.id, "scenario id")->required();
  expert->add_option("--user", so.expert, "the expert's username")->required();
  expert->callback([&g] {
    auto db = open_database(g);
    scenario::ScenarioPartners(*db).assign_expert(so.id, so.expert, console(*db));
    std::cout << "assigned " << so.expert << " to scenario " << so.id << "\n";
  });

  auto* judge = sc->add_subcommand("judge", "record an expert's pairwise comparison of a parent indicator's children");
  judge->add_option("id", so.id, "scenario id")->required();
  judge->add_option("--expert", so.expert, "the expert's username")->required();
  judge->add_option("--parent", so.parent, "parent indicator id (0: the top level)");
  judge->add_option("--matrix", so.matrix, "CSV pairwise matrix (names, then judgements such as 3 or 1/3)")->required();
  judge->callback([&g] {
    auto m = ingest::read_labelled_matrix(so.matrix);
    auto db = open_database(g);
    scenario::ScenarioPartners(*db).judge(so.id, so.parent, m.values, console(*db), so.expert);
    std::cout << "recorded " << so.expert << "'s judgements under indicator " << so.parent << "\n";
  });

  auto* score = sc->add_subcommand("score", "record an expert's scores (0-100) of an application");
  score->add_option("id", so.id, "scenario id")->required();
  score->add_option("--expert", so.expert, "the expert's username")->required();
  score->add_option("--application", so.application, "application id")->required();
  score->add_option("--scores", so.scores, "indicator_id=score,… for leaf indicators")->required();
  score->callback([&g] {
    std::map<int64_t, double> scores;
    size_t at = 0;
    while (at < so.scores.size()) {
      size_t comma = so.scores.find(',', at);
      std::string item = so.scores.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
      auto eq = item.find('=');
      double v = 0;
      if (eq == std::string::npos || !ingest::parse_number_or_fraction(item.substr(eq + 1), v) ||
          item.substr(0, eq).find_first_not_of("0123456789") != std::string::npos || eq == 0 || eq > 15)
        invalid_input("--scores item '" + item + "' is not indicator_id=score");
      scores[std::stoll(item.substr(0, eq))] = v;
      if (comma == std::string::npos) break;
      at = comma + 1;
    }
    auto db = open_database(g);
    scenario::ScenarioPartners(*db).score(so.id, so.application, scores, console(*db), so.expert);
    std::cout << "recorded " << scores.size() << " scores by " << so.expert << " for application " << so.application << "\n";
  });

  auto* advance = sc->add_subcommand("advance", "move a scenario to its next stage (or 终止)");
  advance->add_option("id", so.id, "scenario id")->required();
  advance->add_option("--to", so.to, "评估, 首试首用, 推广 or 终止")->required();
  advance->add_option("--note", so.note, "why");
  advance->callback([&g] {
    auto db = open_database(g);
    auto s = scenario::ScenarioPartners(*db).advance(so.id, so.to, so.note, console(*db));
    std::cout << "scenario " << s.id << " is now in " << s.stage << "\n";
  });

  auto* decide = sc->add_subcommand("decide", "choose the application for the first trial (评估 → 首试首用)");
  decide->add_option("id", so.id, "scenario id")->required();
  decide->add_option("--application", so.application, "application id")->required();
  decide->add_option("--decision", so.decision, "the decision and its reasons")->required();
  decide->callback([&g] {
    auto db = open_database(g);
    auto s = scenario::ScenarioPartners(*db).decide(so.id, so.application, so.decision, console(*db));
    std::cout << "scenario " << s.id << ": application " << s.decided_application << " gets its first trial (" << s.stage << ")\n";
  });

  auto* evaluate = sc->add_subcommand("evaluate", "weights, ranking (TOPSIS and FCE) and rank reversals");
  evaluate->add_option("id", so.id, "scenario id")->required();
  evaluate->add_option("--xlsx", so.xlsx, "also write the report workbook here");
  evaluate->add_option("--matrix-csv", so.matrix_csv,
                       "also write the mean-score matrix (applicants × indicators) as CSV, for `xinzhi mcda`");
  evaluate->add_flag("--json", g.json, "print JSON");
  evaluate->callback([&g] {
    auto db = open_database(g);
    scenario::ScenarioPartners p(*db);
    auto e = scenario::evaluate(p, so.id, console(*db));
    if (!so.matrix_csv.empty()) {
      std::ofstream out(so.matrix_csv);
      auto quoted = [](const std::string& t) { return "\"" + t + "\""; };
      out << "\"\"";
      for (const auto& l : e.leaves) out << "," << quoted(l);
      out << "\n";
      for (size_t i = 0; i < e.applications.size(); ++i) {
        out << quoted(e.applications[i].org);
        for (size_t j = 0; j < e.leaves.size(); ++j) out << "," << nlohmann::json(e.scores(i, j)).dump();
        out << "\n";
      }
      if (!out) fail(ErrorCode::Unavailable, "cannot write " + so.matrix_csv);
    }
    if (!so.xlsx.empty()) {
      std::ofstream out(so.xlsx, std::ios::binary);
      out << report::scenario_report_xlsx(e);
      if (!out) fail(ErrorCode::Unavailable, "cannot write " + so.xlsx);
    }
    if (g.json) {
      JsonWriter w;
      scenario::write_json(w, e);
      std::cout << w.take() << "\n";
      return;
    }
    std::cout << e.scenario.title << "  (" << e.scenario.weighting << " weights, ranked by " << e.scenario.ranking << ")\n";
    for (size_t j = 0; j < e.leaves.size(); ++j) {
      char buf[64];
      snprintf(buf, sizeof buf, "%.4f", e.weights[j]);
      std::cout << "  weight " << buf << "  " << e.leaves[j] << "\n";
    }
    for (size_t i = 0; i < e.applications.size(); ++i) {
      char buf[128];
      snprintf(buf, sizeof buf, "rank %zu  closeness %.4f  FCE %.2f (%s)  ", e.rank[i], e.closeness[i], e.fce_score[i],
               e.fce_grade[i].c_str());
      std::cout << "  " << buf << e.applications[i].org << "\n";
    }
    for (const auto& r : e.reversals) {
      if (!r.changes_top) continue;
      char buf[64];
      snprintf(buf, sizeof buf, "%.4f (now %.4f)", r.weight, e.weights[r.criterion]);
      std::cout << "  first place changes when " << e.leaves[r.criterion] << " weighs " << buf << "\n";
    }
  });

  app.get_subcommand("demo")
      ->add_subcommand("scenarios", "the demo scenario list with applications, experts and scores (needs demo accounts)")
      ->callback([&g] {
        auto db = open_database(g);
        std::cout << (scenario::seed_sample_scenarios(*db) ? "seeded the demo scenario list (示例)\n"
                                                            : "a scenario list exists: left it alone\n");
      });
}

}  // namespace xinzhi::cli
