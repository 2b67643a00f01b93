// xinzhi settings region: show or set the home region (the focal province and its partner
// group) that the atlas, the chokepoint map and the overview compare against.
#include <iostream>
#include <sstream>

#include "base/error.h"
#include "cli/commands.h"
#include "modules/settings/region_settings.h"
#include "store/audit_trail.h"

namespace xinzhi::cli {

void add_settings_commands(CLI::App& app, GlobalOptions& g) {
  static std::string focal, group, provinces;
  auto* settings = app.add_subcommand("settings", "deployment settings: the home region");
  settings->require_subcommand(1);
  auto* region = settings->add_subcommand("region", "show, or with --focal and --group set, the home region");
  region->add_option("--focal", focal, "the focal province (天津, 四川省 …)");
  region->add_option("--group", group, "its partner group: a known one (京津冀, 长三角, 成渝 …) or a name for --provinces");
  region->add_option("--provinces", provinces, "the group's provinces, comma-separated (for a group not known by name)");
  region->add_flag("--json", g.json, "print JSON");
  region->callback([&g] {
    auto db = open_database(g);
    settings::RegionSettingsService service(*db);
    settings::RegionSettings r;
    if (focal.empty() && group.empty() && provinces.empty()) {
      r = service.region();
    } else {
      if (focal.empty() || group.empty()) invalid_input("give both --focal and --group to set the home region");
      std::vector<std::string> list;
      std::stringstream in(provinces);
      for (std::string p; std::getline(in, p, ',');)
        if (!p.empty()) list.push_back(p);
      r = service.set_region(focal, group, list, accounts::Principal::console(store::current_actor().name));
    }
    if (g.json) {
      JsonWriter w;
      settings::write_json(w, r);
      std::cout << w.take() << "\n";
      return;
    }
    std::cout << "home region: " << r.focal << " in " << r.group << " (";
    for (size_t i = 0; i < r.provinces.size(); ++i) std::cout << (i ? ", " : "") << r.provinces[i];
    std::cout << ")\n";
  });
}

}  // namespace xinzhi::cli
