// xinzhi tasks import | list | profiles | match | pool …: the national task list (任务清单制)
// from the console. This door reads the options and prints; the task pool decides.
#include <iostream>

#include "base/error.h"
#include "base/text.h"
#include "cli/commands.h"
#include "modules/services.h"

namespace xinzhi::cli {

namespace {

std::string shared_words(const std::vector<transfer::SharedTerm>& terms) {
  std::string s;
  for (const auto& t : terms) s += (s.empty() ? "" : "、") + (t.zh.empty() ? t.en : t.zh);
  return s;
}

void print_candidate(const GlobalOptions& g, const tasks::Candidate& c) {
  print_json_or(g, tasks::to_json(c), [&] {
    std::cout << "candidate " << c.id << "\t" << c.stage << "\t" << c.org << "\t" << c.task_title << "\n";
    for (const auto& m : c.moves)
      std::cout << "  " << (m.from.empty() ? "-" : m.from) << " → " << m.to << "\t" << m.criteria
                << (m.note.empty() ? "" : "\t" + m.note) << "\n";
  });
}

}  // namespace

void add_task_commands(CLI::App& app, GlobalOptions& g) {
  auto* cmd = app.add_subcommand("tasks", "national task list (任务清单制): demands, capability profiles, the pre-research pool");
  cmd->require_subcommand(1);

  static std::string path;
  static int year = 0;
  auto* imp = cmd->add_subcommand("import", "import a year's national demand list (.xlsx or .csv; all or nothing)");
  imp->add_option("file", path, "the list")->required();
  imp->add_option("--year", year, "the list's year")->required();
  imp->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    auto r = services.tasks().import_tasks(path, year, console());
    print_json_or(g, {{"added", r.added}, {"updated", r.updated}},
                  [&] { std::cout << "demands: " << r.added << " added, " << r.updated << " updated\n"; });
  });

  static int list_year = 0;
  auto* list = cmd->add_subcommand("list", "the national demands");
  list->add_option("--year", list_year, "one year's list (default: every year)");
  list->add_flag("--json", g.json, "print JSON");
  list->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    auto all = services.tasks().tasks(list_year, console());
    nlohmann::json j = nlohmann::json::array();
    for (const auto& t : all) j.push_back(tasks::to_json(t));
    print_json_or(g, j, [&] {
      for (const auto& t : all)
        std::cout << t.id << "\t" << t.year << "\t" << t.ref << "\t" << t.field << "\t" << t.title << "\t"
                  << (t.deadline.empty() ? "-" : t.deadline) << "\n";
    });
  });

  auto* profiles = cmd->add_subcommand("profiles", "the home province's labs and firms as the platform knows them");
  profiles->add_flag("--json", g.json, "print JSON");
  profiles->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    auto all = services.tasks().profiles(console());
    nlohmann::json j = nlohmann::json::array();
    for (const auto& p : all) j.push_back(tasks::to_json(p));
    print_json_or(g, j, [&] {
      for (const auto& p : all)
        std::cout << p.org << "\t" << p.kind << "\t" << p.patents << " patents\t" << p.segments.size() << " segments\t"
                  << p.projects.size() << " projects\n";
    });
  });

  static int64_t match_task = 0;
  static size_t top = 10;
  auto* match = cmd->add_subcommand("match", "the labs and firms whose profile best answers a demand");
  match->add_option("--task", match_task, "the demand's id")->required();
  match->add_option("--top", top, "at most this many")->check(CLI::Range(1, 100));
  match->add_flag("--json", g.json, "print JSON");
  match->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    auto matches = services.tasks().match(match_task, top, console());
    nlohmann::json j = nlohmann::json::array();
    for (const auto& m : matches) j.push_back(tasks::to_json(m));
    print_json_or(g, j, [&] {
      for (const auto& m : matches) {
        char score[64];
        std::snprintf(score, sizeof score, "%.3f\t%.2f", m.score, m.coverage);
        std::cout << score << "\t" << m.org << "\t" << m.kind << "\t" << m.patents << " patents\t" << shared_words(m.terms)
                  << (m.candidate_id ? "\tin pool: " + m.stage : "") << "\n";
      }
    });
  });

  auto* pool = cmd->add_subcommand("pool", "the pre-research pool 储备 → 成熟 → 申报");
  pool->require_subcommand(1);
  static int64_t add_task = 0;
  static std::string add_org;
  auto* add = pool->add_subcommand("add", "put a profiled lab or firm into 储备 for a demand");
  add->add_option("--task", add_task, "the demand's id")->required();
  add->add_option("--org", add_org, "the lab's or firm's name as profiled")->required();
  add->add_flag("--json", g.json, "print JSON");
  add->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    print_candidate(g, services.tasks().add_candidate(add_task, add_org, console()));
  });

  static int64_t move_id = 0;
  static std::string move_to, met, note;
  auto* move = pool->add_subcommand("move", "move a candidate through a gate: ID --to 成熟|申报|退出 --met CRITERIA");
  move->add_option("candidate", move_id, "the candidate's id")->required();
  move->add_option("--to", move_to, "成熟, 申报 or 退出")->required();
  move->add_option("--met", met, "the gate's criteria met, comma-separated (成熟: team,prior_results,partner; "
                                 "申报: materials,matching_funds,endorsement)");
  move->add_option("--note", note, "what was checked, or why it leaves");
  move->add_flag("--json", g.json, "print JSON");
  move->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    std::map<std::string, bool> criteria;
    for (const auto& c : comma_list(met)) criteria[c] = true;
    print_candidate(g, services.tasks().move(move_id, move_to, criteria, note, console()));
  });

  auto* show = pool->add_subcommand("list", "every candidate, by demand then score");
  show->add_flag("--json", g.json, "print JSON");
  show->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    auto all = services.tasks().candidates(console());
    nlohmann::json j = nlohmann::json::array();
    for (const auto& c : all) j.push_back(tasks::to_json(c));
    print_json_or(g, j, [&] {
      for (const auto& c : all) std::cout << c.id << "\t" << c.stage << "\t" << c.org << "\t" << c.task_title << "\n";
    });
  });
}

}  // namespace xinzhi::cli
