// Stored input–output tables and chain segments read as their sectors (产业关联 on the atlas).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "modules/registry.h"
#include "modules/services.h"
#include "support/test_support.h"

namespace xinzhi::linkage {
namespace {

using testing::ScratchDir;

std::string io_fixture(const std::string& name) { return std::string(XINZHI_SOURCE_DIR) + "/tests/cli/fixtures/io/" + name; }

struct Fixture {
  ScratchDir dir;
  store::Database db{dir.database("x.db")};
  std::unique_ptr<modules::Services> services;
  Fixture() {
    modules::migrate(db);
    modules::seed_sample_region(db);
    services = std::make_unique<modules::Services>(db);
  }
  LinkageService& linkage() { return services->linkage(); }
  const ChainLinkages::Row& row(const ChainLinkages& c, const std::string& segment) {
    for (const auto& r : c.rows)
      if (r.segment == segment) return r;
    throw std::runtime_error("no segment " + segment);
  }
  std::string key_of(const std::function<void()>& f) {
    try {
      f();
    } catch (const Error& e) {
      return e.key();
    }
    return "accepted";
  }
};

// Miller & Blair (2009), §2.3: A = [[.15, .25], [.20, .05]], so L = (I − A)⁻¹ =
// [[.95, .25], [.20, .85]] / .7575 and the output multipliers are 1.15 / .7575 = 1.518152
// (Agriculture) and 1.10 / .7575 = 1.452145 (Manufacturing), as the book prints (1.518, 1.452).
TEST(ChainLinkages, EachMappedSegmentShowsItsSectorsMultiplierAndRank) {
  Fixture f;
  auto t = f.linkage().import_table(io_fixture("miller_blair.csv"), "MB");
  EXPECT_EQ(t.sectors, 2);
  EXPECT_FALSE(t.sample);
  f.linkage().map_segment("新能源汽车（示例）", "整车制造", "MB", "Manufacturing");
  f.linkage().map_segment("新能源汽车（示例）", "锂矿资源", "MB", "Agriculture");
  auto c = f.linkage().chain_linkages("新能源汽车（示例）", "MB");
  EXPECT_EQ(c.rows.size(), 10u);  // the sample chain's ten segments
  const auto& car = f.row(c, "整车制造");
  ASSERT_EQ(car.sector, 1);
  EXPECT_NEAR(c.sectors[1].output_multiplier, 1.10 / 0.7575, 1e-12);
  EXPECT_EQ(car.multiplier_rank, 2);
  const auto& lithium = f.row(c, "锂矿资源");
  EXPECT_NEAR(c.sectors[static_cast<size_t>(lithium.sector)].output_multiplier, 1.15 / 0.7575, 1e-12);
  EXPECT_EQ(lithium.multiplier_rank, 1);
  // Not mapped is missing (null), never a zero multiplier.
  auto j = to_json(c);
  EXPECT_EQ(j["mapped"], 2);
  EXPECT_EQ(j["unmapped"], 8);
  for (const auto& r : j["segments"])
    if (r["segment"] == "充电设施") {
      EXPECT_TRUE(r["sector"].is_null() && !r.contains("output_multiplier"));
    }
  // Re-mapping replaces; an empty sector clears.
  f.linkage().map_segment("新能源汽车（示例）", "整车制造", "MB", "Agriculture");
  EXPECT_EQ(f.row(f.linkage().chain_linkages("新能源汽车（示例）", "MB"), "整车制造").sector, 0);
  f.linkage().map_segment("新能源汽车（示例）", "整车制造", "MB", "");
  EXPECT_EQ(f.row(f.linkage().chain_linkages("新能源汽车（示例）", "MB"), "整车制造").sector, -1);
}

TEST(ChainLinkages, TheSampleMappingReadsTheUkTableAsTheOnsPublishesIt) {
  auto path = testing::shared_data() + "/io/uk-2010-iot-domestic.csv";
  XINZHI_REQUIRE_DATA(path);
  Fixture f;
  f.linkage().import_table(path, "UK 2010", true);
  EXPECT_EQ(f.linkage().map_sample_chains("UK 2010"), 17u);  // every segment of both sample chains
  auto c = f.linkage().chain_linkages("新能源汽车（示例）", "");  // the sample is the only table: the default
  EXPECT_TRUE(c.table.sample);
  // The stored multiplier is the one computed from the file (itself checked against the ONS
  // published multipliers in linkage_service_test.cpp), to the last bit.
  auto direct = sector_linkages_of(path);
  const auto& lithium = f.row(c, "锂矿资源");
  ASSERT_GE(lithium.sector, 0);
  EXPECT_EQ(c.sectors[static_cast<size_t>(lithium.sector)].name, "Crude petroleum and natural gas & Metal ores");
  const auto& stored = c.sectors[static_cast<size_t>(lithium.sector)];
  EXPECT_EQ(stored.output_multiplier, direct.sectors[static_cast<size_t>(lithium.sector)].output_multiplier);
  EXPECT_EQ(stored.forward_linkage, direct.sectors[static_cast<size_t>(lithium.sector)].forward_linkage);
  EXPECT_NEAR(stored.output_multiplier, 1.4155, 0.00005);  // the ONS's printed value
  // Segments read as one sector share its numbers and its rank.
  EXPECT_EQ(f.row(c, "动力电池").multiplier_rank, f.row(c, "驱动电机").multiplier_rank);
  EXPECT_EQ(f.row(f.linkage().chain_linkages("信创（示例）", ""), "数据库").sector,
            f.row(f.linkage().chain_linkages("信创（示例）", ""), "操作系统").sector);
}

TEST(ChainLinkages, NamesAreCheckedWithKeysAndAFailedImportWritesNothing) {
  Fixture f;
  f.linkage().import_table(io_fixture("miller_blair.csv"), "MB");
  EXPECT_EQ(f.key_of([&] { f.linkage().import_table(io_fixture("miller_blair.csv"), "MB"); }), "io_table_exists");
  EXPECT_EQ(f.key_of([&] { f.linkage().import_table(fixture("not_productive.csv"), "bad"); }), "io_not_productive");
  EXPECT_EQ(f.linkage().tables().size(), 1u);  // neither added a table
  EXPECT_EQ(f.key_of([&] { f.linkage().chain_linkages("无此链", "MB"); }), "chain_not_found");
  EXPECT_EQ(f.key_of([&] { f.linkage().chain_linkages("信创（示例）", "无此表"); }), "io_table_not_found");
  EXPECT_EQ(f.key_of([&] { f.linkage().map_segment("信创（示例）", "无此环节", "MB", "Agriculture"); }), "chain_no_segment");
  EXPECT_EQ(f.key_of([&] { f.linkage().map_segment("信创（示例）", "数据库", "MB", "Fishing"); }), "io_sector_not_found");
}

TEST(ChainLinkages, WithoutATableEverySegmentIsUnmappedAndMappingIsRefused) {
  Fixture f;
  auto c = f.linkage().chain_linkages("信创（示例）", "");
  EXPECT_EQ(c.table.id, 0);
  EXPECT_EQ(c.rows.size(), 7u);
  auto j = to_json(c);
  EXPECT_TRUE(j["table"].is_null());
  EXPECT_EQ(j["empty_reason"], "no_tables");
  EXPECT_EQ(j["unmapped"], 7);
  EXPECT_EQ(f.key_of([&] { f.linkage().map_segment("信创（示例）", "数据库", "", "x"); }), "io_no_tables");
  EXPECT_EQ(f.key_of([&] { f.linkage().chain_linkages("信创（示例）", "MB"); }), "io_table_not_found");
}

}  // namespace
}  // namespace xinzhi::linkage
