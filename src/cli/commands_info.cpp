// xinzhi version, xinzhi region infer.
#include <iostream>

#include "base/version.h"
#include "cli/commands.h"
#include "ingest/region.h"

namespace xinzhi::cli {

void add_info_commands(CLI::App& app, GlobalOptions& g) {
  auto* ver = app.add_subcommand("version", "print the version");
  ver->add_flag("--json", g.json, "print JSON");
  ver->callback([&g] {
    if (g.json)
      std::cout << nlohmann::json{{"name", "xinzhi"}, {"version", std::string(version())}}.dump(2) << "\n";
    else
      std::cout << "xinzhi " << version() << "\n";
  });

  auto* region = app.add_subcommand("region", "administrative regions");
  region->require_subcommand(1);
  static std::vector<std::string> names;
  auto* infer = region->add_subcommand("infer", "infer province / city / district from organisation names");
  infer->add_option("NAME", names, "organisation names")->required();
  infer->add_flag("--json", g.json, "print JSON");
  infer->callback([&g] {
    const auto& gazetteer = ingest::RegionGazetteer::instance();
    nlohmann::json out = nlohmann::json::array();
    for (const auto& name : names) {
      auto r = gazetteer.infer(name);
      if (g.json) {
        out.push_back({{"name", name}, {"province", r.province}, {"city", r.city}, {"district", r.district},
                       {"national", r.national}});
      } else {
        std::string where = r.known() ? r.province + (r.city.empty() || r.city == r.province ? "" : " " + r.city) +
                                            (r.district.empty() ? "" : " " + r.district)
                                      : (r.national ? "(national, no region)" : "(unknown)");
        std::cout << name << "\t" << where << "\n";
      }
    }
    if (g.json) std::cout << out.dump(2) << "\n";
  });
}

}  // namespace xinzhi::cli
