// xinzhi db migrate|status|backup and xinzhi import ickg.
#include <iostream>

#include "base/error.h"
#include "base/log.h"
#include "cli/commands.h"
#include "cli/progress_bar.h"
#include "base/json_writer.h"
#include "modules/foresight/patent_import.h"
#include "modules/services.h"
#include "modules/registry.h"

namespace xinzhi::cli {

void add_patent_import(CLI::App& imp, GlobalOptions& g);
void add_chainkg_import(CLI::App& imp, GlobalOptions& g);

namespace {
void print_json(const nlohmann::json& j) { std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n"; }

void print_import(const kg::ImportReport& r) {
  std::cout << "imported " << r.source << " from " << r.dir << "\n";
  std::cout << "  entities   " << r.entities_read << " read, " << r.added.entities_added << " added (";
  bool first = true;
  for (auto& [kind, n] : r.entities_by_kind) std::cout << (first ? "" : ", ") << kind << " " << n, first = false;
  std::cout << ")\n";
  if (r.added.entities_updated)
    std::cout << "  entities   " << r.added.entities_updated << " imported before took the new resolution\n";
  std::cout << "  relations  " << r.relations_read << " read, " << r.added.relations_added << " added, "
            << r.relation_kinds << " kinds\n";
  std::cout << "  dates      " << r.dates_read << " (" << r.first_date << " to " << r.last_date << ")\n";
  std::cout << "  duplicate names: " << r.duplicates.names << " names under " << r.duplicates.ids << " ids ("
            << r.duplicates.extra_ids << " extra ids); every id is kept as its own entity\n";
  auto c = [&](const char* k) {
    auto it = r.companies_by_region.find(k);
    return it == r.companies_by_region.end() ? size_t{0} : it->second;
  };
  std::cout << "  companies  天津市 " << c("天津市") << ", 北京市 " << c("北京市") << ", 河北省 " << c("河北省")
            << " (京津冀 " << c("京津冀") << "), other provinces " << c("other_provinces") << ", national "
            << c("national") << ", 境外 " << c("foreign") << ", generic actors " << c("generic_actor") << ", unknown "
            << c("unknown") << "\n";
  const auto& res = r.resolution;
  auto n = [](const std::map<std::string, size_t>& m, const char* k) {
    auto it = m.find(k);
    return it == m.end() ? size_t{0} : it->second;
  };
  std::cout << "  listed table " << (res.listed_table.empty() ? "none" : res.listed_table) << " (" << res.listed_rows
            << " firms): " << res.listed_matched << " companies matched, " << res.listed_region_changed
            << " placed elsewhere by the registered name\n";
  std::cout << "  without region before " << res.without_region_before << ": listed short names " << n(res.before, "listed_short_name")
            << ", listed full names " << n(res.before, "listed_full_name")
            << ", foreign " << n(res.before, "foreign") << ", generic actors " << n(res.before, "generic_actor")
            << ", unresolved " << n(res.before, "unresolved") << "\n";
  std::cout << "  without region after " << res.without_region_after << ": listed without a place in the registered name "
            << n(res.after, "listed_without_place") << ", listed ambiguous " << n(res.after, "listed_ambiguous")
            << ", unresolved " << n(res.after, "unresolved") << " (placed by listed name " << n(res.after, "listed_placed")
            << ", national by listed name " << n(res.after, "listed_national") << ", 境外 " << n(res.after, "foreign")
            << ", generic actors set apart " << n(res.after, "generic_actor") << ")\n";
}
}  // namespace

void add_db_commands(CLI::App& app, GlobalOptions& g) {
  auto* db = app.add_subcommand("db", "create, migrate, inspect and back up the database");
  db->require_subcommand(1);

  auto* migrate = db->add_subcommand("migrate", "apply the schema migrations that are missing");
  migrate->add_flag("--json", g.json, "print JSON");
  migrate->callback([&g] {
    store::Database database(g.db);
    int applied = modules::migrate(database);
    if (g.json)
      print_json({{"database", database.display()}, {"applied", applied}});
    else
      std::cout << "database " << database.display() << ": " << applied << " migration(s) applied\n";
  });

  auto* status = db->add_subcommand("status", "list migrations and whether each is applied");
  status->add_flag("--json", g.json, "print JSON");
  status->callback([&g] {
    store::Database database(g.db);
    auto list = store::migration_status(database, modules::all_migrations());
    if (g.json) {
      nlohmann::json rows = nlohmann::json::array();
      for (auto& m : list)
        rows.push_back({{"module", m.module}, {"version", m.version}, {"name", m.name},
                        {"applied_at", m.pending ? nlohmann::json() : nlohmann::json(m.applied_at)}});
      print_json({{"database", database.display()}, {"migrations", rows}});
      return;
    }
    std::cout << "database " << database.display() << "\n";
    for (auto& m : list)
      std::cout << "  " << m.module << "/" << m.version << "  " << (m.pending ? "pending" : m.applied_at) << "  "
                << m.name << "\n";
  });

  static std::string target;
  auto print_copy = [&g](const char* verb, const std::string& from, const std::string& to, const store::CopyReport& r) {
    if (g.json) {
      nlohmann::json tables = nlohmann::json::object();
      for (const auto& [table, rows] : r.tables) tables[table] = rows;
      print_json({{"from", from}, {"to", to}, {"rows", r.rows}, {"tables", tables}});
    } else {
      std::cout << verb << " " << from << " to " << to << ": " << r.rows << " rows in " << r.tables.size()
                << " tables\n";
    }
  };
  auto* backup = db->add_subcommand(
      "backup", "copy the live database to a new SQLite file (SQLite: online backup; PostgreSQL: one snapshot)");
  backup->add_option("PATH", target, "file to write (must not exist)")->required();
  backup->add_flag("--json", g.json, "print JSON");
  backup->callback([&g, print_copy] {
    store::Database database(g.db);
    print_copy("backed up", database.display(), target, modules::backup_database(database, target));
  });
  static std::string source;
  auto* restore = db->add_subcommand(
      "restore", "copy a backup file into a new database (SQLite file or PostgreSQL schema with no rows yet)");
  restore->add_option("PATH", source, "backup file written by xinzhi db backup")->required();
  restore->add_flag("--json", g.json, "print JSON");
  restore->callback([&g, print_copy] {
    store::Database database(g.db);
    print_copy("restored", source, database.display(), modules::restore_database(source, database));
  });
}

void add_import_commands(CLI::App& app, GlobalOptions& g) {
  auto* imp = app.add_subcommand("import", "import real data into the database (one transaction per import)");
  imp->require_subcommand(1);
  static std::string dir;
  static kg::IckgImportOptions ickg_options;
  static bool no_listed = false;
  auto* ickg = imp->add_subcommand("ickg", "the ICKG temporal industrial-chain knowledge graph (entity2id.txt …)");
  ickg->add_option("DIR", dir, "folder with entity2id.txt, relation2id.txt, time2id.txt, train/valid/test.txt")
      ->required();
  ickg->add_option("--listed", ickg_options.listed,
                   "listed-company table (chainkg company.json: name, fullname, code per line) resolving stock short "
                   "names; default: chainkg/company.json two folders up from DIR when present");
  ickg->add_flag("--no-listed", no_listed, "no listed-company resolution");
  ickg->add_flag("--json", g.json, "print JSON");
  add_patent_import(*imp, g);
  add_chainkg_import(*imp, g);
  ickg->callback([&g] {
    auto database = open_database(g);
    modules::Services services(*database);
    kg::ImportReport report;
    {
      ProgressBar bar("导入 ICKG");
      ickg_options.use_listed = !no_listed;
      if (no_listed && !ickg_options.listed.empty()) invalid_input("give --listed FILE or --no-listed, not both");
      report = services.graph().import_ickg(dir, [&](uint64_t d, uint64_t t) { bar.update(d, t); }, ickg_options);
    }
    if (g.json)
      print_json(kg::to_json(report));
    else
      print_import(report);
    spdlog::info("import took {:.2f} s", report.seconds);
  });
}

void add_chainkg_import(CLI::App& imp, GlobalOptions& g) {
  static std::string dir;
  static int min_upstream = 2;
  auto* chainkg = imp.add_subcommand(
      "chainkg", "Shenwan industries, their upstream table and listed companies (chainkg) as a chain source");
  chainkg->add_option("DIR", dir, "folder with industry.json, industry_industry.json, industry_up.json, company.json, "
                                  "company_industry.json")
      ->required();
  chainkg->add_option("--min-upstream", min_upstream, "keep upstream links seen at least this often (default 2)");
  chainkg->add_flag("--json", g.json, "print JSON");
  chainkg->callback([&g] {
    auto database = open_database(g);
    modules::Services services(*database);
    auto r = services.graph().import_chainkg(dir, min_upstream);
    if (g.json) return print_json(kg::to_json(r));
    auto c = [&](const char* k) { return r.companies_by_region.at(k); };
    std::cout << "imported " << r.source << " from " << r.dir << ": " << r.industries << " industries, " << r.companies
              << " companies (placed " << c("placed") << ", national " << c("national") << ", unknown " << c("unknown")
              << ")\n";
    std::cout << "  upstream links " << r.upstream_links_read << " read, " << r.upstream_links_kept << " kept (seen "
              << r.min_upstream_count << "+ times); parent links " << r.parent_links << "; company industries "
              << r.company_industries << " stored, " << r.company_industries_unmatched << " naming an unknown code\n";
    std::cout << "  added " << r.added.entities_added << " entities, " << r.added.relations_added << " relations\n";
  });
}

void add_patent_import(CLI::App& imp, GlobalOptions& g) {
  static std::string file, format = "cnipa", map;
  static bool skip_bad = false;
  auto* pat = imp.add_subcommand("patents",
                                 "patent exports (CNIPA CSV, JSON Lines, any CSV with --map) or, with --format kg, the "
                                 "patents companies hold in the imported knowledge graph");
  pat->add_option("FILE", file, "the export (not with --format kg)");
  pat->add_option("--format", format, "cnipa (default), jsonl, csv or kg")
      ->check(CLI::IsMember({"cnipa", "jsonl", "csv", "kg"}));
  pat->add_option("--map", map, "csv columns: number=COL,date=COL,codes=COL[,applicant=COL][,title=COL]");
  pat->add_flag("--skip-bad", skip_bad, "skip bad rows and count them instead of stopping");
  pat->add_flag("--json", g.json, "print JSON");
  pat->callback([&g] {
    auto database = open_database(g);
    modules::Services services(*database);
    if (format == "kg") {
      if (!file.empty()) invalid_input("--format kg reads the imported knowledge graph, not a file");
      auto r = foresight::import_graph_patents(services.patents(), services.graph_reader());
      nlohmann::json j{{"format", "kg"}, {"read", r.read}, {"added", r.added}, {"undated", r.undated},
                       {"sample_skipped", r.sample_skipped}, {"with_industry", r.with_industry}};
      if (g.json)
        print_json(j);
      else
        std::cout << "imported patents held in the knowledge graph (持有专利): " << r.read << " read, " << r.added
                  << " added, " << r.with_industry << " with the holder's industry, " << r.undated
                  << " without a date left out, " << r.sample_skipped << " sample relations left out\n";
      return;
    }
    if (file.empty()) invalid_input("the export FILE is missing");
    auto r = foresight::import_patents(services.patents(), file, format, skip_bad, map);
    spdlog::info("read and checked {} records in {:.2f} s, wrote them in {:.2f} s", r.read, r.read_seconds, r.write_seconds);
    if (g.json) {
      JsonWriter w;
      foresight::write_json(w, r);
      std::cout << w.str() << "\n";
      return;
    }
    std::cout << "imported " << r.file << " (" << r.format << "): " << r.read << " read, " << r.added << " added, "
              << r.codes << " codes, " << r.skipped.size() << " skipped";
    if (r.records_without_codes) std::cout << ", " << r.records_without_codes << " without codes (kept, not on heat maps)";
    std::cout << "\n";
    for (size_t i = 0; i < r.skipped.size() && i < 5; ++i) std::cout << "  skipped " << r.skipped[i] << "\n";
  });
}

}  // namespace xinzhi::cli

namespace xinzhi::cli {

std::unique_ptr<store::Database> open_database(GlobalOptions& g) {
  log::configure(g.log_level);
  auto db = std::make_unique<store::Database>(g.db);
  modules::migrate(*db);
  return db;
}

}  // namespace xinzhi::cli
