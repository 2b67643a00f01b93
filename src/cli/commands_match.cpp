// xinzhi match assign: who serves which request, from a score matrix (or scored pairs), demands
// and loads in CSV files. This door reads the options and prints; the matching service reads
// the files and picks the engine.
#include <cstdio>
#include <iostream>

#include "base/error.h"
#include "cli/commands.h"
#include "modules/matching/assignment_service.h"

namespace xinzhi::cli {

namespace {

nlohmann::json answer_json(const matching::AssignmentAnswer& a, bool fair) {
  nlohmann::json pairs = nlohmann::json::array(), unmet = nlohmann::json::array(), reasons = nlohmann::json::array();
  for (const auto& p : a.pairs) pairs.push_back({p.supplier, p.request});
  for (const auto& u : a.unmet) {
    unmet.push_back({u.request, u.missing});
    reasons.push_back({{"request", u.request}, {"missing", u.missing}, {"reason", assign::unmet_reason_name(u.reason)},
                       {"candidates", u.candidates}});
  }
  nlohmann::json out = {{"total", a.total}, {"pairs", pairs}, {"unmet", unmet}, {"unmet_reasons", reasons},
                        {"missing", a.missing}, {"solver", a.solver}, {"suppliers", a.suppliers},
                        {"requests", a.requests}, {"candidates", a.candidates}};
  if (fair)
    out["floor"] = {{"before", a.floor_before}, {"after", a.floor_after}, {"total_before", a.total_before_floor}};
  if (!a.alternates.empty()) {
    nlohmann::json alternates = nlohmann::json::array();
    for (const auto& [request, list] : a.alternates) {
      nlohmann::json items = nlohmann::json::array();
      for (const auto& alt : list) items.push_back({{"supplier", alt.supplier}, {"score", alt.score}, {"loss", alt.loss}});
      alternates.push_back({{"request", request}, {"alternates", items}});
    }
    out["alternates"] = alternates;
  }
  return out;
}

void print_answer(const matching::AssignmentAnswer& a, bool fair) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%u suppliers, %u requests, %zu candidates; solver %s\n", a.suppliers, a.requests,
                a.candidates, a.solver.c_str());
  std::cout << buf;
  std::snprintf(buf, sizeof buf, "total %.6f over %zu pairs; %lld units unmet\n", a.total, a.pairs.size(),
                static_cast<long long>(a.missing));
  std::cout << buf;
  if (fair) {
    std::snprintf(buf, sizeof buf, "fairness: weakest pair %.6f -> %.6f, total %.6f -> %.6f\n", a.floor_before,
                  a.floor_after, a.total_before_floor, a.total);
    std::cout << buf;
  }
  std::cout << "supplier  request  score\n";
  for (const auto& p : a.pairs) {
    std::snprintf(buf, sizeof buf, "%8u  %7u  %.6f\n", p.supplier, p.request, p.score);
    std::cout << buf;
  }
  if (!a.unmet.empty()) {
    std::cout << "unmet: request  missing  candidates  reason\n";
    for (const auto& u : a.unmet) {
      std::snprintf(buf, sizeof buf, "       %7u  %7d  %10u  %s\n", u.request, u.missing, u.candidates,
                    std::string(assign::unmet_reason_name(u.reason)).c_str());
      std::cout << buf;
    }
  }
  for (const auto& [request, list] : a.alternates) {
    std::cout << "alternates for request " << request << ":";
    if (list.empty()) std::cout << " none";
    for (const auto& alt : list) {
      std::snprintf(buf, sizeof buf, " supplier %u (score %.6f, loss %.6f)", alt.supplier, alt.score, alt.loss);
      std::cout << buf;
    }
    std::cout << "\n";
  }
}

}  // namespace

void add_match_commands(CLI::App& app, GlobalOptions& g) {
  static matching::AssignmentFiles files;
  static double penalty = -1;
  static bool timing = false;
  auto* match = app.add_subcommand("match", "matching (匹配): suppliers to requests");
  match->require_subcommand(1);
  auto* cmd = match->add_subcommand(
      "assign", "the best assignment of suppliers to requests under loads and demands (min-cost flow; LAPJV when dense one-to-one)");
  cmd->add_option("--scores", files.scores, "score matrix CSV: a row per supplier, a column per request, no header; an empty cell is not a candidate (or .npy)");
  cmd->add_option("--candidates", files.candidates, "instead of --scores: CSV rows supplier,request,score (0-based)");
  cmd->add_option("--demand", files.demand, "CSV: how many suppliers each request needs, one per line")->required();
  cmd->add_option("--max-load", files.max_load, "CSV: each supplier's maximum load, one per line")->required();
  cmd->add_option("--min-load", files.min_load, "CSV: each supplier's minimum load, one per line");
  cmd->add_option("--forced", files.forced, "CSV rows supplier,request that must be chosen");
  cmd->add_option("--forbidden", files.forbidden, "CSV rows supplier,request that must not be chosen (conflicts)");
  cmd->add_option("--unmet-penalty", penalty, "score points lost per unmet unit (default: serve as many as possible first)");
  cmd->add_flag("--fair", files.raise_floor, "fairness pass: raise the weakest chosen pair, then the best total above it");
  cmd->add_option("--alternates", files.alternates, "list that many alternates per request with what each would cost")
      ->check(CLI::Range(0, 100));
  cmd->add_flag("--timing", timing, "report reading and solving seconds on standard error");
  cmd->add_flag("--json", g.json, "print JSON");
  cmd->callback([&g, cmd] {
    if (cmd->count("--unmet-penalty") > 0) files.unmet_penalty = penalty;
    auto a = matching::assign_from_files(files);
    if (timing) std::cerr << "read " << a.read_seconds << " s, solve " << a.solve_seconds << " s (" << a.solver << ")\n";
    if (g.json) {
      std::cout << answer_json(a, files.raise_floor).dump() << "\n";
      return;
    }
    print_answer(a, files.raise_floor);
  });
}

}  // namespace xinzhi::cli
