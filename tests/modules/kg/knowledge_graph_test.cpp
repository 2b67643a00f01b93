#include "modules/kg/knowledge_graph.h"

#include <gtest/gtest.h>

#include "modules/registry.h"
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
  int64_t count(const char* table) {
    return db.query_int(std::string("SELECT count(*) FROM ") + table);
  }
};

int64_t count_of(const std::vector<NamedCount>& v, const std::string& name) {
  for (auto& nc : v)
    if (nc.name == name) return nc.count;
  return 0;
}

TEST(KnowledgeGraph, ImportsIckg25OnceAndOnlyOnce) {
  XINZHI_REQUIRE_DATA(testing::ickg25());
  Fixture f;
  KnowledgeGraph kg(*f.store);
  auto first = kg.import_ickg(testing::ickg25());
  EXPECT_EQ(first.entities_read, 60868u);
  EXPECT_EQ(first.added.entities_added, 60868u);
  EXPECT_EQ(first.relations_read, 68237u);
  EXPECT_EQ(first.added.relations_added, 68237u);
  EXPECT_EQ(first.relation_kinds, 13u);
  EXPECT_EQ(first.duplicates.names, 174u);
  EXPECT_EQ(first.duplicates.extra_ids, 177u);
  EXPECT_GT(first.companies_by_region["天津市"], 200u);
  EXPECT_EQ(first.companies_by_region["京津冀"], first.companies_by_region["北京市"] +
                                                   first.companies_by_region["天津市"] +
                                                   first.companies_by_region["河北省"]);
  auto second = kg.import_ickg(testing::ickg25() + "/");
  EXPECT_EQ(second.source, "ICKG25");
  EXPECT_EQ(second.added.entities_added, 0u);
  EXPECT_EQ(second.added.relations_added, 0u);
  EXPECT_EQ(f.count("kg_entity"), 60868);
  EXPECT_EQ(f.count("kg_relation"), 68237);

  auto overview = kg.overview(settings::RegionSettings{});
  EXPECT_EQ(overview.entities, 60868);
  EXPECT_EQ(overview.relations, 68237);
  EXPECT_EQ(count_of(overview.relations_by_kind, "涉足行业"), 25196);  // counted with awk on the files
  EXPECT_EQ(count_of(overview.relations_by_kind, "持有专利"), 19906);
  EXPECT_EQ(count_of(overview.companies_by_province, "天津市"),
            static_cast<int64_t>(first.companies_by_region["天津市"]));
  EXPECT_EQ(overview.distinct_names, 60868 - 180);
}

TEST(KnowledgeGraph, ABadFileChangesNothing) {
  Fixture f;
  KnowledgeGraph kg(*f.store);
  ASSERT_TRUE(kg.seed_sample_if_empty());
  auto before_e = f.count("kg_entity"), before_r = f.count("kg_relation"), before_s = f.count("kg_source");
  ScratchDir bad;
  bad.write("g/entity2id.txt", "甲\t0\n乙\t1\n");
  bad.write("g/relation2id.txt", "合作\t0\n");
  bad.write("g/time2id.txt", "0,2025-01-01\n");
  bad.write("g/train.txt", "0\t0\t1\t0\n1\t0\t0\t5\n");
  testing::expect_error(ErrorCode::InvalidInput, [&] { kg.import_ickg(bad.file("g")); }, "train.txt:2: unknown time id 5");
  EXPECT_EQ(f.count("kg_entity"), before_e);
  EXPECT_EQ(f.count("kg_relation"), before_r);
  EXPECT_EQ(f.count("kg_source"), before_s);
}

TEST(KnowledgeGraph, AFailedWriteRollsBackTheWholeBatch) {
  Fixture f;
  GraphBatch batch{"broken", "test", false, {{"a", "甲", "company", "", "", "", false}}, {{"a", "合作", "zz", ""}}};
  testing::expect_error(ErrorCode::InvalidInput, [&] { f.store->write_batch(batch, {}); }, "unknown entity");
  EXPECT_EQ(f.count("kg_entity"), 0);
  EXPECT_EQ(f.count("kg_source"), 0);
}

TEST(KnowledgeGraph, SampleRegionIsLabelledDeterministicAndSeededOnce) {
  Fixture f;
  KnowledgeGraph kg(*f.store);
  EXPECT_TRUE(kg.seed_sample_if_empty());
  EXPECT_FALSE(kg.seed_sample_if_empty());
  auto o = kg.overview(settings::RegionSettings{});
  ASSERT_EQ(o.sources.size(), 1u);
  EXPECT_TRUE(o.sources[0].sample);
  EXPECT_EQ(o.sources[0].name, "示例数据");
  EXPECT_EQ(o.entities, static_cast<int64_t>(sample_region().entities.size()));
  EXPECT_EQ(count_of(o.entities_by_kind, "company"), 28);
  EXPECT_EQ(count_of(o.companies_by_province, "天津市"), 10);
  EXPECT_EQ(count_of(o.companies_by_province, "北京市"), 5);
  EXPECT_EQ(count_of(o.companies_by_province, "河北省"), 5);
  EXPECT_EQ(o.national_companies, 1);
  EXPECT_EQ(count_of(o.focal_companies_by_district, "滨海新区"), 2);  // 滨海 and 经济技术开发区
  for (auto& e : sample_region().entities)
    if (e.kind == "company") {
      EXPECT_NE(e.name.find("示例"), std::string::npos) << e.name;
    }
}

}  // namespace xinzhi::kg

namespace xinzhi::kg {

TEST(KnowledgeGraph, RemovingTheSampleKeepsImportedData) {
  Fixture f;
  KnowledgeGraph kg(*f.store);
  kg.seed_sample_if_empty();
  GraphBatch real{"real", "test", false, {{"a", "天津甲有限公司", "company", "天津市", "天津市", "", false}}, {}};
  f.store->write_batch(real, {});
  EXPECT_EQ(kg.remove_sample(), static_cast<int64_t>(sample_region().entities.size()));
  auto o = kg.overview(settings::RegionSettings{});
  ASSERT_EQ(o.sources.size(), 1u);
  EXPECT_EQ(o.sources[0].name, "real");
  EXPECT_EQ(o.entities, 1);
  EXPECT_EQ(o.relations, 0);
  EXPECT_EQ(kg.remove_sample(), 0);
}

}  // namespace xinzhi::kg
