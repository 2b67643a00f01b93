// xinzhi chain derive|import|list|atlas|gaps|leaders|firms|merge|unmerge|remove.
#include <cmath>
#include <cstdio>
#include <map>
#include <fstream>
#include <iostream>

#include "base/error.h"
#include "base/log.h"
#include "cli/commands.h"
#include "modules/services.h"
#include "modules/registry.h"
#include "report/atlas_xlsx.h"

namespace xinzhi::cli {

namespace {
struct ChainOptions {
  std::string focus, name, file, chain, region, segment, from, into, gexf, xlsx;
  int hops = 2;
  double weak_share = 0.2;
  size_t top = 20;
};
ChainOptions opt;

template <class Fn>
void with_service(GlobalOptions& g, Fn fn) {
  log::configure(g.log_level);
  store::Database database(g.db);
  modules::migrate(database);
  modules::Services services(database);
  fn(services.chains());
}

// Chain results stream as compact JSON (an atlas can be tens of megabytes).
template <class... T>
void print_json(void (*write)(JsonWriter&, const T&...), const T&... v) {
  JsonWriter w;
  write(w, v...);
  std::cout << w.str() << "\n";
}

std::string pct(double x) {
  char buf[16];
  snprintf(buf, sizeof buf, "%.1f%%", 100 * x);
  return buf;
}

void print_import(const chain::ImportReport& r) {
  for (auto& n : r.result.created) std::cout << "created chain " << n << "\n";
  for (auto& n : r.result.skipped) std::cout << "skipped chain " << n << " (exists)\n";
  std::cout << r.result.created.size() << " created, " << r.result.skipped.size() << " skipped; " << r.segments
            << " segments, " << r.firms << " firm links\n";
}

void print_segments(const chain::AtlasReport& r, bool gaps_only) {
  std::cout << "chain " << r.chain.name << " (" << r.chain.origin << ") · region " << r.region.label << " · coverage "
            << pct(r.coverage) << " · " << r.firms << " firms, " << r.local_firms << " local";
  if (r.unplaced_firms) std::cout << ", " << r.unplaced_firms << " of unknown place";
  std::cout << "\n";
  for (const auto& s : r.segments) {
    if (gaps_only && !s.missing && !s.unsettled && !s.weak) continue;
    std::string tag = s.status() == std::string("covered") ? "" : std::string("  [") + s.status() + "]";
    std::cout << (s.stage.empty() ? "--" : s.stage) << "  firms " << s.firms << "  local " << s.local;
    if (s.unplaced) std::cout << "  unknown place " << s.unplaced;
    std::cout << "  share " << (std::isnan(s.local_share) ? "n/a" : pct(s.local_share)) << "  HHI " << s.hhi
              << "  patents " << s.patents << tag << "  " << s.name
              << (s.parent.empty() ? "" : "  (in " + s.parent + ")") << "\n";
    if (gaps_only)
      for (const auto& c : s.candidates)
        std::cout << "      candidate " << c.name << " · " << (c.province.empty() ? "region unknown" : c.province)
                  << " · " << c.zone << " · strength " << c.strength << "\n";
  }
}
}  // namespace

void add_chain_commands(CLI::App& app, GlobalOptions& g) {
  auto* chain = app.add_subcommand("chain", "industry-chain atlas (产业链图谱): chains, coverage, gaps, leaders");
  chain->require_subcommand(1);

  auto* derive = chain->add_subcommand("derive", "derive a chain from the knowledge graph around a focal segment");
  derive->add_option("--focus", opt.focus, "focal industry or product, e.g. 新能源车行业")->required();
  derive->add_option("--hops", opt.hops, "hops upstream and downstream (default 2)")->check(CLI::Range(0, 10));
  derive->add_option("--name", opt.name, "name of the new chain")->required();
  derive->add_flag("--json", g.json, "print JSON");
  derive->callback([&g] {
    with_service(g, [&](chain::ChainService& s) {
      auto r = s.derive(opt.focus, opt.hops, opt.name);
      g.json ? print_json<chain::ImportReport>(chain::write_json, r) : print_import(r);
    });
  });

  auto* imp = chain->add_subcommand("import", "import chains: twchains JSON or the CSV template (docs/chain-template.md)");
  imp->add_option("FILE", opt.file, "chains.json or a template .csv")->required();
  imp->add_flag("--json", g.json, "print JSON");
  imp->callback([&g] {
    with_service(g, [&](chain::ChainService& s) {
      auto r = s.import_file(opt.file);
      g.json ? print_json<chain::ImportReport>(chain::write_json, r) : print_import(r);
    });
  });

  auto* list = chain->add_subcommand("list", "list chains");
  list->add_flag("--json", g.json, "print JSON");
  list->callback([&g] {
    with_service(g, [&](chain::ChainService& s) {
      auto chains = s.list();
      if (g.json) return print_json<std::vector<chain::ChainSummary>>(chain::write_json, chains);
      for (auto& c : chains)
        std::cout << c.name << "\t" << c.origin << (c.sample ? " (示例)" : "") << "\t" << c.segments << " segments\t"
                  << c.links << " links\t" << c.firms << " firms\n";
    });
  });

  auto add_atlas_options = [&](CLI::App* cmd) {
    cmd->add_option("CHAIN", opt.chain, "chain name")->required();
    cmd->add_option("--region", opt.region, "province, city or group (default: the chain's home region, else the home region's focal province)");
    cmd->add_option("--weak-share", opt.weak_share, "local share below which a segment is weak (default 0.2)")
        ->check(CLI::Range(0.0, 1.0));
    cmd->add_flag("--json", g.json, "print JSON");
  };
  auto request = [] { return chain::AtlasRequest{opt.chain, opt.region, opt.weak_share, 10, opt.top}; };

  auto* atlas = chain->add_subcommand("atlas", "per segment: firms by region, local share, HHI, patents; coverage");
  add_atlas_options(atlas);
  atlas->add_option("--xlsx", opt.xlsx, "also write the atlas as an Excel workbook");
  atlas->callback([&g, request] {
    with_service(g, [&](chain::ChainService& s) {
      auto r = s.atlas(request());
      if (!opt.xlsx.empty()) report::write_atlas_xlsx(r, opt.xlsx);
      g.json ? print_json<chain::AtlasReport>(chain::write_json, r) : print_segments(r, false);
    });
  });

  auto* gaps = chain->add_subcommand("gaps", "missing and weak links, with candidate firms elsewhere");
  add_atlas_options(gaps);
  gaps->callback([&g, request] {
    with_service(g, [&](chain::ChainService& s) {
      auto r = s.atlas(request());
      g.json ? print_json<chain::AtlasReport>(chain::write_gaps, r) : print_segments(r, true);
    });
  });

  auto* leaders = chain->add_subcommand("leaders", "chain-leader (链主) candidates by the documented score");
  leaders->add_option("CHAIN", opt.chain, "chain name")->required();
  leaders->add_option("--top", opt.top, "how many (default 20)");
  leaders->add_flag("--json", g.json, "print JSON");
  leaders->callback([&g, request] {
    with_service(g, [&](chain::ChainService& s) {
      auto r = s.atlas(request());
      if (g.json) return print_json<chain::AtlasReport>(chain::write_leaders, r);
      for (size_t i = 0; i < r.leaders.size(); ++i) {
        const auto& l = r.leaders[i];
        std::cout << i + 1 << ". " << l.name << " · " << (l.province.empty() ? "region unknown" : l.province)
                  << " · score " << l.score << " (segments " << l.segments << ", supply " << l.supply
                  << ", investment/control " << l.investment_control << ", patents " << l.patents << ", centrality "
                  << l.centrality << ")\n";
      }
    });
  });

  auto* firms = chain->add_subcommand("firms", "the firms of one segment, local first");
  firms->add_option("CHAIN", opt.chain, "chain name")->required();
  firms->add_option("SEGMENT", opt.segment, "segment name")->required();
  firms->add_option("--region", opt.region, "region (default: the chain's home region, else the home region's focal province)");
  firms->add_flag("--json", g.json, "print JSON");
  firms->callback([&g] {
    with_service(g, [&](chain::ChainService& s) {
      auto rows = s.segment_firms(opt.chain, opt.segment, opt.region);
      if (g.json) return print_json<std::vector<chain::FirmRow>>(chain::write_json, rows);
      for (auto& f : rows)
        std::cout << f.zone << "\t" << (f.province.empty() ? "-" : f.province) << "\t" << f.name << "\n";
    });
  });

  static std::vector<std::string> weight_args;
  auto* choke = chain->add_subcommand("chokepoints", "chokepoint map (卡脖子技术图谱): segments ranked, each explained");
  choke->add_option("CHAIN", opt.chain, "chain name")->required();
  choke->add_option("--region", opt.region, "region (default: the chain's home region, else the home region's focal province)");
  choke->add_option("--weight", weight_args,
                    "NAME=VALUE, repeatable: concentration, outside, dominance, betweenness, substitutes, technology");
  choke->add_flag("--json", g.json, "print JSON");
  choke->add_option("--xlsx", opt.xlsx, "also write the map as an Excel workbook");
  choke->callback([&g] {
    chain::ChokepointWeights w;
    std::map<std::string, double*> slot = {{"concentration", &w.concentration}, {"outside", &w.outside},
                                           {"dominance", &w.dominance},         {"betweenness", &w.betweenness},
                                           {"substitutes", &w.substitutes},     {"technology", &w.technology}};
    for (const auto& arg : weight_args) {
      auto eq = arg.find('=');
      auto it = slot.find(arg.substr(0, eq));
      char* end = nullptr;
      double v = eq == std::string::npos ? -1 : std::strtod(arg.c_str() + eq + 1, &end);
      if (it == slot.end() || eq == std::string::npos || *end != '\0' || !(v >= 0))
        invalid_input("--weight '" + arg + "': expected NAME=VALUE with a known name and a value ≥ 0");
      *it->second = v;
    }
    with_service(g, [&](chain::ChainService& s) {
      auto r = s.chokepoints(opt.chain, opt.region, w);
      if (!opt.xlsx.empty()) report::write_chokepoints_xlsx(r, opt.xlsx);
      if (g.json) return print_json<chain::ChokepointReport>(chain::write_json, r);
      std::cout << "chokepoints of " << r.chain << " · region " << r.region << "\n";
      for (size_t i = 0; i < r.rows.size(); ++i) {
        const auto& x = r.rows[i];
        std::cout << i + 1 << ". " << x.name << " (" << (x.stage.empty() ? "--" : x.stage) << ")  score "
                  << std::round(x.score * 1000) / 1000 << "  firms " << x.firms << ", local " << x.local
                  << ", dominates " << x.dominated << "  drivers:";
        for (const auto& d : x.drivers) std::cout << " " << d;
        std::cout << "\n";
      }
      if (r.data_gaps.empty()) return;
      std::cout << "data gaps, not scored (" << r.data_gaps.size() << "):\n";
      for (const auto& gap : r.data_gaps)
        std::cout << "  " << gap.name << " (" << (gap.stage.empty() ? "--" : gap.stage) << ")  " << gap.reason
                  << ", dominates " << gap.dominated << "\n";
    });
  });

  static chain::ShockRequest shock_req;
  auto* shock = chain->add_subcommand("shock", "simulate a supply shock and see every downstream segment");
  shock->add_option("CHAIN", opt.chain, "chain name")->required();
  shock->add_option("--remove", shock_req.segment, "remove this segment");
  shock->add_option("--region", shock_req.region, "lose the suppliers in this region");
  shock->add_option("--enterprise", shock_req.enterprise, "lose this enterprise");
  shock->add_flag("--json", g.json, "print JSON");
  shock->callback([&g] {
    with_service(g, [&](chain::ChainService& s) {
      auto r = s.shock(opt.chain, shock_req);
      if (g.json) return print_json<chain::ShockReport>(chain::write_json, r);
      std::cout << "shock to " << r.chain << ": " << r.shock << " · amplification "
                << std::round(r.amplification * 1000) / 1000 << " · end products hit " << r.end_products_hit << " of "
                << r.end_products << " · cut off " << r.cut_off.size() << "\n";
      for (const auto& x : r.rows)
        std::cout << "  loss " << std::round(x.loss * 1000) / 1000 << (x.cut_off ? "  [cut off]" : "")
                  << (x.end_product ? "  [end product]" : "") << "  " << x.name << "\n";
    });
  });

  auto* eco = chain->add_subcommand("ecosystem", "the chain's firm network (产业生态地图) with Louvain communities");
  eco->add_option("CHAIN", opt.chain, "chain name")->required();
  eco->add_option("--region", opt.region, "region for the local / partner / elsewhere zones");
  eco->add_flag("--json", g.json, "print JSON");
  eco->callback([&g] {
    with_service(g, [&](chain::ChainService& s) {
      auto e = s.ecosystem(opt.chain, opt.region);
      if (g.json) return print_json<chain::Ecosystem>(chain::write_json, e);
      std::cout << "ecosystem of " << e.chain << ": " << e.nodes.size() << " firms with ties, " << e.edges.size()
                << " ties, " << e.communities << " communities (modularity " << e.modularity << "), "
                << e.isolated_firms << " firms without ties left out\n";
    });
  });

  auto* exp = chain->add_subcommand("export", "export the ecosystem map for Gephi");
  exp->add_option("CHAIN", opt.chain, "chain name")->required();
  exp->add_option("--gexf", opt.gexf, "GEXF file to write")->required();
  exp->add_option("--region", opt.region, "region for the zones");
  exp->callback([&g] {
    with_service(g, [&](chain::ChainService& s) {
      auto e = s.ecosystem(opt.chain, opt.region);
      std::ofstream out(opt.gexf, std::ios::binary);
      if (!out) invalid_input("cannot write " + opt.gexf);
      out << chain::to_gexf(e);
      if (!out.flush()) fail(ErrorCode::Unavailable, "writing " + opt.gexf + " failed");
      std::cout << "wrote " << opt.gexf << ": " << e.nodes.size() << " firms, " << e.edges.size() << " ties, "
                << e.communities << " communities\n";
    });
  });

  static chain::ChainEdit edit;
  auto* ed = chain->add_subcommand("edit", "add or remove a segment, link or firm (recorded in the chain's edit log)");
  ed->add_option("CHAIN", opt.chain, "chain name")->required();
  ed->add_option("ACTION", edit.action, "add_segment, remove_segment, add_link, remove_link, add_firm, remove_firm")
      ->required()
      ->check(CLI::IsMember({"add_segment", "remove_segment", "add_link", "remove_link", "add_firm", "remove_firm"}));
  ed->add_option("--segment", edit.segment, "the segment (for links: the upstream one)")->required();
  ed->add_option("--target", edit.target, "links: the downstream segment");
  ed->add_option("--firm", edit.firm, "firms: the firm's name");
  ed->add_option("--stage", edit.stage, "add_segment: 上游, 中游 or 下游");
  ed->add_option("--parent", edit.parent, "add_segment: the segment it refines");
  ed->add_option("--role", edit.role, "add_firm: how the firm belongs to the segment");
  ed->add_option("--region", edit.region, "add_firm: province or city (default: inferred from the name)");
  ed->callback([&g] {
    with_service(g, [&](chain::ChainService& s) {
      auto id = s.edit(opt.chain, edit);
      std::cout << "edit " << id << ": " << edit.action << " in " << opt.chain << "\n";
    });
  });
  auto* log = chain->add_subcommand("edits", "the chain's edit log");
  log->add_option("CHAIN", opt.chain, "chain name")->required();
  log->add_flag("--json", g.json, "print JSON");
  log->callback([&g] {
    with_service(g, [&](chain::ChainService& s) {
      auto list = s.edits(opt.chain);
      if (g.json) return print_json<std::vector<chain::EditRecord>>(chain::write_json, list);
      for (const auto& e : list) std::cout << e.id << "\t" << e.action << "\t" << e.detail << "\n";
    });
  });

  auto* merge = chain->add_subcommand("merge", "record segment FROM as an alias of INTO (reversible)");
  merge->add_option("CHAIN", opt.chain, "chain name")->required();
  merge->add_option("--from", opt.from, "segment to fold in")->required();
  merge->add_option("--into", opt.into, "segment it stands for")->required();
  merge->callback([&g] {
    with_service(g, [&](chain::ChainService& s) {
      s.merge(opt.chain, opt.from, opt.into);
      std::cout << "merged " << opt.from << " into " << opt.into << " in " << opt.chain << "\n";
    });
  });
  auto* unmerge = chain->add_subcommand("unmerge", "undo a merge");
  unmerge->add_option("CHAIN", opt.chain, "chain name")->required();
  unmerge->add_option("SEGMENT", opt.segment, "the merged segment")->required();
  unmerge->callback([&g] {
    with_service(g, [&](chain::ChainService& s) {
      s.unmerge(opt.chain, opt.segment);
      std::cout << "unmerged " << opt.segment << " in " << opt.chain << "\n";
    });
  });

  auto* remove = chain->add_subcommand("remove", "delete a chain");
  remove->add_option("CHAIN", opt.chain, "chain name")->required();
  remove->callback([&g] {
    with_service(g, [&](chain::ChainService& s) {
      s.remove(opt.chain);
      std::cout << "removed chain " << opt.chain << "\n";
    });
  });
}

}  // namespace xinzhi::cli
