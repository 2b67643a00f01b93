// xinzhi io multipliers: Type I output multipliers and linkages of an input–output table
// (ONS CSV or NBS workbook). This door reads the options and prints; linkage computes.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <numeric>

#include "cli/commands.h"
#include "modules/linkage/linkage_service.h"

namespace xinzhi::cli {

namespace {

struct IoOptions {
  std::string table;
  size_t top = 0;
  bool timing = false;
} io_opt;

void print_text(const linkage::LinkageReport& r) {
  std::vector<size_t> order(r.sectors.size());
  std::iota(order.begin(), order.end(), 0);
  if (io_opt.top > 0) {
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return r.sectors[a].output_multiplier > r.sectors[b].output_multiplier;
    });
    order.resize(std::min(io_opt.top, order.size()));
  }
  size_t key = 0;
  for (const auto& s : r.sectors) key += s.key_sector();
  std::cout << "table " << r.table << ": " << r.sectors.size() << " sectors, total output from the " << r.output_from
            << "; key sectors (both linkages above 1): " << key << "\n";
  std::cout << "multiplier  backward  forward  key  sector\n";
  for (size_t j : order) {
    const auto& s = r.sectors[j];
    char buf[64];
    std::snprintf(buf, sizeof buf, "%10.4f  %8.4f  %7.4f  %-3s  ", s.output_multiplier, s.backward_linkage,
                  s.forward_linkage, s.key_sector() ? "yes" : "");
    std::cout << buf << s.name << "\n";
  }
}

}  // namespace

void add_io_commands(CLI::App& app, GlobalOptions& g) {
  auto* io = app.add_subcommand("io", "input–output analysis (产业关联): multipliers and linkages");
  io->require_subcommand(1);
  auto* multipliers = io->add_subcommand(
      "multipliers", "Type I output multipliers, backward (Rasmussen) and forward (Ghosh) linkages of every sector");
  multipliers
      ->add_option("--table", io_opt.table,
                   "domestic use table, product × product: ONS CSV or an NBS workbook (.csv, .tsv, .xlsx)")
      ->required();
  multipliers->add_option("--top", io_opt.top, "print only the N sectors with the largest multipliers");
  multipliers->add_flag("--json", g.json, "print JSON");
  multipliers->add_flag("--timing", io_opt.timing, "report reading and computing times (seconds)");
  multipliers->callback([&g] {
    auto start = std::chrono::steady_clock::now();
    auto report = linkage::sector_linkages_of(io_opt.table);
    auto done = std::chrono::steady_clock::now();
    if (!g.json) return print_text(report);
    auto out = linkage::to_json(report);
    if (io_opt.timing)
      out["timing"] = {{"read_s", report.read_seconds}, {"compute_s", std::chrono::duration<double>(done - start).count() - report.read_seconds}};
    std::cout << out.dump(2) << "\n";
  });
}

}  // namespace xinzhi::cli
