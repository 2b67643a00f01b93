// settings::RegionSettings: the home region a deployment serves — its focal province and the
// partner group it works with (天津 in 京津冀 by default) — kept in the database, so another
// city runs Xinzhi unchanged. Every page and report that compares "us" with our partners
// (the chain atlas's group columns, the overview's group counts) reads it from here.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "base/json_writer.h"
#include "modules/accounts/principal.h"
#include "store/database.h"
#include "store/migrations.h"

namespace xinzhi::settings {

struct RegionSettings {
  std::string focal = "天津市";                                   // a province's full name
  std::string group = "京津冀";                                   // the partner group's name
  std::vector<std::string> provinces = {"北京市", "天津市", "河北省"};  // the group, focal among them
  // The group without the focal province: the partners that come first when filling gaps.
  std::vector<std::string> partners() const;
};

class SettingsStore;

class RegionSettingsService {
 public:
  explicit RegionSettingsService(store::Database& db);
  ~RegionSettingsService();
  // The stored settings, or the defaults (天津市 in 京津冀) when none are stored.
  RegionSettings region();
  // focal: a province (天津, 四川省); group: a known group (京津冀, 成渝 …) or a name for
  // `provinces` (short or full names); the focal province must be one of the group's.
  // Needs accounts.manage; audited as settings.region.
  RegionSettings set_region(const std::string& focal, const std::string& group, const std::vector<std::string>& provinces,
                            const accounts::Principal& by);

 private:
  std::unique_ptr<SettingsStore> store_;
};

std::vector<store::Migration> migrations();
void write_json(JsonWriter& w, const RegionSettings& r);

}  // namespace xinzhi::settings
