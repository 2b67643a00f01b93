#include "ingest/company_origin.h"

#include <gtest/gtest.h>

#include "ingest/ickg.h"
#include "support/test_support.h"

namespace xinzhi::ingest {

// Names from ICKG25's companies without a region, read by hand.
TEST(ForeignOrigin, CountryPrefixesBracketsLegalFormsAndKnownFirms) {
  auto country = [](const char* name) {
    auto o = foreign_origin(name);
    return o ? o->country : std::string("-");
  };
  EXPECT_EQ(country("美国铝业"), "美国");
  EXPECT_EQ(country("日本制铁株式会社"), "日本");
  EXPECT_EQ(country("德国博世"), "德国");
  EXPECT_EQ(country("印尼运营商"), "印度尼西亚");  // generic too: the resolver asks GenericActorRule first
  EXPECT_EQ(country("香港电讯"), "中国香港");
  EXPECT_EQ(country("台湾积体电路制造股份有限公司"), "中国台湾");
  EXPECT_EQ(country("百度(美国)有限责任公司"), "美国");
  EXPECT_EQ(country("万达酒店管理（香港）有限公司"), "中国香港");
  EXPECT_EQ(country("本田技研工业株式会社"), "日本");
  EXPECT_EQ(country("Venture Global Inc."), "");
  EXPECT_EQ(foreign_origin("Venture Global Inc.")->rule, "legal_form");
  EXPECT_EQ(country("ZwickRoell GmbH"), "");
  EXPECT_EQ(country("福特汽车"), "美国");
  EXPECT_EQ(country("贝莱德"), "美国");
  EXPECT_EQ(country("英伟达"), "美国");
  EXPECT_EQ(country("ＡＰＰＬＥ"), "美国");  // folded like every name key
  EXPECT_EQ(country("诺和诺德"), "丹麦");
  EXPECT_EQ(country("台积电"), "中国台湾");
  EXPECT_EQ(foreign_origin("特斯拉")->rule, "known_foreign_firm");
  // Chinese firms and brands stay where they are: no country, no foreign legal form.
  for (auto name : {"华为", "京东", "宇树科技", "DeepSeek", "MiniMax", "vivo", "OPPO", "TCL", "Momenta", "中芯国际",
                    "小米汽车", "万宝矿产缅甸铜业有限公司", "统一企业中国", "AG新材料", "美的", "大疆"})
    EXPECT_FALSE(foreign_origin(name)) << name;
}

GenericActorRule hand_rule() {
  return GenericActorRule({"餐饮", "外卖", "新能源", "新能源汽车", "电池", "芯片", "零部件", "手机", "汽车制造", "人工智能",
                           "保险", "通信", "光伏", "储能", "机器人", "人形机器人", "汽车行业", "电信"});
}

TEST(GenericActors, ClassesOfActorsAreToldApartFromNamedFirms) {
  auto rule = hand_rule();
  for (auto name : {"餐饮外卖平台", "本地外卖平台", "电池厂商", "下游电池厂商", "上游的零部件厂商", "国产芯片厂商",
                    "某新能源车企", "车企", "新能源汽车企业", "18家企业", "企业", "通信运营商", "三家电信运营商",
                    "日本运营商", "某汽车制造公司", "36家保险公司", "头部保险公司", "中小银行", "股份制银行",
                    "人形机器人企业", "光伏企业", "储能企业", "海外品牌", "属地政府", "代理商", "经销商"})
    EXPECT_TRUE(rule.is_generic(name)) << name;
  // One firm each: a registered form, a brand before the class noun, or 公司/银行/集团 without a
  // plural or indefinite marker (英国石油公司 is BP; 交通银行 a bank).
  for (auto name : {"天池平台", "途家民宿平台", "约苗平台", "Steam平台", "英国石油公司", "美国钢铁公司", "交通银行",
                    "民生银行", "航天科技集团", "无限启航海河创业投资合伙企业", "电池有限公司", "华为",
                    "逸仙电商", "统一企业中国", "陈奏的企业", "俄罗斯最大电子签署服务商"})
    EXPECT_FALSE(rule.is_generic(name)) << name;
}

TEST(GenericActors, OnIckg25WithItsOwnIndustryVocabulary) {
  XINZHI_REQUIRE_DATA(testing::ickg25());
  auto data = read_ickg(testing::ickg25());
  auto kinds = infer_ickg_kinds(data);
  std::vector<std::string> industries;
  for (size_t i = 0; i < data.entities.size(); ++i)
    if (kinds[i] == EntityKind::Industry) industries.push_back(data.entities[i].name);
  GenericActorRule rule(industries);
  for (auto name : {"餐饮外卖平台", "手机厂商", "新能源汽车厂商", "充电运营商", "风电企业", "无人机企业", "某人工智能公司"})
    EXPECT_TRUE(rule.is_generic(name)) << name;
  for (auto name : {"天池平台", "约苗平台", "英国钢铁公司", "交运集团", "新闻集团", "农业银行", "美国银行"})
    EXPECT_FALSE(rule.is_generic(name)) << name;
}

}  // namespace xinzhi::ingest
