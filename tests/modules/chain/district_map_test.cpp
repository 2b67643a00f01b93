// The chain on a district map: counts on the sample region's 新能源汽车 chain worked out by hand
// from src/modules/kg/sample_region.cpp (each firm's district inferred from its name).
#include "modules/chain/district_map.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "base/error.h"
#include "modules/chain/chain_service.h"
#include "modules/kg/knowledge_graph.h"
#include "modules/registry.h"
#include "modules/chain/sample_chains.h"
#include "support/test_support.h"

namespace xinzhi::chain {
namespace {

using Fixture = SampleChains;

const std::string kChain = "新能源汽车（示例）";

// district → {firms, segments covered}
std::map<std::string, std::pair<uint32_t, uint32_t>> cells(const DistrictMap& m) {
  std::map<std::string, std::pair<uint32_t, uint32_t>> out;
  for (const auto& d : m.districts) out[d.city + d.district] = {d.firms, d.segments};
  return out;
}

std::string error_key(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.key();
  }
  return "(no error)";
}

TEST(DistrictMap, TheSampleChainPerDistrictOfJingjinji) {
  Fixture f;
  auto m = f.service->district_map({kChain, "", 50});
  EXPECT_EQ(m.region.label, "京津冀");  // the home group by default
  EXPECT_EQ(m.segments, 10u);
  EXPECT_EQ(m.firms, 20u);
  // 天津 7, 北京 3 and 河北 4 firms; 上海, 深圳, 宁德, 合肥 and 江西 outside; 中国示例汽车集团
  // names no place.
  EXPECT_EQ(m.in_region, 14u);
  EXPECT_EQ(m.outside_region, 5u);
  EXPECT_EQ(m.place_unknown, 1u);
  // 唐山示例…, 保定示例…, 石家庄示例…, 沧州示例…: a city and no district.
  EXPECT_EQ(m.district_unknown, 4u);
  std::map<std::string, uint32_t> without;
  for (const auto& w : m.without_district) {
    EXPECT_EQ(w.province, "河北省");
    without[w.city] = w.firms;
  }
  EXPECT_EQ(without, (std::map<std::string, uint32_t>{{"唐山市", 1}, {"保定市", 1}, {"石家庄市", 1}, {"沧州市", 1}}));
  // 滨海新区: 天津滨海示例锂电 (动力电池) and 天津经济技术开发区示例整车 (整车制造; TEDA is in 滨海新区);
  // 西青区: one firm in 车规级芯片 and 智能座舱; the others one firm in one segment.
  EXPECT_EQ(cells(m), (std::map<std::string, std::pair<uint32_t, uint32_t>>{
                          {"天津市滨海新区", {2, 2}}, {"天津市西青区", {1, 2}}, {"天津市武清区", {1, 1}},
                          {"天津市东丽区", {1, 1}}, {"天津市津南区", {1, 1}}, {"天津市宝坻区", {1, 1}},
                          {"北京市海淀区", {1, 1}}, {"北京市朝阳区", {1, 1}}, {"北京市大兴区", {1, 1}}}));
  EXPECT_EQ(m.districts.front().district, "滨海新区");  // most firms first
  // Every segment but the end product 新能源汽车 (no firm) has a firm in the group.
  EXPECT_EQ(m.segments_in_region, 9u);
  for (const auto& d : m.districts)
    if (d.district == "西青区") {
      ASSERT_EQ(d.top_firms.size(), 1u);
      EXPECT_EQ(d.top_firms[0].name, "天津市西青区示例汽车电子有限公司");
      EXPECT_EQ(std::set<std::string>(d.top_firms[0].segments.begin(), d.top_firms[0].segments.end()),
                (std::set<std::string>{"车规级芯片", "智能座舱"}));
    }
  EXPECT_FALSE(m.as_of.empty());
  EXPECT_EQ(m.chain.name, kChain);
}

TEST(DistrictMap, AProvinceOrADistrictNarrowsTheRegion) {
  Fixture f;
  auto tianjin = f.service->district_map({kChain, "天津", 50});
  EXPECT_EQ(tianjin.in_region, 7u);
  EXPECT_EQ(tianjin.outside_region, 12u);
  EXPECT_EQ(tianjin.district_unknown, 0u);
  EXPECT_EQ(tianjin.districts.size(), 6u);
  auto binhai = f.service->district_map({kChain, "天津市滨海新区", 1});
  EXPECT_EQ(binhai.region.district, "滨海新区");
  EXPECT_EQ(binhai.in_region, 2u);
  ASSERT_EQ(binhai.districts.size(), 1u);
  EXPECT_EQ(binhai.districts[0].firms, 2u);
  EXPECT_EQ(binhai.districts[0].top_firms.size(), 1u);  // at most `firms` listed, the count stays
  // A 天津市 firm of unknown district may be in 滨海新区 or not: place unknown, not outside.
  f.service->edit(kChain, {"add_firm", "充电设施", "", "天津示例换电有限公司", "", "", "运营", "", "", "", ""});
  auto after = f.service->district_map({kChain, "天津市滨海新区", 1});
  EXPECT_EQ(after.place_unknown, binhai.place_unknown + 1);
  EXPECT_EQ(after.outside_region, binhai.outside_region);
  EXPECT_EQ(f.service->district_map({kChain, "天津", 1}).district_unknown, 1u);  // in 天津市, district unknown
}

TEST(DistrictMap, AFirmAddedWithAPickedDistrictLandsInIt) {
  Fixture f;
  f.service->edit(kChain, {"add_firm", "充电设施", "", "示例充电运营有限公司", "", "", "运营", "河北省唐山市迁安市", "", "", ""});
  auto m = f.service->district_map({kChain, "", 50});
  EXPECT_EQ(m.in_region, 15u);
  EXPECT_EQ(cells(m)["唐山市迁安市"], (std::pair<uint32_t, uint32_t>{1, 1}));
}

TEST(DistrictMap, UnknownChainRegionAndBadLimitAreKeyedErrors) {
  Fixture f;
  EXPECT_EQ(error_key([&] { f.service->district_map({"没有这条链", "", 50}); }), "chain_not_found");
  EXPECT_EQ(error_key([&] { f.service->district_map({kChain, "火星", 50}); }), "region_unknown");
  EXPECT_EQ(error_key([&] { f.service->district_map({kChain, "朝阳区", 50}); }), "region_unknown");  // two cities have one
  EXPECT_EQ(error_key([&] { f.service->district_map({kChain, "", 501}); }), "param_number");
}

}  // namespace
}  // namespace xinzhi::chain
