// Entity resolution at ICKG import: listed short names, foreign firms, generic actors, the
// companies without a region counted by reason; on ICKG25 and on a hand-written folder.
#include <gtest/gtest.h>

#include "modules/kg/knowledge_graph.h"
#include "modules/registry.h"
#include "store/statement.h"
#include "support/test_support.h"

namespace xinzhi::kg {

using testing::ScratchDir;

struct Fixture {
  ScratchDir dir;
  store::Database db{dir.database("x.db")};
  std::unique_ptr<GraphStore> store;
  Fixture() {
    modules::migrate(db);
    store = sql_graph_store(db);
  }
  // province|country|full name|stock code|generic of the first entity with this name
  std::string entity(const std::string& name) {
    store::Statement q(db, "SELECT province, country, full_name, stock_code, generic_actor FROM kg_entity "
                           "WHERE name = ? ORDER BY id LIMIT 1");
    q.bind(1, name);
    if (!q.step()) return "missing";
    std::string out = q.text(0);
    out.append("|").append(q.text(1)).append("|").append(q.text(2)).append("|").append(q.text(3)).append("|");
    out.append(q.flag(4) ? "generic" : "firm");
    return out;
  }
};

// Five companies, one of each outcome, each with a relation that makes it a company.
std::string hand_folder(const ScratchDir& dir) {
  dir.write("data/ickg/g/entity2id.txt",
            "动力电池\t0\n甲乙锂业\t1\n美国铝业\t2\n动力电池厂商\t3\n无名品牌\t4\n丙丁科技\t5\n");
  dir.write("data/ickg/g/relation2id.txt", "涉足行业\t0\n");
  dir.write("data/ickg/g/time2id.txt", "0,2025-01-01\n");
  dir.write("data/ickg/g/train.txt", "1 0 0 0\n2 0 0 0\n3 0 0 0\n4 0 0 0\n5 0 0 0\n");
  dir.write("data/chainkg/company.json",
            "{\"name\": \"甲乙锂业\", \"fullname\": \"江西甲乙锂业股份有限公司\", \"code\": \"002460.SZ\"}\n"
            "{\"name\": \"丙丁科技\", \"fullname\": \"丙丁科技股份有限公司\", \"code\": \"300001\"}\n");
  return dir.file("data/ickg/g");
}

TEST(CompanyResolution, EachOutcomeOnAHandWrittenFolder) {
  Fixture f;
  ScratchDir data;
  auto dir = hand_folder(data);
  // No --listed: the table beside the ICKG folder (data/chainkg/company.json) is used.
  auto r = KnowledgeGraph(*f.store).import_ickg(dir);
  EXPECT_EQ(r.resolution.listed_table, data.file("data/chainkg/company.json"));
  EXPECT_EQ(r.resolution.listed_rows, 2u);
  EXPECT_EQ(r.resolution.without_region_before, 5u);
  EXPECT_EQ(r.resolution.before.at("listed_short_name"), 2u);
  EXPECT_EQ(r.resolution.before.at("foreign"), 1u);
  EXPECT_EQ(r.resolution.before.at("generic_actor"), 1u);
  EXPECT_EQ(r.resolution.before.at("unresolved"), 1u);
  EXPECT_EQ(r.resolution.after.at("listed_placed"), 1u);
  EXPECT_EQ(r.resolution.after.at("listed_without_place"), 1u);
  EXPECT_EQ(r.resolution.without_region_after, 2u);  // 丙丁科技 (registered name names no place), 无名品牌
  EXPECT_EQ(r.companies_by_region.at("foreign"), 1u);
  EXPECT_EQ(r.companies_by_region.at("generic_actor"), 1u);
  EXPECT_EQ(r.companies_by_region.at("unknown"), 2u);
  EXPECT_EQ(f.entity("甲乙锂业"), "江西省||江西甲乙锂业股份有限公司|002460|firm");
  EXPECT_EQ(f.entity("丙丁科技"), "||丙丁科技股份有限公司|300001|firm");
  EXPECT_EQ(f.entity("美国铝业"), "境外|美国|||firm");
  EXPECT_EQ(f.entity("动力电池厂商"), "||||generic");
  EXPECT_EQ(f.entity("无名品牌"), "||||firm");
  // Generic actors are not counted among companies by province.
  auto o = KnowledgeGraph(*f.store).overview(settings::RegionSettings{});
  int64_t companies = 0;
  for (const auto& p : o.companies_by_province) companies += p.count;
  EXPECT_EQ(companies, 4);
}

TEST(CompanyResolution, WithoutTheListedTableShortNamesStayUnresolved) {
  Fixture f;
  ScratchDir data;
  auto dir = hand_folder(data);
  IckgImportOptions no_table;
  no_table.use_listed = false;
  auto r = KnowledgeGraph(*f.store).import_ickg(dir, {}, no_table);
  EXPECT_TRUE(r.resolution.listed_table.empty());
  EXPECT_EQ(r.resolution.before.at("listed_short_name"), 0u);
  EXPECT_EQ(r.resolution.before.at("unresolved"), 3u);
  EXPECT_EQ(f.entity("甲乙锂业"), "||||firm");
}

// A database imported before resolution existed gains it by importing the same folder again:
// companies whose resolution differs are updated, nothing is added, a third run changes nothing.
TEST(CompanyResolution, ImportingAgainUpdatesTheResolutionOfStoredCompanies) {
  Fixture f;
  ScratchDir data;
  auto dir = hand_folder(data);
  IckgImportOptions no_table;
  no_table.use_listed = false;
  KnowledgeGraph kg(*f.store);
  kg.import_ickg(dir, {}, no_table);
  EXPECT_EQ(f.entity("甲乙锂业"), "||||firm");
  auto again = kg.import_ickg(dir);
  EXPECT_EQ(again.added.entities_added, 0u);
  EXPECT_EQ(again.added.relations_added, 0u);
  EXPECT_EQ(again.added.entities_updated, 2u);  // 甲乙锂业 placed, 丙丁科技 gains its full name and code
  EXPECT_EQ(f.entity("甲乙锂业"), "江西省||江西甲乙锂业股份有限公司|002460|firm");
  EXPECT_EQ(f.entity("丙丁科技"), "||丙丁科技股份有限公司|300001|firm");
  EXPECT_EQ(kg.import_ickg(dir).added.entities_updated, 0u);
  EXPECT_EQ(f.db.query_int("SELECT count(*) FROM kg_entity"), 6);
}

TEST(CompanyResolution, ABadListedTableStopsTheImportBeforeAnyWrite) {
  Fixture f;
  ScratchDir data;
  auto dir = hand_folder(data);
  IckgImportOptions bad;
  bad.listed = data.write("bad.json", "{\"name\": \"甲\", \"fullname\": \"甲公司\", \"code\": \"1\"}\n");
  testing::expect_error(ErrorCode::InvalidInput, [&] { KnowledgeGraph(*f.store).import_ickg(dir, {}, bad); },
                        "bad.json:1: code '1' is not a six-digit stock code");
  EXPECT_EQ(f.db.query_int("SELECT count(*) FROM kg_entity"), 0);
}

TEST(CompanyResolution, OnIckg25ListedShortNamesResolveThroughTheirRegisteredNames) {
  XINZHI_FULL_SCALE_ON_SQLITE_ONLY();
  XINZHI_REQUIRE_DATA(testing::ickg25());
  XINZHI_REQUIRE_DATA(testing::shared_data() + "/chainkg/company.json");
  Fixture f;
  auto r = KnowledgeGraph(*f.store).import_ickg(testing::ickg25());
  const auto& res = r.resolution;
  EXPECT_EQ(res.listed_rows, 4654u);
  EXPECT_EQ(res.without_region_before, 13091u);  // the name alone, as before resolution
  EXPECT_EQ(res.before.at("listed_short_name"), 992u);  // counted independently with Python on the same files
  EXPECT_EQ(res.before.at("listed_full_name"), 84u);
  EXPECT_EQ(res.before.at("listed_short_name") + res.before.at("listed_full_name") + res.before.at("foreign") +
                res.before.at("generic_actor") + res.before.at("unresolved"),
            res.without_region_before);
  EXPECT_EQ(res.after.at("listed_placed") + res.after.at("listed_national") + res.after.at("listed_without_place") +
                res.after.at("listed_ambiguous"),
            992u + 84u);
  EXPECT_EQ(res.after.at("listed_placed"), 584u);
  EXPECT_EQ(res.before.at("foreign"), 510u);
  EXPECT_EQ(res.before.at("generic_actor"), 126u);
  EXPECT_EQ(f.entity("赣锋锂业"), "江西省||江西赣锋锂业股份有限公司|002460|firm");
  EXPECT_EQ(f.entity("金力永磁"), "江西省||江西金力永磁科技股份有限公司|300748|firm");
  EXPECT_EQ(f.entity("福特汽车"), "境外|美国|||firm");
  EXPECT_EQ(f.entity("贝莱德"), "境外|美国|||firm");
  EXPECT_EQ(f.entity("餐饮外卖平台"), "||||generic");
  EXPECT_EQ(f.entity("华为"), "||||firm");  // a brand the listed table does not know stays unresolved
}

}  // namespace xinzhi::kg
