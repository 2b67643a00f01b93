// xinzhi engineers list | add | requests | request | dispatch | respond | report | load, and
// xinzhi demo engineers: the shared-engineer platform from the console. This door reads the
// options and prints; the engineer desk decides.
#include <cstdio>
#include <ctime>
#include <functional>
#include <iostream>

#include "base/error.h"
#include "base/text.h"
#include "cli/commands.h"
#include "ingest/table_reader.h"
#include "modules/engineers/sample_engineers.h"
#include "modules/services.h"
#include "store/audit_trail.h"

namespace xinzhi::cli {

namespace {

std::string this_month() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d", (utc.tm_year + 1900) % 10000, utc.tm_mon + 1);
  return buf;
}

}  // namespace

void add_engineer_commands(CLI::App& app, GlobalOptions& g) {
  auto* cmd = app.add_subcommand("engineers", "shared engineers (共享工程师): registry, SME requests, dispatch rounds");
  cmd->require_subcommand(1);

  auto* list = cmd->add_subcommand("list", "the registered engineers");
  list->add_flag("--json", g.json, "print JSON");
  list->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    auto engineers = services.engineers().engineers();
    nlohmann::json j = nlohmann::json::array();
    for (const auto& e : engineers) j.push_back(engineers::to_json(e));
    print_json_or(g, j, [&] {
      for (const auto& e : engineers) {
        std::cout << e.id << "\t" << e.name << "\t" << e.org << "\t" << e.region << "\t";
        for (size_t i = 0; i < e.skills.size(); ++i) std::cout << (i ? "、" : "") << e.skills[i];
        std::cout << "\n";
      }
    });
  });

  static engineers::Engineer engineer;
  static std::string skills, segments, months;
  auto* add = cmd->add_subcommand("add", "register an engineer");
  add->add_option("--name", engineer.name, "name")->required();
  add->add_option("--org", engineer.org, "home organisation");
  add->add_option("--region", engineer.region, "where the engineer works (a gazetteer name, 天津市南开区)");
  add->add_option("--skills", skills, "skills, comma-separated")->required();
  add->add_option("--segments", segments, "chain segments as CHAIN:SEGMENT, comma-separated");
  add->add_option("--months", months, "capacity per month as MONTH=N, comma-separated (2026-12=2,2027-01=1)");
  add->add_option("--profile", engineer.profile, "what the engineer has done, in a sentence or two");
  add->add_option("--certification", engineer.certification, "certification (产业工程师（中级）…)");
  add->callback([&g] {
    engineer.skills = comma_list(skills);
    for (const auto& s : comma_list(segments)) {
      auto colon = s.find(':');
      if (colon == std::string::npos) invalid_input("--segments: '" + s + "' is not CHAIN:SEGMENT");
      engineer.segments.push_back({s.substr(0, colon), s.substr(colon + 1)});
    }
    std::vector<engineers::MonthCapacity> capacity;
    for (const auto& m : comma_list(months)) {
      auto eq = m.find('=');
      int64_t n = 0;
      if (eq == std::string::npos || !ingest::parse_index(m.substr(eq + 1), n))
        invalid_input("--months: '" + m + "' is not MONTH=N");
      capacity.push_back({0, m.substr(0, eq), n});
    }
    auto db = open_database(g);
    modules::Services services(*db);
    auto id = services.engineers().register_engineer(engineer, capacity);
    std::cout << "registered engineer " << id << "\n";
  });

  static std::string status;
  auto* requests = cmd->add_subcommand("requests", "SME requests for engineers");
  requests->add_option("--status", status, "open, proposed, matched or closed (default: all)");
  requests->add_flag("--json", g.json, "print JSON");
  requests->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    auto list = services.engineers().requests(status, console());
    nlohmann::json j = nlohmann::json::array();
    for (const auto& r : list) j.push_back(engineers::to_json(r));
    print_json_or(g, j, [&] {
      for (const auto& r : list)
        std::cout << r.id << "\t" << r.month << "\t" << r.status << "\t" << r.engineers << "\t" << r.firm << "\t"
                  << r.segment << "\t" << r.problem << "\n";
    });
  });

  static engineers::EngineerRequest request;
  static std::string request_skills;
  auto* open = cmd->add_subcommand("request", "ask for engineers");
  open->add_option("--firm", request.firm, "the firm that needs help")->required();
  open->add_option("--problem", request.problem, "the problem, in the firm's words")->required();
  open->add_option("--month", request.month, "when (YYYY-MM)")->required();
  open->add_option("--skills", request_skills, "skills wanted, comma-separated");
  open->add_option("--engineers", request.engineers, "how many engineers (default 1)");
  open->add_option("--chain", request.chain, "the chain the need belongs to");
  open->add_option("--segment", request.segment, "its segment");
  open->add_option("--origin", request.origin, "manual (default), chain_gap or chokepoint");
  open->add_option("--region", request.region, "where the firm is (a gazetteer name)");
  open->add_option("--budget", request.budget, "budget, 万元");
  open->callback([&g] {
    request.skills = comma_list(request_skills);
    auto db = open_database(g);
    modules::Services services(*db);
    auto id = services.engineers().open_request(request, console());
    std::cout << "opened request " << id << "\n";
  });

  static std::string month;
  static bool fair = false;
  auto* dispatch = cmd->add_subcommand("dispatch", "one dispatch round for a month's open requests");
  dispatch->add_option("--month", month, "YYYY-MM")->required();
  dispatch->add_flag("--fair", fair, "raise the weakest proposal first");
  dispatch->add_flag("--json", g.json, "print JSON");
  dispatch->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    auto answer = services.engineers().dispatch(month, fair, console());
    nlohmann::json proposals = nlohmann::json::array();
    for (const auto& d : answer.proposals) proposals.push_back(engineers::to_json(d));
    print_json_or(g, {{"round", engineers::to_json(answer.round)}, {"proposals", proposals}}, [&] {
      const auto& r = answer.round;
      std::printf("round %lld for %s: %lld requests, %lld engineers available, %lld proposals, %lld places unmet\n",
                  static_cast<long long>(r.id), r.month.c_str(), static_cast<long long>(r.requests),
                  static_cast<long long>(r.engineers), static_cast<long long>(r.pairs), static_cast<long long>(r.missing));
      for (const auto& d : answer.proposals)
        std::printf("%lld\t%s\t%s\t%.3f\n", static_cast<long long>(d.id), d.firm.c_str(), d.engineer.c_str(), d.score);
      for (const auto& u : nlohmann::json::parse(r.unmet))
        std::cout << "unmet\t" << u["firm"].get<std::string>() << "\t" << u["missing"].get<int>() << "\t"
                  << u["reason"].get<std::string>() << "\n";
    });
  });

  static int64_t dispatch_id = 0;
  static std::string answer, reason;
  auto* respond = cmd->add_subcommand("respond", "an engineer's answer to a proposal");
  respond->add_option("DISPATCH", dispatch_id, "the proposal's id")->required();
  respond->add_option("ANSWER", answer, "accept or decline")->required()->check(CLI::IsMember({"accept", "decline"}));
  respond->add_option("--reason", reason, "why declined: no_time, skills_mismatch, too_far, conflict, firm_declined");
  respond->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    auto d = services.engineers().respond(dispatch_id, answer == "accept", reason);
    std::cout << "dispatch " << d.id << " " << d.status << (d.reason.empty() ? "" : " (" + d.reason + ")") << "\n";
  });

  static double hours = 0;
  static std::string outcome;
  auto* report = cmd->add_subcommand("report", "hours and outcome of accepted work");
  report->add_option("DISPATCH", dispatch_id, "the proposal's id")->required();
  report->add_option("--hours", hours, "hours worked")->required();
  report->add_option("--outcome", outcome, "what came of it")->required();
  report->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    auto d = services.engineers().report(dispatch_id, hours, outcome);
    std::cout << "dispatch " << d.id << " done, " << d.hours << " h\n";
  });

  static std::string from, to;
  auto* load = cmd->add_subcommand("load", "each engineer's capacity and work per month");
  load->add_option("--from", from, "first month (YYYY-MM)")->required();
  load->add_option("--to", to, "last month (YYYY-MM)")->required();
  load->add_flag("--json", g.json, "print JSON");
  load->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    auto cells = services.engineers().load(from, to);
    nlohmann::json j = nlohmann::json::array();
    for (const auto& c : cells) j.push_back(engineers::to_json(c));
    print_json_or(g, j, [&] {
      std::cout << "engineer\tmonth\tcapacity\tproposed\taccepted\tdone\thours\n";
      for (const auto& c : cells)
        std::cout << c.engineer << "\t" << c.month << "\t" << c.capacity << "\t" << c.proposed << "\t" << c.accepted << "\t"
                  << c.done << "\t" << c.hours << "\n";
    });
  });

  static std::string demo_month;
  auto* demo = app.get_subcommand("demo")->add_subcommand(
      "engineers", "twelve sample engineers and six SME requests on 新能源汽车（示例） (needs the sample region)");
  demo->add_option("--month", demo_month, "the requests' month and the first of three with capacity (default: this month)");
  demo->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    auto r = engineers::seed_sample(services.engineers(), services.chains(), demo_month.empty() ? this_month() : demo_month);
    std::cout << (r.engineers == 0 ? "the sample engineers are registered already\n"
                                   : "registered " + std::to_string(r.engineers) + " sample engineers and " +
                                         std::to_string(r.requests) + " requests (示例)\n");
  });
}

}  // namespace xinzhi::cli
