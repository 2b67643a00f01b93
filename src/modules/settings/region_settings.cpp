#include "modules/settings/region_settings.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "ingest/region.h"
#include "modules/accounts/access.h"
#include "modules/accounts/directory.h"
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

RegionSettingsService::RegionSettingsService(store::Database& db) : store_(sql_settings_store(db)) {}
RegionSettingsService::~RegionSettingsService() = default;

RegionSettings RegionSettingsService::region() {
  auto text = store_->get(kRegionKey);
  if (!text) return {};
  // Written only by set_region, which checked it; a hand-edited row that no longer parses
  // is reported, not silently replaced by the defaults.
  try {
    auto j = nlohmann::json::parse(*text);
    return {j.at("focal").get<std::string>(), j.at("group").get<std::string>(),
            j.at("provinces").get<std::vector<std::string>>()};
  } catch (const nlohmann::json::exception&) {
    fail(ErrorCode::Internal, "the stored home region setting is unreadable: set it again (xinzhi settings region)");
  }
}

RegionSettings RegionSettingsService::set_region(const std::string& focal, const std::string& group,
                                                 const std::vector<std::string>& provinces, const accounts::Principal& by) {
  accounts::require(by, accounts::Permission::AccountsManage);
  const auto& gazetteer = ingest::RegionGazetteer::instance();
  RegionSettings r;
  r.provinces.clear();  // not the defaults: only what was asked for
  r.focal = gazetteer.province_named(focal);
  if (r.focal.empty())
    fail_keyed(ErrorCode::InvalidInput, "focal_not_province", {{"region", focal}},
               "focal region '" + focal + "' is not a province (天津, 四川省 …)");
  r.group = accounts::checked_text(group, "group", 60, true);  // UTF-8, no control characters
  if (provinces.empty()) {
    r.provinces = gazetteer.group(group);
    if (r.provinces.empty())
      fail_keyed(ErrorCode::InvalidInput, "group_unknown", {{"group", group}},
                 "group '" + group + "' is not a known group; name its provinces too (--provinces 北京,天津,河北)");
  } else {
    for (const auto& p : provinces) {
      auto full = gazetteer.province_named(p);
      if (full.empty())
        fail_keyed(ErrorCode::InvalidInput, "province_unknown", {{"province", p}}, "province '" + p + "' of the group is not a province");
      if (std::find(r.provinces.begin(), r.provinces.end(), full) == r.provinces.end()) r.provinces.push_back(full);
    }
  }
  if (std::find(r.provinces.begin(), r.provinces.end(), r.focal) == r.provinces.end())
    fail_keyed(ErrorCode::InvalidInput, "focal_not_in_group", {{"province", r.focal}, {"group", r.group}},
               "the focal province " + r.focal + " is not in group " + r.group);
  // The stored text as it is (even unreadable: setting the region again is how it is repaired).
  auto before = store_->get(kRegionKey).value_or(region_text(RegionSettings{}));
  store_->put(kRegionKey, region_text(r), {"settings.region", "setting", kRegionKey, before, region_text(r), region_text(r)});
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
