// xinzhi search TERM: what the dashboard's search box finds — firms, segments and chains by name,
// patents and scenarios also by their words — as text or JSON. The search service decides.
#include <iostream>

#include "cli/commands.h"
#include "modules/search/site_search.h"
#include "modules/services.h"

namespace xinzhi::cli {

namespace {

std::string place(const std::string& province, const std::string& city, const std::string& district) {
  std::string out = province;
  for (const auto* part : {&city, &district})
    if (!part->empty() && *part != province) out.append(out.empty() ? "" : " ").append(*part);
  return out.empty() ? "(region unknown)" : out;
}

void print(const search::SearchResult& r) {
  if (r.order.empty()) std::cout << "nothing found for '" << r.term << "'\n";
  for (const auto& kind : r.order) {
    if (kind == "firm") {
      for (const auto& f : r.firms)
        std::cout << "firm     " << f.firm << "\t" << f.chain << (f.segment.empty() ? "" : " › ") << f.segment << "\t"
                  << place(f.province, f.city, f.district) << "\n";
      for (const auto& c : r.companies)
        std::cout << "company  " << c.name << "\t" << (c.stock_code.empty() ? "" : c.stock_code + " ")
                  << place(c.province, c.city, c.district) << "\tknowledge graph '" << c.source << "' only\n";
    } else if (kind == "segment") {
      for (const auto& s : r.segments)
        std::cout << "segment  " << s.segment << "\t" << s.chain << (s.stage.empty() ? "" : " · ") << s.stage << "\t"
                  << s.firms << " firms\n";
    } else if (kind == "chain") {
      for (const auto& c : r.chains)
        std::cout << "chain    " << c.name << "\t" << c.segments << " segments, " << c.firms << " firms" << (c.sample ? " (sample)" : "")
                  << "\n";
    } else if (kind == "patent") {
      for (const auto& p : r.patents)
        std::cout << "patent   " << p.number << " " << p.title << "\t" << p.applicant << " · " << p.filed_on << "\n";
    } else if (kind == "scenario") {
      for (const auto& s : r.scenarios)
        std::cout << "scenario " << s.title << "\t#" << s.id << " " << s.owner_org << " · " << s.stage << "\n";
    }
  }
}

}  // namespace

void add_search_commands(CLI::App& app, GlobalOptions& g) {
  static std::string term;
  static size_t per_kind = 6;
  auto* cmd = app.add_subcommand("search", "find firms, segments and chains whose names contain TERM, and patents and scenarios also by its words (BM25)");
  cmd->add_option("TERM", term, "part of a name, or words in any order (Chinese or Latin; case and full-width forms do not matter)")->required();
  cmd->add_option("--limit", per_kind, "hits per kind (default 6)")->check(CLI::Range(1, 100));
  cmd->add_flag("--json", g.json, "print JSON");
  cmd->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    scenario::ScenarioPartners scenarios(*db);
    // One search per run: the patents' word index is built for it, not kept (database "").
    search::SiteSearch site({&services.chains(), &services.graph_reader(), &services.patents(), &scenarios, ""}, per_kind);
    auto r = site.run(term, accounts::Principal::console(store::current_actor().name));
    if (!g.json) return print(r);
    JsonWriter w;
    search::write_json(w, r);
    std::cout << nlohmann::json::parse(w.str()).dump(2) << "\n";
  });
}

}  // namespace xinzhi::cli
