// xinzhi transfer import | listings | demand | demands | match | case …, and xinzhi demo
// transfer: the technology-transfer desk from the console. This door reads the options and
// prints; the transfer desk decides.
#include <iostream>

#include "base/error.h"
#include "base/text.h"
#include "cli/commands.h"
#include "base/clock.h"
#include "modules/services.h"
#include "modules/transfer/sample_transfer.h"

namespace xinzhi::cli {

namespace {

std::string term_pairs(const std::vector<transfer::SharedTerm>& terms) {
  std::string s;
  for (const auto& t : terms) {
    s += s.empty() ? "" : "、";
    s += t.en.empty() ? t.zh : t.zh.empty() ? t.en : t.en + "/" + t.zh;
  }
  return s;
}

void print_matches(const GlobalOptions& g, const std::vector<transfer::TransferMatch>& matches, bool listing_side) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& m : matches) j.push_back(transfer::to_json(m));
  print_json_or(g, j, [&] {
    for (const auto& m : matches) {
      char score[64];
      std::snprintf(score, sizeof score, "%.3f\t%.2f", m.score, m.coverage);
      std::cout << score << "\t";
      if (listing_side) std::cout << m.target_kind << " " << m.target_id << "\t" << m.target_title;
      else std::cout << m.listing_ref << "\t" << m.listing_title;
      std::cout << "\t" << term_pairs(m.terms);
      if (m.expired) std::cout << "\t(expired " << m.expires << ")";
      if (m.case_id) std::cout << "\tcase " << m.case_id << " " << m.case_status;
      std::cout << "\n";
    }
  });
}

void print_case(const GlobalOptions& g, const transfer::TransferCase& c) {
  print_json_or(g, transfer::to_json(c), [&] {
    std::cout << "case " << c.id << "\t" << c.status << (c.decline_reason.empty() ? "" : " (" + c.decline_reason + ")")
              << "\t" << c.listing_ref << " → " << c.target_kind << " " << c.target_id << " " << c.target_title << "\n";
    for (const auto& k : c.checks)
      std::cout << "  " << k.item << "\t" << k.state << (k.note.empty() ? "" : "\t" + k.note) << "\n";
  });
}

int64_t case_id_of(const std::string& text) {
  int64_t id = 0;
  if (text.empty() || text.size() > 15 || text.find_first_not_of("0123456789") != std::string::npos || (id = std::stoll(text)) <= 0)
    fail_keyed(ErrorCode::InvalidInput, "case_not_found", {{"id", text}}, "no transfer case " + text);
  return id;
}

}  // namespace

void add_transfer_commands(CLI::App& app, GlobalOptions& g) {
  auto* cmd = app.add_subcommand("transfer", "technology transfer (国际技术转移): listings, demands, matches, cases");
  cmd->require_subcommand(1);

  static std::string import_path, import_format = "nasa";
  auto* imp = cmd->add_subcommand("import", "import overseas technology listings (all or nothing)");
  imp->add_option("file", import_path, "the listing file")->required();
  imp->add_option("--format", import_format, "nasa (the NASA portfolio export, ;-separated) or csv (ref,title,… header)")
      ->check(CLI::IsMember({"nasa", "csv"}));
  imp->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    auto r = services.transfer().import_listings(
        import_path, import_format == "nasa" ? ingest::ListingFormat::Nasa : ingest::ListingFormat::Xinzhi, console());
    print_json_or(g, {{"added", r.added}, {"updated", r.updated}}, [&] {
      std::cout << "listings: " << r.added << " added, " << r.updated << " updated\n";
    });
  });

  static std::string query;
  static size_t offset = 0, limit = 20;
  auto* listings = cmd->add_subcommand("listings", "overseas listings, by id or as the best answers to --query");
  listings->add_option("--query", query, "words in English or Chinese (电池, battery)");
  listings->add_option("--offset", offset, "skip this many");
  listings->add_option("--limit", limit, "at most this many")->check(CLI::Range(1, 1000));
  listings->add_flag("--json", g.json, "print JSON");
  listings->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    auto page = services.transfer().listings(query, offset, limit);
    const std::string today = utc_today();
    nlohmann::json items = nlohmann::json::array();
    for (const auto& l : page.listings) items.push_back(transfer::to_json(l, today));
    print_json_or(g, {{"total", page.total}, {"listings", items}}, [&] {
      std::cout << page.total << " listings\n";
      for (const auto& l : page.listings)
        std::cout << l.id << "\t" << l.ref << "\t" << l.ip_status << "\t" << (l.expires.empty() ? "-" : l.expires) << "\t"
                  << l.title << "\n";
    });
  });

  static transfer::Demand demand;
  auto* add_demand = cmd->add_subcommand("demand", "post a local technology demand");
  add_demand->add_option("--org", demand.org, "the firm or lab that needs it")->required();
  add_demand->add_option("--title", demand.title, "the need in a line")->required();
  add_demand->add_option("--text", demand.text, "what is needed, in Chinese or English")->required();
  add_demand->add_option("--region", demand.region, "where (天津市西青区)");
  add_demand->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    int64_t id = services.transfer().add_demand(demand, console());
    std::cout << "demand " << id << "\n";
  });

  auto* demands = cmd->add_subcommand("demands", "the local demands");
  demands->add_flag("--json", g.json, "print JSON");
  demands->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    auto list = services.transfer().demands(console());
    nlohmann::json j = nlohmann::json::array();
    for (const auto& d : list) j.push_back(transfer::to_json(d));
    print_json_or(g, j, [&] {
      for (const auto& d : list) std::cout << d.id << "\t" << d.org << "\t" << d.status << "\t" << d.title << "\n";
    });
  });

  static int64_t match_demand = 0, match_scenario = 0, match_listing = 0;
  static size_t top = 10;
  auto* match = cmd->add_subcommand("match", "listings for a demand or a published scenario, or targets for a listing");
  auto* by = match->add_option_group("target", "what to match");
  by->add_option("--demand", match_demand, "a demand id");
  by->add_option("--scenario", match_scenario, "a scenario id (a published list's)");
  by->add_option("--listing", match_listing, "a listing id: the demands and scenarios it answers");
  by->require_option(1);
  match->add_option("--top", top, "at most this many")->check(CLI::Range(1, 100));
  match->add_flag("--json", g.json, "print JSON");
  match->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    auto& desk = services.transfer();
    if (match_listing) print_matches(g, desk.targets_for(match_listing, top, console()), true);
    else if (match_demand) print_matches(g, desk.matches_for(transfer::kTargetDemand, match_demand, top, console()), false);
    else print_matches(g, desk.matches_for(transfer::kTargetScenario, match_scenario, top, console()), false);
  });

  auto* cases = cmd->add_subcommand("case", "transfer cases and their checklist");
  cases->require_subcommand(1);
  static int64_t open_listing = 0, open_demand = 0, open_scenario = 0;
  auto* open = cases->add_subcommand("open", "open a case for a listing and a demand or scenario");
  open->add_option("--listing", open_listing, "listing id")->required();
  auto* open_by = open->add_option_group("target", "what the listing is for");
  open_by->add_option("--demand", open_demand, "a demand id");
  open_by->add_option("--scenario", open_scenario, "a scenario id");
  open_by->require_option(1);
  open->add_flag("--json", g.json, "print JSON");
  open->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    print_case(g, open_demand ? services.transfer().open_case(open_listing, transfer::kTargetDemand, open_demand, console())
                              : services.transfer().open_case(open_listing, transfer::kTargetScenario, open_scenario, console()));
  });

  auto* list = cases->add_subcommand("list", "every case, newest first");
  list->add_flag("--json", g.json, "print JSON");
  list->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    auto all = services.transfer().cases(console());
    nlohmann::json j = nlohmann::json::array();
    for (const auto& c : all) j.push_back(transfer::to_json(c));
    print_json_or(g, j, [&] {
      for (const auto& c : all)
        std::cout << c.id << "\t" << c.status << "\t" << c.listing_ref << "\t" << c.target_kind << " " << c.target_id << "\t"
                  << c.target_title << "\n";
    });
  });

  static std::string case_arg, item, state, note, reason;
  auto* check = cases->add_subcommand("check", "set one checklist item: CASE ITEM STATE [--note]");
  check->add_option("case", case_arg, "case id")->required();
  check->add_option("item", item, "legal_adaptation, standards_recognition, scenario_docking, ip_due_diligence")->required();
  check->add_option("state", state, "todo, done or not_applicable")->required();
  check->add_option("--note", note, "what was found or agreed");
  check->add_flag("--json", g.json, "print JSON");
  check->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    print_case(g, services.transfer().set_check(case_id_of(case_arg), item, state, note, console()));
  });

  auto* sign = cases->add_subcommand("sign", "sign a case whose checklist is finished");
  sign->add_option("case", case_arg, "case id")->required();
  sign->add_option("--note", note, "the agreement in a line");
  sign->add_flag("--json", g.json, "print JSON");
  sign->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    print_case(g, services.transfer().sign(case_id_of(case_arg), note, console()));
  });

  auto* decline = cases->add_subcommand("decline", "decline a case with a reason");
  decline->add_option("case", case_arg, "case id")->required();
  decline->add_option("--reason", reason,
                      "licence_terms, trl_too_low, ip_risk, standards_gap, export_control, price, not_relevant or other")
      ->required();
  decline->add_option("--note", note, "why, in a line (needed for other)");
  decline->add_flag("--json", g.json, "print JSON");
  decline->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    print_case(g, services.transfer().decline(case_id_of(case_arg), reason, note, console()));
  });

  auto* demo = app.get_subcommand("demo")->add_subcommand(
      "transfer", "six sample technology demands of local firms (示例), to match overseas listings against");
  demo->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    int64_t added = transfer::add_sample_demands(services.transfer(), console());
    std::cout << (added == 0 ? "the sample demands are there already\n"
                             : "added " + std::to_string(added) + " sample technology demands (示例)\n");
  });
}

}  // namespace xinzhi::cli
