#include "modules/foresight/heat_map.h"

#include <gtest/gtest.h>

#include <SQLiteCpp/Statement.h>

#include "modules/foresight/ipc_labels.h"
#include "modules/kg/knowledge_graph.h"
#include "modules/foresight/patent_import.h"
#include "modules/foresight/snapshots.h"
#include "modules/registry.h"
#include "support/test_support.h"

namespace xinzhi::foresight {

using testing::ScratchDir;

struct VrFixture {
  ScratchDir dir;
  store::Database db{dir.file("x.db")};
  VrFixture() {
    modules::migrate(db);
    auto patents = sqlite_patent_store(db);
    import_patents(*patents, testing::shared_data() + "/patents/cn-vr-2022.csv", "cnipa", false);
  }
};

TEST(HeatMap, VrExportCountsEqualSqlGroupBy) {
  XINZHI_REQUIRE_DATA(testing::shared_data() + "/patents/cn-vr-2022.csv");
  VrFixture f;
  auto cube = PatentCube::of(f.db);
  EXPECT_EQ(cube->size(), 7805u);
  HeatMapQuery q;
  q.from = 2010, q.to = 2022, q.top = 0;
  auto m = heat_map(*cube, q);
  ASSERT_EQ(m.periods.size(), 13u);
  EXPECT_EQ(m.engine->records_per_period()[6], 1898u);  // 2016, every record has a code
  // Whole counts per subclass and year, as SQLite counts distinct patents.
  SQLite::Statement sql(f.db.sql(),
                        "SELECT c.subclass, substr(p.filed_on, 1, 4), count(DISTINCT p.id) FROM patent p "
                        "JOIN patent_code c ON c.patent_id = p.id WHERE p.filed_on BETWEEN '2010' AND '2023' GROUP BY 1, 2");
  std::map<std::string, const HeatMapField*> by_code;
  for (const auto& fld : m.shown) by_code[fld.code] = &fld;
  size_t cells = 0;
  while (sql.executeStep()) {
    auto code = sql.getColumn(0).getString();
    size_t t = static_cast<size_t>(std::stoi(sql.getColumn(1).getString()) - 2010);
    ASSERT_TRUE(by_code.count(code)) << code;
    EXPECT_EQ(m.engine->count(by_code[code]->id, t), sql.getColumn(2).getInt()) << code << " " << t;
    ++cells;
  }
  EXPECT_GT(cells, 500u);
  EXPECT_EQ(m.fields_with_records, by_code.size());
  // The strongest burst in the VR data: G09B (simulators, 教学模型) from 2020.
  ASSERT_FALSE(m.bursts.empty());
  EXPECT_EQ(m.bursts[0].field.code, "G09B");
  EXPECT_EQ(label_of("G09B").zh, "教育或演示用具；教学模型；模拟器");
  EXPECT_EQ(label_of("G09B 9/00").en.substr(0, 9), "EDUCATION");
}

TEST(HeatMap, FractionalCountsAddUpAndFiltersNarrow) {
  XINZHI_REQUIRE_DATA(testing::shared_data() + "/patents/cn-vr-2022.csv");
  VrFixture f;
  auto cube = PatentCube::of(f.db);
  HeatMapQuery q;
  q.from = 1995, q.to = 2022, q.top = 0, q.counting = "fractional";
  auto m = heat_map(*cube, q);
  double total = 0;
  for (const auto& fld : m.shown) total += fld.summary.total;
  EXPECT_NEAR(total, 7805, 1e-6);

  q.filter.region = "北京";
  auto beijing = heat_map(*cube, q);
  int64_t in_beijing = f.db.sql().execAndGet("SELECT count(*) FROM patent WHERE province = '北京市'").getInt64();
  EXPECT_GT(in_beijing, 100);
  EXPECT_EQ(beijing.records, static_cast<uint64_t>(in_beijing));
  q.filter.region.clear();
  q.filter.applicant_kind = "university";
  auto universities = heat_map(*cube, q);
  int64_t by_universities =
      f.db.sql().execAndGet("SELECT count(*) FROM patent WHERE applicant_kind = 'university'").getInt64();
  EXPECT_GT(by_universities, 100);
  EXPECT_EQ(universities.records, static_cast<uint64_t>(by_universities));
}

TEST(HeatMap, QueryErrorsNameTheKey) {
  ScratchDir dir;
  store::Database db(dir.file("x.db"));
  modules::migrate(db);
  auto cube = PatentCube::of(db);
  testing::expect_error(ErrorCode::InvalidInput, [&] { heat_map(*cube, HeatMapQuery{}); }, "no patents imported");
  HeatMapQuery q;
  q.from = 2010, q.to = 2012;
  q.params.s = 1;
  testing::expect_error(ErrorCode::InvalidInput, [&] { heat_map(*cube, q); }, "'s' must be greater than 1");
  q.params.s = 2, q.params.gamma = 0;
  testing::expect_error(ErrorCode::InvalidInput, [&] { heat_map(*cube, q); }, "'gamma' must be greater than 0");
  q.params.gamma = 1, q.measure = "heat";
  testing::expect_error(ErrorCode::InvalidInput, [&] { heat_map(*cube, q); }, "'measure' is 'heat'");
  testing::expect_error(ErrorCode::InvalidInput, [&] { query_from_json({{"colour", "red"}}); }, "unknown key 'colour'");
  testing::expect_error(ErrorCode::InvalidInput, [&] { query_from_json({{"from", "last year"}}); }, "'from' has the wrong type");
  testing::expect_error(ErrorCode::InvalidInput, [&] { query_from_json({{"top", -1}}); }, "'top' must be a whole number ≥ 0");
  testing::expect_error(ErrorCode::InvalidInput, [&] { schedule_interval_seconds("99999999999999999999s"); }, "is not daily, weekly");
  testing::expect_error(ErrorCode::InvalidInput, [&] { schedule_interval_seconds("0s"); }, "is not daily, weekly");
  EXPECT_EQ(schedule_interval_seconds("3600s"), 3600);
  auto back = query_from_json(to_json(q));
  EXPECT_EQ(back.measure, "heat");
  EXPECT_EQ(back.from, 2010);
}

TEST(HeatMap, TooManyCellsAreRefusedBeforeAllocating) {
  PatentCube cube;
  for (int i = 0; i < 20000; ++i)
    cube.add(20200101, "", "", "", {{"G06F", "G06F " + std::to_string(i) + "/00"}});
  HeatMapQuery q;
  q.level = "group", q.period = "week", q.from = 2003, q.to = 2022;  // 20,000 × 1,044 weeks
  testing::expect_error(ErrorCode::InvalidInput, [&] { heat_map(cube, q); }, "more than 20 million cells");
  q.period = "year";
  EXPECT_EQ(heat_map(cube, q).fields_with_records, 20000u);
}

TEST(HeatMap, PatentsHeldInTheKnowledgeGraphByIndustry) {
  XINZHI_REQUIRE_DATA(testing::ickg25());
  ScratchDir dir;
  store::Database db(dir.file("x.db"));
  modules::migrate(db);
  auto graph = kg::sqlite_graph_store(db);
  kg::KnowledgeGraph(*graph).seed_sample_if_empty();  // sample relations are left out
  kg::KnowledgeGraph(*graph).import_ickg(testing::ickg25());
  auto patents = sqlite_patent_store(db);
  auto r = import_graph_patents(*patents, *graph);
  // ICKG25: 19,515 patent entities by kind votes; 19,517 distinct tails of 持有专利, each once.
  int64_t tails = db.sql().execAndGet(
      "SELECT count(DISTINCT r.tail_id) FROM kg_relation r JOIN kg_source s ON s.id = r.source_id "
      "WHERE r.kind = '持有专利' AND s.sample = 0").getInt64();
  EXPECT_EQ(r.read, static_cast<size_t>(tails));
  EXPECT_EQ(r.added, r.read);
  EXPECT_GT(r.sample_skipped, 0u);
  EXPECT_EQ(import_graph_patents(*patents, *graph).added, 0u);  // a rerun adds nothing
  auto cube = PatentCube::of(db);
  HeatMapQuery q;
  q.level = "industry", q.period = "month", q.top = 0;
  auto m = heat_map(*cube, q);
  EXPECT_EQ(m.records, r.with_industry);
  EXPECT_EQ(m.periods.front(), "2025-01");
  // 人工智能行业 counts its holders' patents per month, as SQL does.
  int64_t ai = db.sql().execAndGet(
      "SELECT count(*) FROM patent_industry WHERE industry = '人工智能行业'").getInt64();
  const HeatMapField* field = nullptr;
  for (const auto& f : m.shown)
    if (f.code == "人工智能行业") field = &f;
  ASSERT_NE(field, nullptr);
  EXPECT_EQ(field->summary.records, static_cast<uint64_t>(ai));
  EXPECT_EQ(label_of("人工智能行业").zh, "人工智能行业");
  EXPECT_EQ(label_of("AI行业").zh, "AI行业");
}

TEST(ApplicantKind, FromTheName) {
  EXPECT_EQ(ingest::applicant_kind("清华大学"), "university");
  EXPECT_EQ(ingest::applicant_kind("中国科学院自动化研究所"), "institute");
  EXPECT_EQ(ingest::applicant_kind("歌尔股份有限公司"), "company");
  EXPECT_EQ(ingest::applicant_kind("张三"), "individual");
  EXPECT_EQ(ingest::applicant_kind(""), "");
}

TEST(ApplicantKind, MigrationBackfillAgreesWithImport) {
  XINZHI_REQUIRE_DATA(testing::shared_data() + "/patents/cn-vr-2022.csv");
  VrFixture f;
  auto kinds = [&] {
    std::map<std::string, int> out;
    SQLite::Statement q(f.db.sql(), "SELECT applicant_kind, count(*) FROM patent GROUP BY 1");
    while (q.executeStep()) out[q.getColumn(0).getString()] = q.getColumn(1).getInt();
    return out;
  };
  auto from_import = kinds();
  EXPECT_GT(from_import["company"], 3000);
  // Run migration foresight/2's backfill over the same rows.
  std::string sql = migrations().at(1).sql;
  f.db.sql().exec("UPDATE patent SET applicant_kind = 'x'");
  f.db.sql().exec(sql.substr(sql.find("UPDATE patent")));
  EXPECT_EQ(kinds(), from_import);
}

}  // namespace xinzhi::foresight
