// chainkg (Shenwan industries, their upstream table, listed companies) as a knowledge-graph
// source, and a chain derived from it by the same derivation ICKG uses.
#include <gtest/gtest.h>

#include <algorithm>

#include "modules/chain/chain_service.h"
#include "modules/kg/knowledge_graph.h"
#include "modules/registry.h"
#include "support/test_support.h"

namespace xinzhi::kg {

using testing::ScratchDir;

struct Fixture {
  ScratchDir dir;
  store::Database db{dir.database("x.db")};
  std::unique_ptr<GraphStore> graph;
  std::unique_ptr<chain::ChainStore> chains;
  std::unique_ptr<chain::ChainService> service;
  Fixture() {
    modules::migrate(db);
    graph = sql_graph_store(db);
    chains = chain::sql_chain_store(db);
    service = std::make_unique<chain::ChainService>(*chains, *graph);
  }
};

std::string chainkg() { return testing::shared_data() + "/chainkg"; }

TEST(ChainkgImport, StoresIndustriesLinksAndCompaniesOfTheRealTables) {
  XINZHI_REQUIRE_DATA(chainkg());
  Fixture f;
  auto r = KnowledgeGraph(*f.graph).import_chainkg(chainkg());
  // Counted independently with Python on the same files.
  EXPECT_EQ(r.source, "chainkg");
  EXPECT_EQ(r.industries, 513u);          // industry.json's 510 and 3 names only industry_up.json uses
  EXPECT_EQ(r.companies, 4586u);          // distinct six-digit codes in company.json
  EXPECT_EQ(r.parent_links, 480u);
  EXPECT_EQ(r.upstream_links_read, 5256u);
  EXPECT_EQ(r.upstream_links_kept, 1062u);  // seen twice or more
  EXPECT_EQ(r.company_industries, 4163u);
  EXPECT_EQ(r.company_industries_unmatched, 267u);
  EXPECT_EQ(r.added.entities_added, 513u + 4586u);
  EXPECT_EQ(r.added.relations_added, 480u + 1062u + 4163u);
  auto again = KnowledgeGraph(*f.graph).import_chainkg(chainkg() + "/");
  EXPECT_EQ(again.added.entities_added + again.added.relations_added, 0u);

  // The same derivation as for ICKG: 锂电池 and the industry seen upstream of it twice.
  f.service->derive("锂电池", 1, "锂电池（申万）");
  auto firms = f.service->segment_firms("锂电池（申万）", "锂电池", "福建");
  auto catl = std::find_if(firms.begin(), firms.end(), [](const auto& x) { return x.name == "宁德时代"; });
  ASSERT_NE(catl, firms.end());
  EXPECT_EQ(catl->province, "福建省");  // 宁德时代新能源科技股份有限公司: 宁德 is a city of Fujian
  EXPECT_EQ(catl->zone, "local");
  EXPECT_GE(firms.size(), 15u);  // company_industry.json lists 15 firms under 锂电池
  auto upstream = f.service->segment_firms("锂电池（申万）", "输变电设备", "福建");
  EXPECT_FALSE(upstream.empty());
}

TEST(ChainkgImport, AMalformedLineNamesFileAndLineAndWritesNothing) {
  Fixture f;
  ScratchDir d;
  d.write("c/industry.json", "{\"code\": \"110000\", \"name\": \"农林牧渔\"}\n");
  d.write("c/industry_industry.json", "");
  d.write("c/industry_up.json", "{\"industry\": \"农林牧渔\", \"ups\": {\"种子\": 0}}\n");
  d.write("c/company.json", "");
  d.write("c/company_industry.json", "");
  testing::expect_error(ErrorCode::InvalidInput, [&] { KnowledgeGraph(*f.graph).import_chainkg(d.file("c")); },
                        "industry_up.json:1: ups['种子'] is not a count from 1 to 1000000000");
  EXPECT_EQ(f.db.query_int("SELECT count(*) FROM kg_entity"), 0);
  testing::expect_error(ErrorCode::InvalidInput, [&] { KnowledgeGraph(*f.graph).import_chainkg(d.file("c"), 0); },
                        "at least 1");
}

}  // namespace xinzhi::kg
