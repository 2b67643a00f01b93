// The home region is configuration: 天津 in 京津冀 until an account manager names another, and
// the chain atlas and the overview then compare against that region instead.
#include "modules/settings/region_settings.h"

#include <gtest/gtest.h>

#include "modules/chain/chain_service.h"
#include "report/atlas_xlsx.h"
#include "modules/registry.h"
#include "modules/services.h"
#include "store/audit_trail.h"
#include "support/test_support.h"

namespace xinzhi::settings {

using testing::expect_error;

namespace {
accounts::Principal console() { return accounts::Principal::console("test"); }
}  // namespace

TEST(RegionSettings, DefaultIsTianjinInJingJinJi) {
  testing::ScratchDir dir;
  store::Database db(dir.database("x.db"));
  modules::migrate(db);
  auto r = RegionSettingsService(db).region();
  EXPECT_EQ(r.focal, "天津市");
  EXPECT_EQ(r.group, "京津冀");
  EXPECT_EQ(r.provinces, (std::vector<std::string>{"北京市", "天津市", "河北省"}));
  EXPECT_EQ(r.partners(), (std::vector<std::string>{"北京市", "河北省"}));
}

TEST(RegionSettings, AnotherCityIsStoredAuditedAndChecked) {
  testing::ScratchDir dir;
  store::Database db(dir.database("x.db"));
  modules::migrate(db);
  RegionSettingsService s(db);
  auto r = s.set_region("四川", "成渝", {}, console());  // a known group, short province name
  EXPECT_EQ(r.focal, "四川省");
  EXPECT_EQ(r.provinces, (std::vector<std::string>{"四川省", "重庆市"}));
  EXPECT_EQ(RegionSettingsService(db).region().provinces, r.provinces);  // read back from the database
  auto custom = s.set_region("陕西", "关中平原", {"陕西", "甘肃", "陕西省"}, console());
  EXPECT_EQ(custom.provinces, (std::vector<std::string>{"陕西省", "甘肃省"}));  // duplicates folded
  store::AuditFilter f;
  f.action = "settings.region";
  EXPECT_EQ(store::list_audit(db, f).size(), 2u);

  expect_error(ErrorCode::InvalidInput, [&] { s.set_region("火星", "京津冀", {}, console()); }, "not a province");
  expect_error(ErrorCode::InvalidInput, [&] { s.set_region("上海", "京津冀", {}, console()); }, "not in group 京津冀");
  expect_error(ErrorCode::InvalidInput, [&] { s.set_region("天津", "环渤海", {}, console()); }, "not a known group");
  expect_error(ErrorCode::InvalidInput, [&] { s.set_region("天津", "环渤海", {"天津", "火星"}, console()); },
               "province '火星'");
  accounts::Principal viewer;
  viewer.role = accounts::Role::Viewer;
  expect_error(ErrorCode::Forbidden, [&] { s.set_region("天津", "京津冀", {}, viewer); }, "may not");
  EXPECT_EQ(RegionSettingsService(db).region().focal, "陕西省");  // refused changes changed nothing
}

TEST(RegionSettings, TheAtlasAndOverviewCompareAgainstTheConfiguredRegion) {
  testing::ScratchDir dir;
  store::Database db(dir.database("x.db"));
  modules::seed_sample_region(db);
  {
    modules::Services before(db);
    auto a = before.chains().atlas({"信创（示例）", "", 0.2, 10, 20});
    EXPECT_EQ(a.region.label, "天津市");
    EXPECT_EQ(a.region.partners, (std::vector<std::string>{"北京市", "河北省"}));
    ASSERT_EQ(a.segments.front().group_counts.size(), 3u);
  }
  // The same database serving Hebei in its group: Hebei is local, Beijing and Tianjin partners.
  RegionSettingsService(db).set_region("河北", "京津冀", {}, console());
  modules::Services hebei(db);
  auto a = hebei.chains().atlas({"信创（示例）", "", 0.2, 10, 20});
  EXPECT_EQ(a.region.label, "河北省");
  EXPECT_EQ(a.region.partners, (std::vector<std::string>{"北京市", "天津市"}));
  EXPECT_EQ(a.home.focal, "河北省");
  for (const auto& s : a.segments) {
    int64_t focal = s.group_counts[2], partners = s.group_counts[0] + s.group_counts[1];
    if (focal == 0) {
      EXPECT_EQ(s.complementarity, partners ? "partners_fill" : "all_missing") << s.name;
    } else {
      EXPECT_TRUE(s.complementarity == "focal_leads" || s.complementarity == "focal_present") << s.name;
    }
  }
  auto o = kg::to_json(hebei.graph().overview(hebei.home()), hebei.home());
  EXPECT_EQ(o["home"]["focal"], "河北省");
  int64_t by_district = 0;
  for (const auto& d : o["focal_by_district"]) by_district += d["count"].get<int64_t>();
  EXPECT_EQ(by_district, o["group_companies"]["河北省"].get<int64_t>());  // every Hebei company, by district
  // A group name Excel refuses as a sheet name (a slash, over 31 characters) once crashed the
  // atlas workbook; the group now heads a column of a sheet with a fixed name.
  RegionSettingsService(db).set_region("河北", "京津冀/雄安 Jing-Jin-Ji and Xiong'an new area", {"北京", "天津", "河北"},
                                       console());
  modules::Services slashed(db);
  EXPECT_GT(report::atlas_xlsx_bytes(slashed.chains().atlas({"信创（示例）", "", 0.2, 10, 20})).size(), 1000u);
  expect_error(ErrorCode::InvalidInput, [&] { RegionSettingsService(db).set_region("河北", "京津冀\n", {}, console()); },
               "control character");
  // A group of two: the atlas has two group columns, in the configured order.
  RegionSettingsService(db).set_region("重庆", "成渝", {}, console());
  modules::Services chengyu(db);
  auto c = chengyu.chains().atlas({"信创（示例）", "", 0.2, 10, 20});
  EXPECT_EQ(c.region.label, "重庆市");
  EXPECT_EQ(c.segments.front().group_counts.size(), 2u);
  EXPECT_EQ(c.local_firms, 0u);  // the sample region has no firm in 重庆
}

}  // namespace xinzhi::settings
