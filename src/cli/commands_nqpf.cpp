// xinzhi nqpf systems | import | save-system | delete-system | index | productivity | explain: the new-quality-productive-forces index of provinces
// from the provincial statistics folder (../shared/data/provinces) and an indicator system (a
// shipped template or a JSON file). This door reads options and files and prints; the nqpf
// service computes.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>

#include "base/error.h"
#include "cli/commands.h"
#include "ingest/province_statistics.h"
#include "ingest/region.h"
#include "modules/nqpf/innovation_productivity.h"
#include "modules/nqpf/nqpf_index.h"
#include "modules/services.h"
#include "report/nqpf_xlsx.h"

namespace xinzhi::cli {

namespace {

struct NqpfOptions {
  std::string provinces, system = "three-elements", weights = "entropy", region, xlsx;
  int from = 0, to = 0, year = 0;
  bool add = false;
};
NqpfOptions nqpf_opt;

// A system's JSON file, read whole; InvalidInput naming the file when it is missing or not JSON.
nlohmann::json system_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) invalid_input(path + ": no such file");
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    invalid_input(path + ": not JSON (" + std::string(e.what()) + ")");
  }
}

nqpf::IndicatorSystem chosen_system() {
  if (nqpf_opt.system.size() > 5 && nqpf_opt.system.ends_with(".json")) return nqpf::system_from_json(system_file(nqpf_opt.system));
  return nqpf::system_template(nqpf_opt.system);
}

nqpf::IndexResult computed() {
  const auto data = ingest::read_province_statistics(nqpf_opt.provinces);
  return nqpf::compute_index(data, chosen_system(),
                             {nqpf::weight_method_from(nqpf_opt.weights), nqpf_opt.from, nqpf_opt.to});
}

std::string full_province(const std::string& name) {
  const std::string full = ingest::RegionGazetteer::instance().province_named(name);
  if (full.empty()) invalid_input("region '" + name + "' is not a province (北京, 天津市 …)");
  return full;
}

std::string fixed(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// A statistic as a yearbook prints it: whole numbers from 100 up, two decimals below.
std::string statistic(double v) { return std::fabs(v) >= 100 ? fixed(v, 0) : fixed(v, 2); }

std::string change_or_dash(const nlohmann::json& v) { return v.is_null() ? "     —" : fixed(v.get<double>(), 4); }

// The means by province, fastest growth first, or one province's changes year by year.
void print_productivity(const nlohmann::json& out, const std::string& province) {
  std::cout << "R&D productivity (DEA-Malmquist, output oriented) " << out["years"].front().get<int>() << "–"
            << out["years"].back().get<int>() << ", " << out["provinces"].get<size_t>() << " provinces\n  in:";
  for (const auto& s : out["inputs"]) std::cout << " " << s["name"].get<std::string>() << " (" << s["unit"].get<std::string>() << ")";
  std::cout << "\n  out:";
  for (const auto& s : out["outputs"]) std::cout << " " << s["name"].get<std::string>() << " (" << s["unit"].get<std::string>() << ")";
  std::cout << "\n";
  for (const auto& l : out["left_out"])
    std::cout << "  left out: " << l["province"].get<std::string>() << " (" << l["reason"].get<std::string>() << ")\n";
  std::cout << (province.empty() ? "rank  effch   techch  pech    sech    tfpch   province\n"
                                 : "years      effch   techch  pech    sech    tfpch\n");
  auto line = [](const nlohmann::json& r) {
    return change_or_dash(r["effch"]) + "  " + change_or_dash(r["techch"]) + "  " + change_or_dash(r["pech"]) + "  " +
           change_or_dash(r["sech"]) + "  " + change_or_dash(r["tfpch"]);
  };
  if (!province.empty()) {
    bool found = false;
    for (const auto& r : out["rows"])
      if (r["province"] == province) {
        found = true;
        std::cout << r["from"].get<int>() << "→" << r["to"].get<int>() << "  " << line(r) << "\n";
      }
    if (!found) invalid_input(province + " is not in the productivity panel (see 'left out')");
    return;
  }
  std::vector<nlohmann::json> means(out["province_means"].begin(), out["province_means"].end());
  std::stable_sort(means.begin(), means.end(), [](const auto& a, const auto& b) {
    return a["rank"].is_null() != b["rank"].is_null() ? b["rank"].is_null()
                                                       : !a["rank"].is_null() && a["rank"].template get<size_t>() < b["rank"].template get<size_t>();
  });
  for (const auto& r : means) {
    char rank[8];
    std::snprintf(rank, sizeof rank, "%4s", r["rank"].is_null() ? "—" : std::to_string(r["rank"].get<size_t>()).c_str());
    std::cout << rank << "  " << line(r) << "  " << r["province"].get<std::string>() << "\n";
  }
}

void add_data_options(CLI::App* cmd) {
  cmd->add_option("--provinces", nqpf_opt.provinces, "the provincial statistics folder (../shared/data/provinces)")
      ->required();
  cmd->add_option("--system", nqpf_opt.system, "a template id (three-elements, tech-productivity) or a system .json");
  cmd->add_option("--weights", nqpf_opt.weights, "entropy (default), critic or combined (their mean)")
      ->check(CLI::IsMember({"entropy", "critic", "combined"}));
  cmd->add_option("--from", nqpf_opt.from, "first year (default: the years every indicator covers)");
  cmd->add_option("--to", nqpf_opt.to, "last year");
}

}  // namespace

void add_nqpf_commands(CLI::App& app, GlobalOptions& g) {
  auto* nqpf = app.add_subcommand("nqpf", "new-quality-productive-forces index of provinces (新质生产力发展水平)");
  nqpf->require_subcommand(1);

  auto* systems = nqpf->add_subcommand("systems", "the shipped indicator systems and the papers they follow");
  systems->add_flag("--json", g.json, "print JSON");
  systems->callback([&g] {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : nqpf::system_templates()) out.push_back(nqpf::to_json(s));
    print_json_or(g, {{"systems", out}}, [&] {
      for (const auto& s : nqpf::system_templates()) {
        std::cout << s.id << "  " << s.name << "  (" << s.indicator_count() << " indicators)\n  after " << s.after << "\n";
        for (const auto& d : s.dimensions) {
          std::cout << "  " << d.name << ":";
          for (const auto& i : d.indicators) std::cout << " " << i.name;
          std::cout << "\n";
        }
      }
    });
  });

  auto* import = nqpf->add_subcommand("import", "import the provincial statistics into the database (replaces what it holds)");
  import->add_option("--provinces", nqpf_opt.provinces, "the provincial statistics folder (../shared/data/provinces)")
      ->required();
  import->add_flag("--add", nqpf_opt.add,
                   "add a statistics-bureau workbook (.xlsx) to what the database holds instead of replacing it");
  import->add_flag("--json", g.json, "print JSON");
  import->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    nqpf::StatisticsImport r;
    if (nqpf_opt.add) {
      std::ifstream in(nqpf_opt.provinces, std::ios::binary);
      if (!in) invalid_input(nqpf_opt.provinces + ": no such file");
      const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      r = services.nqpf().import_workbook(bytes, nqpf_opt.provinces, console());
    } else {
      r = services.nqpf().import_statistics(nqpf_opt.provinces, console());
    }
    print_json_or(g, {{"observations", r.observations}, {"series", r.series}, {"corrections", r.fixes.size()}}, [&] {
      std::cout << "provincial statistics: " << r.observations << " observations of " << r.series << " series, "
                << r.fixes.size() << " corrections listed\n";
    });
  });

  auto* save = nqpf->add_subcommand("save-system", "save an indicator system (.json) in the database for the dashboard");
  save->add_option("--file", nqpf_opt.system, "the system's JSON (as nqpf systems --json prints one)")->required();
  save->add_flag("--json", g.json, "print JSON");
  save->callback([&g] {
    const auto body = system_file(nqpf_opt.system);
    auto db = open_database(g);
    modules::Services services(*db);
    const auto out = services.nqpf().save_system(body, console());
    print_json_or(g, out, [&] { std::cout << "saved indicator system " << out["id"].get<std::string>() << "\n"; });
  });
  auto* remove = nqpf->add_subcommand("delete-system", "delete an indicator system saved in the database");
  remove->add_option("id", nqpf_opt.region, "the saved system's id")->required();
  remove->callback([&g] {
    auto db = open_database(g);
    modules::Services services(*db);
    services.nqpf().delete_system(nqpf_opt.region, console());
    std::cout << "deleted indicator system " << nqpf_opt.region << "\n";
  });

  auto* index = nqpf->add_subcommand("index", "the index of every province and year, ranks and regional gaps");
  add_data_options(index);
  index->add_option("--year", nqpf_opt.year, "print the ranking of this year (default: the last)");
  index->add_flag("--json", g.json, "print JSON (every region and year, weights, gaps, fills)");
  index->add_option("--xlsx", nqpf_opt.xlsx, "also write the index, weights, gaps and sources to this workbook");
  index->callback([&g] {
    const auto r = computed();
    if (!nqpf_opt.xlsx.empty()) report::write_nqpf_xlsx(nqpf::to_json(r), nqpf_opt.xlsx);
    if (g.json) {
      std::cout << nqpf::to_json(r).dump(2) << "\n";
      return;
    }
    const int year = nqpf_opt.year ? nqpf_opt.year : r.years.back();
    std::cout << r.system.name << "; weights " << nqpf_opt.weights << "; " << r.years.front() << "–" << r.years.back()
              << "; " << r.fills.size() << " values interpolated; " << r.data_fixes.size() << " corrections in reading\n";
    for (const auto& f : r.data_fixes) std::cout << "  " << f.where << ": " << f.what << "\n";
    std::cout << "weights:";
    size_t j = 0;
    for (const auto& d : r.system.dimensions)
      for (const auto& i : d.indicators) std::cout << " " << i.id << " " << fixed(r.weights[j++], 4);
    std::cout << "\n" << year << "  rank  index   change  region\n";
    std::vector<const nqpf::RegionYear*> rows;
    for (const auto& c : r.cells)
      if (c.year == year) rows.push_back(&c);
    std::stable_sort(rows.begin(), rows.end(), [](auto* a, auto* b) {
      return a->scored != b->scored ? a->scored : a->rank < b->rank;
    });
    for (const auto* c : rows) {
      if (!c->scored) {
        std::cout << "        —   missing " << c->missing << "  " << c->region << "\n";
        continue;
      }
      char buf[96];
      if (c->rank_change)
        std::snprintf(buf, sizeof buf, "      %4zu  %.4f  %+4d    ", c->rank, c->closeness, *c->rank_change);
      else
        std::snprintf(buf, sizeof buf, "      %4zu  %.4f     —    ", c->rank, c->closeness);
      std::cout << buf << c->region << "\n";
    }
    for (const auto& gap : r.gaps)
      if (gap.year == year)
        std::cout << "Dagum Gini " << fixed(gap.gini, 4) << " = within " << fixed(gap.within, 4) << " + between "
                  << fixed(gap.between, 4) << " + transvariation " << fixed(gap.transvariation, 4) << "; Theil "
                  << fixed(gap.theil, 4) << "\n";
  });

  auto* productivity =
      nqpf->add_subcommand("productivity", "R&D total factor productivity change of every province (DEA-Malmquist)");
  productivity->add_option("--provinces", nqpf_opt.provinces, "the provincial statistics folder (../shared/data/provinces)")
      ->required();
  productivity->add_option("--from", nqpf_opt.from, "first year (default: the longest run of years every series covers)");
  productivity->add_option("--to", nqpf_opt.to, "last year");
  productivity->add_option("--region", nqpf_opt.region, "print this province's changes year by year");
  productivity->add_flag("--json", g.json, "print JSON (every province and pair of years, means, chained index)");
  productivity->callback([&g] {
    const auto out = nqpf::innovation_productivity(ingest::read_province_statistics(nqpf_opt.provinces), nqpf_opt.from,
                                                   nqpf_opt.to);
    print_json_or(g, out, [&] { print_productivity(out, nqpf_opt.region.empty() ? "" : full_province(nqpf_opt.region)); });
  });

  auto* explain = nqpf->add_subcommand("explain", "what moved a province's index between two years");
  add_data_options(explain);
  explain->add_option("--region", nqpf_opt.region, "the province (天津, 天津市)")->required();
  explain->add_flag("--json", g.json, "print JSON");
  explain->callback([&g] {
    // --from/--to are the two years compared; the index itself runs over every covered year,
    // as `nqpf index` does by default, so the two commands agree.
    const int asked_from = nqpf_opt.from, asked_to = nqpf_opt.to;
    nqpf_opt.from = nqpf_opt.to = 0;
    const auto r = computed();
    const int from = asked_from ? asked_from : r.years.front(), to = asked_to ? asked_to : r.years.back();
    const auto out = nqpf::movement(r, full_province(nqpf_opt.region), from, to);
    print_json_or(g, out, [&] {
      std::cout << out["region"].get<std::string>() << " " << from << " → " << to << ": index "
                << fixed(out["index_from"], 4) << " → " << fixed(out["index_to"], 4) << ", rank "
                << out["rank_from"].get<size_t>() << " → " << out["rank_to"].get<size_t>() << "\n";
      for (const auto& i : out["indicators"])
        std::cout << "  " << (i["change"].get<double>() >= 0 ? "+" : "") << fixed(i["change"], 4) << "  "
                  << i["name"].get<std::string>() << " (" << i["dimension"].get<std::string>() << "): "
                  << statistic(i["from_value"]) << " → " << statistic(i["to_value"]) << " "
                  << i["unit"].get<std::string>() << "\n";
    });
  });
}

}  // namespace xinzhi::cli
