#include "modules/search/site_search.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/json_writer.h"
#include "modules/accounts/demo_accounts.h"
#include "modules/foresight/patent_store.h"
#include "modules/registry.h"
#include "modules/scenario/sample_scenarios.h"
#include "modules/services.h"
#include "support/test_support.h"

namespace xinzhi::search {
namespace {

using testing::ScratchDir;

// The sample region (two chains over 28 firms, 17 segments), the demo scenarios and three
// patents: what `make demo` shows, small enough to check each answer by reading the lists.
struct Fixture {
  ScratchDir dir;
  store::Database db{dir.database("x.db")};
  std::unique_ptr<modules::Services> services;
  std::unique_ptr<scenario::ScenarioPartners> scenarios;
  Fixture() {
    modules::migrate(db);
    modules::seed_sample_region(db);
    accounts::seed_demo_accounts(db, {1, 8192});  // cheap hashes: no one signs in here
    scenario::seed_sample_scenarios(db);
    services = std::make_unique<modules::Services>(db);
    std::vector<foresight::StoredPatent> patents = {
        {{"CN114000001A", "2022-03-01", "一种锂电池正极材料的制备方法", {"天津滨海示例锂电科技有限公司"}, {}}, "天津市", "天津市"},
        {{"CN114000002A", "2021-05-01", "虚拟现实头戴显示装置", {"北京示例光学有限公司"}, {}}, "北京市", "北京市"},
        {{"US2022000003A1", "2022-01-01", "Lithium 100% recycling", {"Example Corp"}, {}}, "", ""},
        {{"CN114000004A", "2022-02-01", "光刻胶组合物", {"中芯国际集成电路制造（北京）有限公司"}, {}}, "北京市", "北京市"},
        {{"FR2022000005A1", "2022-01-05", "Procédé de recyclage", {"SOCIÉTÉ EXEMPLE"}, {}}, "", ""},
    };
    services->patents().add(patents, "test:patents.csv");
    scenarios = std::make_unique<scenario::ScenarioPartners>(db);
  }
  SearchResult find(std::string_view term, accounts::Role role = accounts::Role::Analyst) {
    accounts::Principal who;
    who.role = role;
    who.account_id = 1;
    SiteSearch site({&services->chains(), &services->graph_reader(), &services->patents(), scenarios.get()});
    return site.run(term, who);
  }
};

std::vector<std::string> firm_names(const SearchResult& r) {
  std::vector<std::string> out;
  for (const auto& f : r.firms) out.push_back(f.firm);
  return out;
}

TEST(SiteSearch, FindsFirmsAndSegmentsByAnyPartOfTheirNameShortestFirst) {
  Fixture f;
  auto r = f.find("锂");
  // Three sample firms carry 锂 (江西示例锂业, 唐山示例锂矿资源, 天津滨海示例锂电科技), all in the
  // 新能源汽车 chain; none starts with it, so the shortest name comes first.
  EXPECT_EQ(firm_names(r), (std::vector<std::string>{"江西示例锂业有限公司", "唐山示例锂矿资源有限公司", "天津滨海示例锂电科技有限公司"}));
  for (const auto& firm : r.firms) EXPECT_EQ(firm.chain, "新能源汽车（示例）");
  EXPECT_EQ(r.firms[0].segment, "锂矿资源");  // its first segment: the page opens it there
  // They are in a chain, so the knowledge graph's copies are not listed again.
  EXPECT_TRUE(r.companies.empty());
  ASSERT_EQ(r.segments.size(), 1u);
  EXPECT_EQ(r.segments[0].segment, "锂矿资源");
  EXPECT_EQ(r.segments[0].firms, 2);  // 唐山示例锂矿资源 and 江西示例锂业
  // The segment starts with the term (prefix), the firms only contain it: segments first.
  EXPECT_EQ(r.order, (std::vector<std::string>{"segment", "firm", "patent"}));
  ASSERT_EQ(r.patents.size(), 1u);  // by title (一种锂电池…); "Lithium" does not contain 锂
  EXPECT_EQ(r.patents[0].number, "CN114000001A");
}

TEST(SiteSearch, AnExactNameComesBeforeLongerOnes) {
  Fixture f;
  auto r = f.find("数据库");
  ASSERT_FALSE(r.segments.empty());
  EXPECT_EQ(r.segments[0].segment, "数据库");
  EXPECT_EQ(r.segments[0].chain, "信创（示例）");
  EXPECT_EQ(firm_names(r), (std::vector<std::string>{"示例数据库有限公司", "北京昌平示例数据库有限公司"}));
  EXPECT_EQ(r.order.front(), "segment");

  auto chain = f.find("信创");
  ASSERT_EQ(chain.chains.size(), 1u);
  EXPECT_EQ(chain.chains[0].name, "信创（示例）");
  EXPECT_EQ(chain.segments[0].segment, "信创");  // exact: the segment list leads
  EXPECT_EQ(chain.order.front(), "segment");
}

// A segment's firms as the atlas counts them: its sub-segments' and merged aliases' included.
TEST(SiteSearch, ASegmentCountsItsSubSegmentsAndMergedAliases) {
  Fixture f;
  auto root = f.find("信创");
  ASSERT_FALSE(root.segments.empty());
  const auto atlas_count = f.services->chains().segment_firms("信创（示例）", "信创", "").size();
  EXPECT_EQ(root.segments[0].firms, static_cast<int64_t>(atlas_count));
  const auto before = f.find("数据库").segments[0].firms;
  EXPECT_EQ(before, 2);
  f.services->chains().merge("信创（示例）", "操作系统", "数据库");
  const auto merged = f.services->chains().segment_firms("信创（示例）", "数据库", "").size();
  EXPECT_EQ(merged, 4u);  // 操作系统's two firms joined 数据库's two
  EXPECT_EQ(f.find("数据库").segments[0].firms, 4);
}

// Case folds ASCII letters only, on SQLite and on PostgreSQL alike (there lower() would fold É
// too, unless told the "C" collation): the same search finds the same rows on both engines.
TEST(SiteSearch, OnlyAsciiLettersFoldOnEveryEngine) {
  Fixture f;
  EXPECT_EQ(f.find("SOCIÉTÉ EXEMPLE").patents.size(), 1u);
  EXPECT_EQ(f.find("sociÉtÉ exemple").patents.size(), 1u);
  EXPECT_EQ(f.find("société exemple").patents.size(), 0u);  // é is not É: not folded anywhere
  EXPECT_EQ(f.find("procédé").patents.size(), 1u);  // as written in the title
}

TEST(SiteSearch, PatentNumbersMatchFromTheStartInAnyCase) {
  Fixture f;
  auto r = f.find("cn114000002");
  ASSERT_EQ(r.patents.size(), 1u);
  EXPECT_EQ(r.patents[0].number, "CN114000002A");
  EXPECT_EQ(r.patents[0].title, "虚拟现实头戴显示装置");
  // An applicant's name finds its patents too.
  EXPECT_EQ(f.find("Example Corp").patents.size(), 1u);
  // Full-width letters and spaces fold like names do.
  EXPECT_EQ(f.find("ＣＮ 114000002").patents.size(), 1u);
}

// An input method types （）; imported names hold （） or (): both find both.
TEST(SiteSearch, FullWidthAndAsciiParenthesesMatchEachOther) {
  Fixture f;
  for (const char* term : {"制造（北京）", "制造(北京)", "制造（北京)"}) {
    auto r = f.find(term);
    ASSERT_EQ(r.patents.size(), 1u) << term;
    EXPECT_EQ(r.patents[0].number, "CN114000004A");
  }
}

TEST(SiteSearch, WildcardsInTheTermAreLiteral) {
  Fixture f;
  // Unescaped, '%' and '_' would match every name; here only the patent whose title has "100%".
  auto percent = f.find("%");
  EXPECT_TRUE(percent.firms.empty());
  EXPECT_TRUE(percent.segments.empty());
  ASSERT_EQ(percent.patents.size(), 1u);
  EXPECT_EQ(percent.patents[0].number, "US2022000003A1");
  auto underscore = f.find("_");
  EXPECT_TRUE(underscore.firms.empty() && underscore.segments.empty() && underscore.patents.empty() && underscore.order.empty());
  EXPECT_TRUE(f.find("\\").order.empty());
}

TEST(SiteSearch, ScenariosAreFoundByTitleOwnerOrField) {
  Fixture f;
  auto r = f.find("港口");
  ASSERT_FALSE(r.scenarios.empty());
  EXPECT_EQ(r.scenarios[0].title, "港口集装箱无人集卡协同调度（示例）");
  EXPECT_NE(r.scenarios[0].id, 0);
}

TEST(SiteSearch, ARoleWithoutAnalyticsFindsScenariosOnlyAndIsToldWhatWasLeftOut) {
  Fixture f;
  auto r = f.find("示例", accounts::Role::Enterprise);
  EXPECT_TRUE(r.firms.empty() && r.companies.empty() && r.segments.empty() && r.chains.empty() && r.patents.empty());
  EXPECT_FALSE(r.scenarios.empty());
  EXPECT_EQ(r.not_permitted, (std::vector<std::string>{"firm", "segment", "chain", "patent"}));
  EXPECT_EQ(r.order, (std::vector<std::string>{"scenario"}));
  // With analytics.read every kind is searched and none is left out.
  EXPECT_TRUE(f.find("示例", accounts::Role::Viewer).not_permitted.empty());
}

TEST(SiteSearch, EachKindIsCappedAndTheJsonCarriesEveryList) {
  Fixture f;
  auto r = f.find("示例");
  EXPECT_EQ(r.firms.size() + r.companies.size(), 6u);  // 28 sample firms carry 示例
  JsonWriter w;
  write_json(w, r);
  auto j = nlohmann::json::parse(w.str());
  EXPECT_EQ(j["term"], "示例");
  EXPECT_EQ(j["firms"].size(), r.firms.size());
  for (const char* key : {"order", "not_permitted", "firms", "companies", "segments", "chains", "patents", "scenarios"})
    EXPECT_TRUE(j[key].is_array()) << key;
}

TEST(SiteSearch, RefusesAnEmptyATooLongOrABrokenTermWithKeys) {
  Fixture f;
  auto key_of = [&](std::string_view term) {
    try {
      f.find(term);
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::InvalidInput);
      return e.key();
    }
    return std::string("accepted");
  };
  EXPECT_EQ(key_of("   "), "search_term_empty");
  EXPECT_EQ(key_of(std::string(65, 'a')), "search_term_too_long");
  EXPECT_EQ(key_of(std::string(64, 'a')), "accepted");
  EXPECT_EQ(key_of("\xff\xfe"), "search_term_invalid");
}

}  // namespace
}  // namespace xinzhi::search
