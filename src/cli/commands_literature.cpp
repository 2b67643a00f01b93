// xinzhi import papers | literature bursts: papers from WoS, Scopus and CNKI exports and their
// keyword bursts. This door reads the options and prints; the literature service decides.
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "modules/services.h"

namespace xinzhi::cli {

namespace {

struct LiteratureOptions {
  std::string file, format, source;
  literature::BurstQuery query;
} lit_opt;

void print_bursts(const nlohmann::json& out) {
  std::cout << out["papers"].get<size_t>() << " papers";
  if (out.contains("years"))
    std::cout << ", " << out["years"].front().get<int>() << "–" << out["years"].back().get<int>();
  if (out.contains("terms_total"))
    std::cout << ", " << out["terms_total"].get<size_t>() << " distinct " << out["by"].get<std::string>() << " terms, "
              << out.value("terms_bursting", 0) << " bursting";
  std::cout << "\n";
  if (out.contains("empty_reason")) {
    std::cout << "no bursts: " << out["empty_reason"].get<std::string>() << "\n";
    return;
  }
  std::cout << "strength  begin  end   total  term\n";
  for (const auto& t : out["terms"]) {
    const auto& b = t["bursts"][0];
    char buf[64];
    std::snprintf(buf, sizeof buf, "%8.4f  %5d  %4d  %5zu  ", t["strength"].get<double>(), b["start"].get<int>(),
                  b["end"].get<int>(), t["total"].get<size_t>());
    std::cout << buf << t["term"].get<std::string>();
    for (size_t i = 1; i < t["bursts"].size(); ++i)
      std::cout << " (also " << t["bursts"][i]["start"].get<int>() << "–" << t["bursts"][i]["end"].get<int>() << ")";
    std::cout << "\n";
  }
}

}  // namespace

void add_literature_commands(CLI::App& app, GlobalOptions& g) {
  auto* import = app.get_subcommand("import");
  auto* papers = import->add_subcommand(
      "papers", "papers from a Web of Science (plain text or tab-delimited), Scopus CSV or CNKI (RefWorks, EndNote) export");
  papers->add_option("FILE", lit_opt.file, "the export, UTF-8")->required();
  papers->add_option("--format", lit_opt.format, "wos, wos-tab, scopus, cnki-refworks or cnki-endnote (default: from the file)");
  papers->add_option("--name", lit_opt.source, "the source's name (default: the file's name)");
  papers->add_flag("--json", g.json, "print JSON");
  papers->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    auto r = services.literature().import_file(lit_opt.file, lit_opt.format, lit_opt.source);
    if (g.json) {
      std::cout << literature::to_json(r).dump(2) << "\n";
      return;
    }
    std::cout << "imported " << r.file << " (" << r.format << ") as '" << r.source << "': " << r.read << " read, "
              << r.added.papers_added << " added, " << r.added.papers_known << " already known, " << r.added.terms_added
              << " terms\n";
  });

  auto* lit = app.add_subcommand("literature", "literature (文献): keyword bursts over imported papers");
  lit->require_subcommand(1);
  auto* bursts = lit->add_subcommand("bursts", "Kleinberg bursts of keywords (or categories) per year, strongest first");
  bursts->add_option("--by", lit_opt.query.by, "keyword (default), index_keyword or category");
  bursts->add_option("--top", lit_opt.query.top, "how many terms (default 20)");
  bursts->add_option("--source", lit_opt.query.source, "one imported source's papers only (its --name)");
  bursts->add_option("--s", lit_opt.query.s, "burst rate ratio s > 1 (default 2)");
  bursts->add_option("--gamma", lit_opt.query.gamma, "cost of entering a burst, γ > 0 (default 1)");
  bursts->add_option("--min-duration", lit_opt.query.min_duration, "shortest burst in years (default 1)");
  bursts->add_flag("--json", g.json, "print JSON");
  bursts->callback([&g] {
    auto db = open_database(g);
    auto out = modules::Services(*db).literature().bursts(lit_opt.query);
    if (g.json)
      std::cout << out.dump(2) << "\n";
    else
      print_bursts(out);
  });
}

}  // namespace xinzhi::cli
