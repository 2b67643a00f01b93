#include "modules/search/site_search.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/json_writer.h"
#include "modules/accounts/demo_accounts.h"
#include "modules/accounts/directory.h"
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
    return find(term, who);
  }
  SearchResult find(std::string_view term, const accounts::Principal& who) {
    SiteSearch site({&services->chains(), &services->graph_reader(), &services->patents(), scenarios.get(), db.path()});
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
  EXPECT_EQ(f.find("SOCIÉTÉ").patents.size(), 1u);
  EXPECT_EQ(f.find("sociÉtÉ").patents.size(), 1u);
  EXPECT_EQ(f.find("société").patents.size(), 0u);  // é is not É: not folded anywhere
  EXPECT_EQ(f.find("procédé").patents.size(), 1u);  // as written in the title
  // A word the two share still finds it by its words.
  EXPECT_EQ(f.find("société exemple").patents.size(), 1u);
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
    // 中芯国际集成电路制造（北京） holds the term; 北京示例光学 shares only the word 北京.
    ASSERT_EQ(r.patents.size(), 2u) << term;
    EXPECT_EQ(r.patents[0].number, "CN114000004A");
    EXPECT_EQ(r.patents[1].number, "CN114000002A");
  }
}

std::vector<std::string> patent_numbers(const SearchResult& r) {
  std::vector<std::string> out;
  for (const auto& p : r.patents) out.push_back(p.number);
  return out;
}

// BM25 over jieba's words of title and applicant: the words of a query meet a title in any
// order, the patent holding both comes first, and of two holding one word each (equally rare)
// the shorter document comes first, BM25's length normalisation.
TEST(SiteSearch, PatentsAreFoundByTheirWordsInAnyOrderBestFirst) {
  Fixture f;
  // Before the new patents: only 一种锂电池正极材料的制备方法 holds a word of the query.
  EXPECT_EQ(patent_numbers(f.find("回收 锂电池")), (std::vector<std::string>{"CN114000001A"}));
  f.services->patents().add({{{"CN114000006A", "2022-04-01", "锂电池回收装置", {"天津示例再生资源有限公司"}, {}}, "天津市", "天津市"},
                             {{"CN114000007A", "2022-04-02", "废旧塑料回收方法", {"北京示例环保有限公司"}, {}}, "北京市", "北京市"}},
                            "test:more.csv");
  // The index kept for the database is built again once patents were added.
  auto r = f.find("回收 锂电池");
  EXPECT_EQ(patent_numbers(r), (std::vector<std::string>{"CN114000006A", "CN114000007A", "CN114000001A"}));
  EXPECT_EQ(patent_numbers(f.find("锂电池回收")), patent_numbers(r));  // the words without a space
  // A number that starts with the term comes before any title.
  EXPECT_EQ(patent_numbers(f.find("CN114000007"))[0], "CN114000007A");
  // A fragment no document has as a word (收装, across 回收|装置) is still found by the title
  // holding it.
  EXPECT_EQ(patent_numbers(f.find("收装")), (std::vector<std::string>{"CN114000006A"}));
}

TEST(SiteSearch, ScenariosAreFoundByTheWordsOfTheirNeeds) {
  Fixture f;
  // 码头 and 集卡 are words of the port scenario's needs (在自动化码头实现 50 台以上无人集卡…),
  // apart and in another order: no name holds the term.
  auto r = f.find("码头 集卡");
  ASSERT_EQ(r.scenarios.size(), 1u);
  EXPECT_EQ(r.scenarios[0].title, "港口集装箱无人集卡协同调度（示例）");
}

// A draft list's scenario is found by the words of its needs by those who manage lists, and by
// no one else: the index is built over what the caller may see.
TEST(SiteSearch, ADraftScenarioIsFoundByItsWordsOnlyByManagers) {
  Fixture f;
  accounts::AccountDirectory accounts(f.db);
  auto analyst = accounts.principal("analyst");
  auto draft = f.scenarios->add_list("草稿清单", "", analyst);
  f.scenarios->add_scenario(draft.id, {"草稿场景", {}, {}, {}, std::string("盐田光伏组件清洗机器人"), {}, {}, {}, {}}, analyst);
  ASSERT_EQ(f.find("清洗 盐田", analyst).scenarios.size(), 1u);
  EXPECT_EQ(f.find("清洗 盐田", analyst).scenarios[0].title, "草稿场景");
  EXPECT_TRUE(f.find("清洗 盐田", accounts.principal("viewer")).scenarios.empty());
  EXPECT_TRUE(f.find("清洗 盐田", accounts.principal("enterprise")).scenarios.empty());
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
