// xinzhi dea efficiency | malmquist | sbm | ml: data envelopment analysis on a CSV with a
// header row, inputs and outputs named by option. This door reads the options and prints; the
// productivity service runs the models.
#include <cmath>
#include <cstdio>
#include <iostream>

#include "base/error.h"
#include "cli/commands.h"
#include "ingest/dea_table.h"
#include "ingest/province_statistics.h"
#include "ingest/region.h"
#include "modules/productivity/dea_service.h"

namespace xinzhi::cli {

namespace {

struct DeaOptions {
  std::string data, panel, unit, time, inputs, outputs, undesirable;
  double depreciation = 0.096;
  std::string model = "ccr", orientation = "input", rts = "crs", frontier = "global";
};
DeaOptions dea_opt;

ingest::DeaColumns columns() {
  return {dea_opt.unit, dea_opt.time, comma_list(dea_opt.inputs), comma_list(dea_opt.outputs),
          comma_list(dea_opt.undesirable)};
}

std::string number(const nlohmann::json& v) {
  if (!v.is_number()) return "—";  // a program with no solution (null)
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v.get<double>());
  return buf;
}

// The table DEAP prints: a row per unit (or change), the named columns.
void print_table(const nlohmann::json& rows, const std::vector<std::string>& label_keys,
                 const std::vector<std::string>& value_keys) {
  for (const auto& k : label_keys) std::cout << k << "\t";
  for (size_t i = 0; i < value_keys.size(); ++i) std::cout << value_keys[i] << (i + 1 < value_keys.size() ? "\t" : "\n");
  for (const auto& r : rows) {
    for (const auto& k : label_keys) std::cout << r.value(k, std::string()) << "\t";
    for (size_t i = 0; i < value_keys.size(); ++i)
      std::cout << number(r[value_keys[i]]) << (i + 1 < value_keys.size() ? "\t" : "\n");
  }
}

// Per-unit arrays of a cross-section result as rows for print_table.
nlohmann::json unit_rows(const nlohmann::json& out, const std::vector<std::pair<std::string, nlohmann::json>>& columns) {
  nlohmann::json rows = nlohmann::json::array();
  for (size_t u = 0; u < out["units"].size(); ++u) {
    nlohmann::json r = {{"unit", out["units"][u]}};
    for (const auto& [name, values] : columns) r[name] = values[u];
    rows.push_back(std::move(r));
  }
  return rows;
}

void add_columns(CLI::App* cmd, bool panel) {
  if (panel) {
    cmd->add_option("--panel", dea_opt.panel, "CSV: one row per unit and period, with a header row")->required();
    cmd->add_option("--unit", dea_opt.unit, "the column naming the unit (region, firm)")->required();
    cmd->add_option("--time", dea_opt.time, "the column naming the period (year)")->required();
  } else {
    cmd->add_option("--data", dea_opt.data, "CSV: one row per unit, with a header row")->required();
    cmd->add_option("--unit", dea_opt.unit, "the column naming the unit (default: rows are numbered 1, 2, …)");
  }
  cmd->add_option("--inputs", dea_opt.inputs, "comma-separated input columns")->required();
  cmd->add_option("--outputs", dea_opt.outputs, "comma-separated (desirable) output columns")->required();
}

}  // namespace

void add_dea_commands(CLI::App& app, GlobalOptions& g) {
  auto* dea = app.add_subcommand("dea", "data envelopment analysis: efficiency, Malmquist, SBM, Malmquist–Luenberger");
  dea->require_subcommand(1);

  auto* efficiency = dea->add_subcommand("efficiency", "CCR or BCC radial efficiency with peers, slacks and scale");
  add_columns(efficiency, false);
  efficiency->add_option("--model", dea_opt.model, "ccr (constant returns, default) or bcc (variable)")
      ->check(CLI::IsMember({"ccr", "bcc"}));
  efficiency->add_option("--orientation", dea_opt.orientation, "input (default) or output")
      ->check(CLI::IsMember({"input", "output"}));
  efficiency->add_flag("--json", g.json, "print JSON");
  efficiency->callback([&g] {
    auto out = productivity::radial_efficiency(
        ingest::read_dea_technology(dea_opt.data, columns()),
        {productivity::returns_from(dea_opt.model, "--model"), productivity::orientation_from(dea_opt.orientation)});
    print_json_or(g, out, [&] {
      std::cout << out["model"].get<std::string>() << ", " << out["orientation"].get<std::string>() << " orientation\n";
      print_table(unit_rows(out, {{"efficiency", out["efficiency"]}, {"crs", out["scale"]["crs"]}, {"vrs", out["scale"]["vrs"]},
                                  {"scale", out["scale"]["scale"]}}),
                  {"unit"}, {"efficiency", "crs", "vrs", "scale"});
    });
  });

  auto* malmquist = dea->add_subcommand("malmquist", "Malmquist productivity index (Färe et al. 1994) between periods");
  add_columns(malmquist, true);
  malmquist->add_option("--orientation", dea_opt.orientation, "input (default) or output")
      ->check(CLI::IsMember({"input", "output"}));
  malmquist->add_flag("--json", g.json, "print JSON");
  malmquist->callback([&g] {
    auto out = productivity::malmquist(ingest::read_dea_panel(dea_opt.panel, columns()),
                                       productivity::orientation_from(dea_opt.orientation));
    print_json_or(g, out, [&] {
      print_table(out["rows"], {"unit", "from", "to"}, {"effch", "techch", "pech", "sech", "tfpch"});
      std::cout << "geometric means by period\n";
      print_table(out["period_means"], {"from", "to"}, {"effch", "techch", "pech", "sech", "tfpch"});
    });
  });

  auto* sbm = dea->add_subcommand("sbm", "Tone's slacks-based measure, with undesirable outputs");
  add_columns(sbm, false);
  sbm->add_option("--undesirable", dea_opt.undesirable, "comma-separated undesirable output columns (emissions …)");
  sbm->add_option("--rts", dea_opt.rts, "crs (default) or vrs")->check(CLI::IsMember({"crs", "vrs"}));
  sbm->add_flag("--json", g.json, "print JSON");
  sbm->callback([&g] {
    auto out = productivity::slacks_based(ingest::read_dea_technology(dea_opt.data, columns()),
                                          productivity::returns_from(dea_opt.rts, "--rts"));
    print_json_or(g, out, [&] { print_table(unit_rows(out, {{"efficiency", out["efficiency"]}}), {"unit"}, {"efficiency"}); });
  });

  auto* capital = dea->add_subcommand("capital-stock", "perpetual-inventory capital stock of provinces (Zhang Jun et al. 2004)");
  capital->add_option("--data", dea_opt.data, "CapitalStockInvest.csv (prv, yr, invest, InvestPrice)")->required();
  capital->add_option("--region", dea_opt.unit, "one province (天津, tianjin); default all");
  capital->add_option("--delta", dea_opt.depreciation, "depreciation rate (default 0.096)");
  capital->add_flag("--json", g.json, "print JSON");
  capital->callback([&g] {
    std::string province;
    if (!dea_opt.unit.empty()) {
      province = ingest::normalise_province(dea_opt.unit);
      if (province.empty()) invalid_input("region '" + dea_opt.unit + "' is not a province");
    }
    auto out = productivity::capital_stocks(ingest::read_province_statistics(dea_opt.data), dea_opt.depreciation, province);
    print_json_or(g, out, [&] {
      std::cout << "province\tyear\tcapital (亿元, 1952 prices)\n";
      for (const auto& p : out["provinces"])
        for (size_t t = 0; t < p["years"].size(); ++t)
          std::cout << p["province"].get<std::string>() << "\t" << p["years"][t] << "\t" << number(p["capital"][t]) << "\n";
    });
  });

  auto* ml = dea->add_subcommand("ml", "Malmquist–Luenberger index with undesirable outputs (global or contemporaneous)");
  add_columns(ml, true);
  ml->add_option("--undesirable", dea_opt.undesirable, "comma-separated undesirable output columns (emissions …)");
  ml->add_option("--frontier", dea_opt.frontier, "global (Oh 2010, default) or contemporaneous (Chung et al. 1997)")
      ->check(CLI::IsMember({"global", "contemporaneous"}));
  ml->add_option("--rts", dea_opt.rts, "crs (default) or vrs")->check(CLI::IsMember({"crs", "vrs"}));
  ml->add_flag("--json", g.json, "print JSON");
  ml->callback([&g] {
    auto out = productivity::malmquist_luenberger(
        ingest::read_dea_panel(dea_opt.panel, columns()),
        dea_opt.frontier == "global" ? dea::LuenbergerFrontier::Global : dea::LuenbergerFrontier::Contemporaneous,
        productivity::returns_from(dea_opt.rts, "--rts"));
    print_json_or(g, out, [&] { print_table(out["rows"], {"unit", "from", "to"}, {"ml", "ec", "tc"}); });
  });
}

}  // namespace xinzhi::cli
