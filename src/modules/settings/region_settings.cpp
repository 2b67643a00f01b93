#include "modules/settings/region_settings.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "ingest/region.h"
#include "modules/accounts/access.h"
#include "modules/settings/settings_store.h"

namespace xinzhi::settings {

namespace {
constexpr const char* kRegionKey = "home_region";

std::string region_text(const RegionSettings& r) {
  return nlohmann::json{{"focal", r.focal}, {"group", r.group}, {"provinces", r.provinces}}.dump();
}
}  // namespace

std::vector<std::string> RegionSettings::partners() const {
  std::vector<std::string> out;
  for (const auto& p : provinces)
    if (p != focal) out.push_back(p);
  return out;
}

RegionSettingsService::RegionSettingsService(store::Database& db) : store_(sqlite_settings_store(db)) {}
RegionSettingsService::~RegionSettingsService() = default;

RegionSettings RegionSettingsService::region() {
  auto text = store_->get(kRegionKey);
  if (!text) return {};
  // Written only by set_region, which checked it; a hand-edited row that no longer parses
  // is reported, not silently replaced by the defaults.
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.contains("focal") || !j.contains("group") || !j.contains("provinces"))
    fail(ErrorCode::Internal, "the stored home region setting is unreadable: set it again (xinzhi settings region)");
  return {j["focal"].get<std::string>(), j["group"].get<std::string>(), j["provinces"].get<std::vector<std::string>>()};
}

RegionSettings RegionSettingsService::set_region(const std::string& focal, const std::string& group,
                                                 const std::vector<std::string>& provinces, const accounts::Principal& by) {
  if (!by.has(accounts::Permission::AccountsManage))
    fail(ErrorCode::Forbidden, "role " + std::string(accounts::role_name(by.role)) + " may not change the home region");
  const auto& gazetteer = ingest::RegionGazetteer::instance();
  RegionSettings r;
  r.provinces.clear();  // not the defaults: only what was asked for
  r.focal = gazetteer.province_named(focal);
  if (r.focal.empty()) invalid_input("focal region '" + focal + "' is not a province (天津, 四川省 …)");
  r.group = group;
  if (r.group.empty()) invalid_input("the partner group needs a name (京津冀, 成渝 …)");
  if (r.group.size() > 60) invalid_input("the partner group's name is longer than 60 bytes");
  if (provinces.empty()) {
    r.provinces = gazetteer.group(group);
    if (r.provinces.empty())
      invalid_input("group '" + group + "' is not a known group; name its provinces too (--provinces 北京,天津,河北)");
  } else {
    for (const auto& p : provinces) {
      auto full = gazetteer.province_named(p);
      if (full.empty()) invalid_input("province '" + p + "' of the group is not a province");
      if (std::find(r.provinces.begin(), r.provinces.end(), full) == r.provinces.end()) r.provinces.push_back(full);
    }
  }
  if (std::find(r.provinces.begin(), r.provinces.end(), r.focal) == r.provinces.end())
    invalid_input("the focal province " + r.focal + " is not in group " + r.group);
  auto before = region();
  store_->put(kRegionKey, region_text(r),
              {"settings.region", "setting", kRegionKey, region_text(before), region_text(r), region_text(r)});
  return r;
}

void write_json(JsonWriter& w, const RegionSettings& r) {
  w.begin_object().field("focal", r.focal).field("group", r.group).key("provinces").begin_array();
  for (const auto& p : r.provinces) w.value(p);
  w.end_array().key("partners").begin_array();
  for (const auto& p : r.partners()) w.value(p);
  w.end_array().end_object();
}

}  // namespace xinzhi::settings
