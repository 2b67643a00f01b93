// xinzhi io multipliers | import | tables | map | linkages, demo linkage: Type I output
// multipliers and linkages of an input–output table (ONS CSV or NBS workbook), stored tables
// and the chain segments read as their sectors. This door reads the options and prints; the
// linkage module computes and decides.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <numeric>

#include "cli/commands.h"
#include "modules/services.h"

namespace xinzhi::cli {

namespace {

struct IoOptions {
  std::string table, name, chain, segment, sector;
  bool sample = false;
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

void print_linkages(const linkage::ChainLinkages& c) {
  if (c.table.id == 0) {
    std::cout << "chain " << c.chain << ": no input-output table is stored; import one with xinzhi io import --table F --name N\n";
    return;
  }
  std::cout << "chain " << c.chain << ", table " << c.table.name << (c.table.sample ? " (sample)" : "") << ": ";
  size_t mapped = 0;
  for (const auto& r : c.rows) mapped += r.sector >= 0;
  std::cout << mapped << " of " << c.rows.size() << " segments read as a sector\n";
  std::cout << "multiplier  rank  backward  forward  key  segment → sector\n";
  for (const auto& r : c.rows) {
    if (r.sector < 0) {
      std::cout << "         -     -         -        -       " << r.segment << " → (not mapped)\n";
      continue;
    }
    const auto& s = c.sectors[static_cast<size_t>(r.sector)];
    char buf[80];
    std::snprintf(buf, sizeof buf, "%10.4f  %4lld  %8.4f  %7.4f  %-3s  ", s.output_multiplier,
                  static_cast<long long>(r.multiplier_rank), s.backward_linkage, s.forward_linkage, s.key_sector() ? "yes" : "");
    std::cout << buf << r.segment << " → " << s.name << "\n";
  }
  for (const auto& s : c.stale) std::cout << "ignored: mapped segment '" << s << "' is no longer in the chain\n";
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

  auto* import = io->add_subcommand("import", "store a table's sectors and linkages for the chain atlas (产业关联)");
  import->add_option("--table", io_opt.table, "domestic use table: ONS CSV or an NBS workbook")->required();
  import->add_option("--name", io_opt.name, "the table's name, as pages show it (e.g. 中国 2020 年投入产出表 153 部门)")->required();
  import->add_flag("--sample", io_opt.sample, "a stand-in table for trying Xinzhi out (示例), named so on every page");
  import->add_flag("--json", g.json, "print JSON");
  import->callback([&g] {
    auto db = open_database(g);
    auto t = modules::Services(*db).linkage().import_table(io_opt.table, io_opt.name, io_opt.sample);
    if (g.json) return void(std::cout << linkage::to_json(t).dump(2) << "\n");
    std::cout << "stored '" << t.name << "': " << t.sectors << " sectors from " << t.file << "\n";
  });

  auto* tables = io->add_subcommand("tables", "the stored tables");
  tables->add_flag("--json", g.json, "print JSON");
  tables->callback([&g] {
    auto db = open_database(g);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& t : modules::Services(*db).linkage().tables()) {
      if (!g.json) std::cout << t.name << "\t" << t.sectors << " sectors" << (t.sample ? "\tsample" : "") << "\t" << t.file << "\n";
      out.push_back(linkage::to_json(t));
    }
    if (g.json) std::cout << out.dump(2) << "\n";
  });

  auto* map = io->add_subcommand("map", "read a chain's segment as a sector of a stored table");
  map->add_option("--chain", io_opt.chain, "the chain")->required();
  map->add_option("--segment", io_opt.segment, "its segment")->required();
  map->add_option("--table", io_opt.table, "the stored table's name (default: the first imported)");
  map->add_option("--sector", io_opt.sector, "the sector's name as the table has it; \"\" clears the mapping")->required();
  map->callback([&g] {
    auto db = open_database(g);
    modules::Services(*db).linkage().map_segment(io_opt.chain, io_opt.segment, io_opt.table, io_opt.sector);
    std::cout << (io_opt.sector.empty() ? "cleared " : "mapped ") << io_opt.chain << " › " << io_opt.segment
              << (io_opt.sector.empty() ? "" : " → ") << io_opt.sector << "\n";
  });

  auto* linkages = io->add_subcommand("linkages", "each segment of a chain with its sector's multiplier and linkages");
  linkages->add_option("--chain", io_opt.chain, "the chain")->required();
  linkages->add_option("--table", io_opt.table, "the stored table's name (default: the first imported)");
  linkages->add_flag("--json", g.json, "print JSON");
  linkages->callback([&g] {
    auto db = open_database(g);
    auto c = modules::Services(*db).linkage().chain_linkages(io_opt.chain, io_opt.table);
    if (g.json) return void(std::cout << linkage::to_json(c).dump(2) << "\n");
    print_linkages(c);
  });
}

void add_demo_linkage_command(CLI::App& app, GlobalOptions& g) {
  static std::string file;
  auto* demo = app.get_subcommand("demo")->add_subcommand(
      "linkage", "the UK 2010 table (ONS) as a sample stand-in, with the sample chains' segments read as its sectors");
  demo->add_option("TABLE", file, "../shared/data/io/uk-2010-iot-domestic.csv")->required();
  demo->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    auto& service = services.linkage();
    const std::string name = "示例：英国 2010 年投入产出表（ONS，国内产品×产品）";
    bool stored = false;
    for (const auto& t : service.tables()) stored = stored || t.name == name;
    if (!stored) service.import_table(file, name, true);
    std::cout << (stored ? "the sample table is stored already; " : "stored the sample table; ") << "mapped "
              << service.map_sample_chains(name) << " sample segments\n";
  });
}

}  // namespace xinzhi::cli
