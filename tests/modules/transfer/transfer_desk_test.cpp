// The technology-transfer desk: the bilingual terms, the real NASA listings matched to Chinese
// demands and to a published scenario, a case through its checklist, who sees what, bad input.
#include "modules/transfer/transfer_desk.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <functional>

#include "base/error.h"
#include "modules/accounts/demo_accounts.h"
#include "modules/accounts/directory.h"
#include "modules/registry.h"
#include "modules/scenario/sample_scenarios.h"
#include "modules/scenario/scenario_partners.h"
#include "modules/services.h"
#include "modules/transfer/bilingual_terms.h"
#include "modules/transfer/sample_transfer.h"
#include "modules/transfer/transfer_store.h"
#include "support/principals.h"
#include "support/test_support.h"

namespace xinzhi::transfer {
namespace {

using testing::ScratchDir;

const accounts::Principal kAnalyst = testing::person(accounts::Role::Analyst, "天津市科学技术局（示例）");

using testing::person;

template <class Fn>
std::string key_of(Fn fn) {
  return testing::error_key(fn);
}

TEST(BilingualTerms, BothLanguagesMeetOnOneConcept) {
  const auto& t = BilingualTerms::builtin();
  EXPECT_GT(t.concepts(), 250u);
  // Stems make "nanotubes" and "nanotube" one word; the phrase wins over its parts and brings
  // the concepts of its words (carbon) along.
  auto en = t.terms("Carbon Nanotubes Composites");
  auto zh = t.terms("碳纳米管复合材料");
  ASSERT_EQ(en.size(), 3u);
  EXPECT_EQ(en, zh);
  EXPECT_EQ(t.label(en[0]).en, "carbon nanotube");
  EXPECT_EQ(t.label(en[0]).zh, "碳纳米管");
  EXPECT_EQ(t.label(en[1]).zh, "碳");
  EXPECT_EQ(t.label(en[2]).zh, "复合材料");
  // So a broad term meets a narrow one: 电池 is a part of lithium-ion battery.
  auto narrow = t.terms("lithium-ion battery");
  EXPECT_NE(std::find(narrow.begin(), narrow.end(), t.terms("电池").at(0)), narrow.end());
  // A hyphenated English phrase, full-width letters, and Chinese inside English.
  EXPECT_EQ(t.terms("lithium-ion battery"), t.terms("锂离子电池"));
  EXPECT_EQ(t.terms("ＬＩＤＡＲ"), t.terms("激光雷达"));
  // Words no concept names stay words of their language; stop words and single characters go.
  auto mixed = t.terms("a robotic glove for the 宇航员");
  ASSERT_EQ(mixed.size(), 3u);
  EXPECT_EQ(mixed[2], "zh:宇航员");
  EXPECT_EQ(t.terms("the of and 的"), std::vector<std::string>{});
  // 低碳 is a word of its own: it is not 碳 (carbon).
  EXPECT_EQ(t.terms("低碳"), std::vector<std::string>{"zh:低碳"});
  EXPECT_EQ(key_of([] { BilingualTerms bad("battery\n"); }), "");
}

struct Fixture {
  ScratchDir dir;
  store::Database db{dir.database("x.db")};
  std::unique_ptr<modules::Services> services;
  Fixture() {
    modules::migrate(db);
    services = std::make_unique<modules::Services>(db);
    desk().set_today("2026-12-02");
  }
  TransferDesk& desk() { return services->transfer(); }
  void import_nasa() {
    desk().import_listings(testing::shared_data() + "/matching/nasa-patents.csv", ingest::ListingFormat::Nasa, kAnalyst);
  }
  int64_t demand(const std::string& org, const std::string& title, const std::string& text) {
    Demand d;
    d.org = org;
    d.title = title;
    d.text = text;
    return desk().add_demand(d, kAnalyst);
  }
};

TEST(TransferDesk, ImportIsWholeAndASecondImportChangesNothing) {
  XINZHI_REQUIRE_DATA(testing::shared_data() + "/matching/nasa-patents.csv");
  Fixture f;
  auto first = f.desk().import_listings(testing::shared_data() + "/matching/nasa-patents.csv", ingest::ListingFormat::Nasa, kAnalyst);
  EXPECT_EQ(first.added, 1393);
  auto again = f.desk().import_listings(testing::shared_data() + "/matching/nasa-patents.csv", ingest::ListingFormat::Nasa, kAnalyst);
  EXPECT_EQ(again.added, 0);
  EXPECT_EQ(again.updated, 1393);
  EXPECT_EQ(f.desk().listings("", 0, 5).total, 1393u);
  // A bad file writes nothing: a good row before the bad one is not kept.
  auto bad = f.dir.write("bad.csv", "ref,title\nNEW-1,Fine\nNEW-2,\n");
  EXPECT_EQ(key_of([&] { f.desk().import_listings(bad, ingest::ListingFormat::Xinzhi, kAnalyst); }), "listing_field_invalid");
  EXPECT_EQ(f.desk().listings("", 0, 5).total, 1393u);
  // Firms may read listings but not import them.
  EXPECT_EQ(key_of([&] {
              f.desk().import_listings(bad, ingest::ListingFormat::Xinzhi, person(accounts::Role::Enterprise, "某企业"));
            }),
            "role_forbidden");
}

TEST(TransferDesk, AChineseDemandFindsEnglishListingsAndSaysWhy) {
  XINZHI_REQUIRE_DATA(testing::shared_data() + "/matching/nasa-patents.csv");
  Fixture f;
  f.import_nasa();
  auto id = f.demand("天津中环半导体（示例）", "碳纳米管复合材料", "需要碳纳米管增强的复合材料及其制造工艺");
  auto matches = f.desk().matches_for(kTargetDemand, id, 5, kAnalyst);
  ASSERT_EQ(matches.size(), 5u);
  for (size_t i = 1; i < matches.size(); ++i) EXPECT_GE(matches[i - 1].score, matches[i].score);
  // The best answers are carbon-nanotube composites; the shared concepts name both languages.
  bool nanotube = false;
  for (const auto& t : matches[0].terms)
    if (t.en == "carbon nanotube" && t.zh == "碳纳米管") nanotube = true;
  EXPECT_TRUE(nanotube) << matches[0].listing_title;
  EXPECT_GT(matches[0].coverage, 0.5);
  EXPECT_LE(matches[0].coverage, 1.0);
  // Listings whose patent expired before today say so (free to use, no licence to negotiate).
  auto listing = f.desk().listing(matches[0].listing_id);
  EXPECT_EQ(matches[0].expired, !listing.expires.empty() && listing.expires < "2026-12-02");
  // The other way: the listing finds the demand.
  auto targets = f.desk().targets_for(matches[0].listing_id, 5, kAnalyst);
  ASSERT_FALSE(targets.empty());
  EXPECT_EQ(targets[0].target_id, id);
  // A query in either language over the listings.
  auto page = f.desk().listings("激光雷达", 0, 3);
  ASSERT_FALSE(page.listings.empty());
  std::string title = page.listings[0].title;
  for (auto& c : title) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_NE(title.find("lidar"), std::string::npos) << page.listings[0].title;
  EXPECT_EQ(key_of([&] { f.desk().listings("的", 0, 3); }), "query_no_terms");
}

TEST(TransferDesk, APublishedScenarioShowsItsOverseasTechnologies) {
  XINZHI_REQUIRE_DATA(testing::shared_data() + "/matching/nasa-patents.csv");
  Fixture f;
  f.import_nasa();
  accounts::seed_demo_accounts(f.db, {1, 8192});
  ASSERT_TRUE(scenario::seed_sample_scenarios(f.db));
  auto analyst = accounts::AccountDirectory(f.db).principal("analyst");
  int64_t gas = 0;
  for (const auto& s : scenario::ScenarioPartners(f.db).scenarios(0, analyst))
    if (s.title == "城市生命线燃气管网监测（示例）") gas = s.id;
  ASSERT_NE(gas, 0);
  auto matches = f.desk().matches_for(kTargetScenario, gas, 5, analyst);
  ASSERT_FALSE(matches.empty());
  bool leak = false;
  for (const auto& t : matches[0].terms) leak = leak || t.zh == "泄漏";
  EXPECT_TRUE(leak) << matches[0].listing_title;
  // A scenario of a list still in draft is not offered to overseas owners.
  scenario::ScenarioPartners partners(f.db);
  auto draft = partners.add_list("草稿", "", analyst);
  auto s = partners.add_scenario(draft.id, {"燃气泄漏检测", {}, {}, {}, {}, {}, {}, {}, {}}, analyst);
  EXPECT_EQ(key_of([&] { f.desk().matches_for(kTargetScenario, s.id, 5, analyst); }), "scenario_not_published");
}

TEST(TransferDesk, ACaseWorksThroughItsChecklistToASignature) {
  XINZHI_REQUIRE_DATA(testing::shared_data() + "/matching/nasa-patents.csv");
  Fixture f;
  f.import_nasa();
  auto id = f.demand("天津力神电池（示例）", "电池热管理", "锂离子电池热管理与温度传感器");
  auto best = f.desk().matches_for(kTargetDemand, id, 1, kAnalyst).at(0);
  auto c = f.desk().open_case(best.listing_id, kTargetDemand, id, kAnalyst);
  EXPECT_EQ(c.status, "open");
  EXPECT_EQ(c.org, "天津力神电池（示例）");
  ASSERT_EQ(c.checks.size(), 4u);
  EXPECT_EQ(c.checks[0].item, "legal_adaptation");
  EXPECT_EQ(c.checks[3].item, "ip_due_diligence");
  EXPECT_DOUBLE_EQ(c.score, best.score);
  EXPECT_EQ(key_of([&] { f.desk().open_case(best.listing_id, kTargetDemand, id, kAnalyst); }), "case_exists");
  // The match now carries its case.
  EXPECT_EQ(f.desk().matches_for(kTargetDemand, id, 1, kAnalyst).at(0).case_id, c.id);
  EXPECT_EQ(key_of([&] { f.desk().sign(c.id, "", kAnalyst); }), "checklist_incomplete");
  EXPECT_EQ(key_of([&] { f.desk().set_check(c.id, "ip_due_diligence", "not_applicable", "", kAnalyst); }), "ip_check_required");
  EXPECT_EQ(key_of([&] { f.desk().set_check(c.id, "visa", "done", "", kAnalyst); }), "check_item_invalid");
  EXPECT_EQ(key_of([&] { f.desk().set_check(c.id, "legal_adaptation", "maybe", "", kAnalyst); }), "check_state_invalid");
  c = f.desk().set_check(c.id, "legal_adaptation", "done", "技术进口合同登记", kAnalyst);
  EXPECT_EQ(c.status, "docking");
  EXPECT_EQ(c.checks[0].note, "技术进口合同登记");
  f.desk().set_check(c.id, "standards_recognition", "not_applicable", "", kAnalyst);
  f.desk().set_check(c.id, "scenario_docking", "done", "", kAnalyst);
  EXPECT_EQ(key_of([&] { f.desk().sign(c.id, "", kAnalyst); }), "checklist_incomplete");
  f.desk().set_check(c.id, "ip_due_diligence", "done", "权利有效", kAnalyst);
  c = f.desk().sign(c.id, "许可合同已签", kAnalyst);
  EXPECT_EQ(c.status, "signed");
  EXPECT_EQ(key_of([&] { f.desk().decline(c.id, "price", "", kAnalyst); }), "case_closed");
  EXPECT_EQ(key_of([&] { f.desk().set_check(c.id, "legal_adaptation", "todo", "", kAnalyst); }), "case_closed");
  // A second case is declined with a reason; "other" needs words.
  auto second = f.desk().matches_for(kTargetDemand, id, 2, kAnalyst).at(1);
  auto d = f.desk().open_case(second.listing_id, kTargetDemand, id, kAnalyst);
  // The store signs only while no item is open, whatever the desk read before: an item set back
  // to "todo" between the desk's check and the signature stops it.
  EXPECT_EQ(key_of([&] { sql_transfer_store(f.db)->close_case(d.id, "open", "signed", "", "", {"transfer.sign", "", "", "", "", ""}); }),
            "case_changed");
  EXPECT_EQ(key_of([&] { f.desk().decline(d.id, "other", " ", kAnalyst); }), "field_missing");
  EXPECT_EQ(key_of([&] { f.desk().decline(d.id, "bored", "", kAnalyst); }), "decline_reason_invalid");
  d = f.desk().decline(d.id, "trl_too_low", "仅实验室阶段", kAnalyst);
  EXPECT_EQ(d.status, "declined");
  EXPECT_EQ(f.desk().matches_for(kTargetDemand, id, 2, kAnalyst).at(1).decline_reason, "trl_too_low");
  EXPECT_TRUE(store::verify_audit(f.db).ok);
}

TEST(TransferDesk, FirmsSeeTheirOwnDemandsAndCasesOnly) {
  Fixture f;
  auto firm = person(accounts::Role::Enterprise, "天津力神电池（示例）");
  Demand d;
  d.org = "别的企业";  // a firm posts as itself whatever it names
  d.title = "电池";
  d.text = "固态电解质";
  auto own = f.desk().add_demand(d, firm);
  auto other = f.demand("天津中环半导体（示例）", "碳化硅", "碳化硅功率器件");
  auto mine = f.desk().demands(firm);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].id, own);
  EXPECT_EQ(mine[0].org, "天津力神电池（示例）");
  EXPECT_EQ(f.desk().demands(kAnalyst).size(), 2u);
  EXPECT_EQ(key_of([&] { f.desk().matches_for(kTargetDemand, other, 5, firm); }), "demand_not_found");
  EXPECT_EQ(key_of([&] { f.desk().matches_for("patent", other, 5, kAnalyst); }), "target_kind_invalid");
  EXPECT_EQ(key_of([&] { f.desk().open_case(1, kTargetDemand, own, firm); }), "role_forbidden");
  auto viewer = person(accounts::Role::Viewer, "审计署（示例）");
  EXPECT_EQ(key_of([&] { f.desk().demands(viewer); }), "role_forbidden");
  d.text = "的 了";
  d.title = "和";
  EXPECT_EQ(key_of([&] { f.desk().add_demand(d, firm); }), "demand_no_terms");
  d.title = " ";
  EXPECT_EQ(key_of([&] { f.desk().add_demand(d, firm); }), "field_missing");
  // Sample demands go with the sample region, real ones stay.
  EXPECT_EQ(add_sample_demands(f.desk(), kAnalyst), 6);
  EXPECT_EQ(add_sample_demands(f.desk(), kAnalyst), 0);
  EXPECT_EQ(f.desk().remove_sample(), 6);
  EXPECT_EQ(f.desk().demands(kAnalyst).size(), 2u);
}

}  // namespace
}  // namespace xinzhi::transfer
