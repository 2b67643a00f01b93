#include "modules/foresight/heat_map.h"

#include <gtest/gtest.h>

#include <thread>

#include <algorithm>
#include <cmath>

#include "store/statement.h"

#include "modules/foresight/ipc_labels.h"
#include "modules/kg/knowledge_graph.h"
#include "modules/foresight/patent_import.h"
#include "modules/foresight/snapshot_store.h"
#include "modules/foresight/snapshots.h"
#include "modules/registry.h"
#include "store/audit_trail.h"
#include "support/test_support.h"

namespace xinzhi::foresight {

using testing::ScratchDir;

struct VrFixture {
  ScratchDir dir;
  store::Database db{dir.database("x.db")};
  VrFixture() {
    modules::migrate(db);
    auto patents = sql_patent_store(db);
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
  store::Statement sql(f.db, "SELECT c.subclass, substr(p.filed_on, 1, 4), count(DISTINCT p.id) FROM patent p "
                        "JOIN patent_code c ON c.patent_id = p.id WHERE p.filed_on BETWEEN '2010' AND '2023' GROUP BY 1, 2");
  std::map<std::string, const HeatMapField*> by_code;
  for (const auto& fld : m.shown) by_code[fld.code] = &fld;
  size_t cells = 0;
  while (sql.step()) {
    auto code = sql.text(0);
    size_t t = static_cast<size_t>(std::stoi(sql.text(1)) - 2010);
    ASSERT_TRUE(by_code.count(code)) << code;
    EXPECT_EQ(m.engine->count(by_code[code]->id, t), sql.int64(2)) << code << " " << t;
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
  int64_t in_beijing = f.db.query_int("SELECT count(*) FROM patent WHERE province = '北京市'");
  EXPECT_GT(in_beijing, 100);
  EXPECT_EQ(beijing.records, static_cast<uint64_t>(in_beijing));
  // A district is a region for chains, not for patents (placed by province and city only).
  q.filter.region = "北京市海淀区";
  try {
    heat_map(*cube, q);
    ADD_FAILURE() << "a district filtered patents";
  } catch (const Error& e) {
    EXPECT_EQ(e.key(), "region_district_for_patents");
  }
  q.filter.region.clear();
  q.filter.applicant_kind = "university";
  auto universities = heat_map(*cube, q);
  int64_t by_universities =
      f.db.query_int("SELECT count(*) FROM patent WHERE applicant_kind = 'university'");
  EXPECT_GT(by_universities, 100);
  EXPECT_EQ(universities.records, static_cast<uint64_t>(by_universities));
}

TEST(HeatMap, QueryErrorsNameTheKey) {
  ScratchDir dir;
  store::Database db(dir.database("x.db"));
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

TEST(HeatMap, CompletePeriodsEndOnTheLastFilingDate) {
  series::PeriodAxis years(series::Granularity::Year, 2020, 2022);
  EXPECT_EQ(complete_periods(years, 20221231, 2022), 3u);  // the last day: 2022 is whole
  EXPECT_EQ(complete_periods(years, 20220317, 2022), 2u);  // the VR export stops in March
  EXPECT_EQ(complete_periods(years, 20211231, 2022), 2u);  // 2022 not reached at all
  EXPECT_EQ(complete_periods(years, 20230105, 2022), 3u);  // data beyond the window
  EXPECT_EQ(complete_periods(years, 20190101, 2022), 0u);  // data ends before it
  EXPECT_EQ(complete_periods(years, 0, 2022), 0u);
  series::PeriodAxis quarters(series::Granularity::Quarter, 2022, 2022);
  EXPECT_EQ(complete_periods(quarters, 20220331, 2022), 1u);
  EXPECT_EQ(complete_periods(quarters, 20220330, 2022), 0u);
  series::PeriodAxis months(series::Granularity::Month, 2024, 2024);
  EXPECT_EQ(complete_periods(months, 20240229, 2024), 2u);  // leap day ends February
}

// The VR export ends on 2022-03-17: 2022 is partial. Growth stops at 2021, so no field reads
// −100 % from the cut; H04N's CAGR by hand from the raw file (Python csv, distinct patents per
// subclass by 申请日): 103 in 2018, 56 in 2021 (and 0 in 2022, the old −100 %).
TEST(HeatMap, VrPartialYearIsLeftOutOfGrowthAndNamed) {
  XINZHI_REQUIRE_DATA(testing::shared_data() + "/patents/cn-vr-2022.csv");
  VrFixture f;
  auto cube = PatentCube::of(f.db);
  HeatMapQuery q;
  q.from = 2005, q.to = 2022, q.top = 0;
  auto m = heat_map(*cube, q);
  EXPECT_EQ(m.data_through, "2022-03-17");
  EXPECT_EQ(m.data_from, "1995-05-02");
  EXPECT_EQ(m.records_total, 7805u);
  ASSERT_EQ(m.periods.size(), 18u);
  EXPECT_EQ(m.complete_periods, 17u);  // 2005–2021
  ASSERT_EQ(m.sources.size(), 1u);
  EXPECT_EQ(m.sources[0].name, "cnipa:cn-vr-2022.csv");
  EXPECT_EQ(m.sources[0].records, 7805);
  EXPECT_EQ(m.sources[0].first_filed, "1995-05-02");
  EXPECT_EQ(m.sources[0].last_filed, "2022-03-17");
  EXPECT_EQ(m.sources[0].imported_at.size(), 24u) << m.sources[0].imported_at;  // 2026-12-01T13:35:00.123Z
  std::map<std::string, const HeatMapField*> by_code;
  for (const auto& fld : m.shown) by_code[fld.code] = &fld;
  ASSERT_TRUE(by_code.count("H04N") && by_code.count("G09B"));
  const auto& h04n = by_code["H04N"]->summary;
  EXPECT_EQ(m.engine->count(by_code["H04N"]->id, 17), 0);
  ASSERT_TRUE(h04n.cagr_defined);
  EXPECT_NEAR(h04n.cagr, std::pow(56.0 / 103.0, 1.0 / 3) - 1, 1e-12);  // −18.4 %, not −100 %
  EXPECT_NEAR(by_code["G09B"]->summary.cagr, std::pow(140.0 / 141.0, 1.0 / 3) - 1, 1e-12);
  double g = 0;
  EXPECT_FALSE(m.engine->growth(by_code["H04N"]->id, 17, g));  // no growth in the partial year
  // Nowhere a −100 % that the cut made: a CAGR of −1 only where the last complete year is 0.
  for (const auto& fld : m.shown)
    if (fld.summary.cagr_defined && fld.summary.cagr <= -1) {
      EXPECT_EQ(m.engine->count(fld.id, 16), 0) << fld.code;
    }
  for (const auto& e : m.emerging) EXPECT_GT(e.summary.cagr, -1) << e.code;
  // The JSON names the partial year, the last complete one and the source.
  JsonWriter w;
  write_json(w, m);
  auto j = nlohmann::json::parse(w.take());
  EXPECT_EQ(j["incomplete_periods"], nlohmann::json::array({"2022"}));
  EXPECT_EQ(j["growth_through"], "2021");
  EXPECT_EQ(j["provenance"]["data_through"], "2022-03-17");
  EXPECT_EQ(j["provenance"]["sources"][0]["name"], "cnipa:cn-vr-2022.csv");
  EXPECT_TRUE(j["empty"]["heatmap"].is_null());
}

TEST(HeatMap, EveryEmptyListSaysWhy) {
  XINZHI_REQUIRE_DATA(testing::shared_data() + "/patents/cn-vr-2022.csv");
  VrFixture f;
  auto cube = PatentCube::of(f.db);
  HeatMapQuery q;
  q.from = 2005, q.to = 2022;
  q.level = "industry";  // the VR export has no knowledge-graph patents
  auto industry = heat_map(*cube, q);
  EXPECT_TRUE(industry.shown.empty());
  EXPECT_EQ(industry.empty_heatmap, "no_industry_data");
  EXPECT_EQ(industry.empty_emerging, "no_industry_data");
  EXPECT_EQ(industry.empty_bursts, "no_industry_data");
  q.level = "subclass", q.filter.region = "天津", q.filter.applicant_kind = "individual";
  auto none = heat_map(*cube, q);
  int64_t sql = f.db.query_int("SELECT count(*) FROM patent WHERE province = '天津市' AND applicant_kind = 'individual' "
                               "AND filed_on >= '2005'");
  ASSERT_EQ(sql, 0);
  EXPECT_EQ(none.records, 0u);
  EXPECT_EQ(none.empty_heatmap, "no_patents_match");
  EXPECT_EQ(none.empty_emerging, "no_patents_match");
  q.filter.applicant_kind.clear();
  auto tianjin = heat_map(*cube, q);
  EXPECT_GT(tianjin.records, 0u);
  EXPECT_EQ(tianjin.empty_heatmap, "");
  EXPECT_EQ(tianjin.bursts.empty() ? "no_bursts" : "", tianjin.empty_bursts);
  q.filter.region.clear(), q.from = 2014;  // 2014–2021 complete: 8 periods, emergence needs 10
  auto short_window = heat_map(*cube, q);
  EXPECT_EQ(short_window.complete_periods, 8u);
  EXPECT_TRUE(short_window.emerging.empty());
  EXPECT_EQ(short_window.empty_emerging, "too_few_periods");
}

TEST(HeatMap, ColourScaleIsLogForCountsAndNamesItsUnit) {
  XINZHI_REQUIRE_DATA(testing::shared_data() + "/patents/cn-vr-2022.csv");
  VrFixture f;
  auto cube = PatentCube::of(f.db);
  HeatMapQuery q;
  q.from = 2005, q.to = 2022, q.top = 25;
  auto m = heat_map(*cube, q);
  EXPECT_EQ(m.scale.kind, "log");
  EXPECT_EQ(m.scale.unit, "patents");
  double hi = 0;
  for (const auto& fld : m.shown)
    for (size_t t = 0; t < m.periods.size(); ++t) hi = std::max(hi, m.engine->count(fld.id, t));
  EXPECT_EQ(m.scale.max, hi);
  EXPECT_DOUBLE_EQ(m.scale.position(hi), 1);
  // A cell of a tenth of the largest sits past the middle of the scale, not near white.
  EXPECT_NEAR(m.scale.position(hi / 10), std::log1p(hi / 10) / std::log1p(hi), 1e-12);
  EXPECT_GT(m.scale.position(hi / 10), 0.5);
  q.measure = "growth";
  auto g = heat_map(*cube, q);
  EXPECT_EQ(g.scale.kind, "diverging");
  EXPECT_EQ(g.scale.unit, "percent_per_period");
  EXPECT_DOUBLE_EQ(g.scale.position(0), 0.5);
  q.measure = "share";
  EXPECT_EQ(heat_map(*cube, q).scale.unit, "percent");
}

TEST(HeatMap, PatentsHeldInTheKnowledgeGraphByIndustry) {
  XINZHI_FULL_SCALE_ON_SQLITE_ONLY();
  XINZHI_REQUIRE_DATA(testing::ickg25());
  ScratchDir dir;
  store::Database db(dir.database("x.db"));
  modules::migrate(db);
  auto graph = kg::sql_graph_store(db);
  kg::KnowledgeGraph(*graph).seed_sample_if_empty();  // sample relations are left out
  kg::KnowledgeGraph(*graph).import_ickg(testing::ickg25());
  auto patents = sql_patent_store(db);
  auto r = import_graph_patents(*patents, *graph);
  // ICKG25: 19,515 patent entities by kind votes; 19,517 distinct tails of 持有专利, each once.
  int64_t tails = db.query_int(
      "SELECT count(DISTINCT r.tail_id) FROM kg_relation r JOIN kg_source s ON s.id = r.source_id "
      "WHERE r.kind = '持有专利' AND s.sample = 0");
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
  int64_t ai = db.query_int(
      "SELECT count(*) FROM patent_industry WHERE industry = '人工智能行业'");
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
    store::Statement q(f.db, "SELECT applicant_kind, count(*) FROM patent GROUP BY 1");
    while (q.step()) out[q.text(0)] = q.int64(1);
    return out;
  };
  auto from_import = kinds();
  EXPECT_GT(from_import["company"], 3000);
  // Run migration foresight/2's backfill over the same rows.
  // (PostgreSQL's text of it there: strpos where SQLite has instr.)
  const auto m = migrations().at(1);
  std::string sql = f.db.is_postgres() ? m.postgres_sql : m.sql;
  f.db.exec("UPDATE patent SET applicant_kind = 'x'");
  f.db.exec(sql.substr(sql.find("UPDATE patent")));
  EXPECT_EQ(kinds(), from_import);
}

// Snapshots and schedules over a scratch database, with the patents given as a cube in memory.
struct SnapshotFixture {
  ScratchDir dir;
  store::Database db{dir.database("x.db")};
  std::unique_ptr<SnapshotStore> store;
  std::shared_ptr<const PatentCube> cube;
  SnapshotFixture() {
    modules::migrate(db);
    store = sql_snapshot_store(db);
    cube = cube_of(0);
  }
  // G06F every year 2010–2019; G09B from 2015, `extra` more records each year after.
  static std::shared_ptr<const PatentCube> cube_of(int extra) {
    auto c = std::make_shared<PatentCube>();
    for (int y = 2010; y <= 2019; ++y) {
      c->add(static_cast<uint32_t>(y * 10000 + 101), "天津市", "天津市", "company", {{"G06F", "G06F 3/01"}});
      for (int i = 0; y >= 2015 && i < 1 + (y - 2015) * extra; ++i)
        c->add(static_cast<uint32_t>(y * 10000 + 201), "北京市", "北京市", "university", {{"G09B", "G09B 9/00"}});
    }
    return c;
  }
  ForesightSnapshots service() {
    return ForesightSnapshots(*store, [this] { return cube; });
  }
  std::vector<std::string> audited(const std::string& prefix) {
    store::AuditFilter f;
    f.action = prefix;
    std::vector<std::string> out;
    for (const auto& e : store::list_audit(db, f)) out.push_back(e.action + " " + e.target_id);
    return out;  // newest first
  }
};

TEST(ForesightSnapshots, TakeListDiffAndSchedulesThroughTheStore) {
  SnapshotFixture f;
  auto snapshots = f.service();
  HeatMapQuery q;
  q.top = 1;  // a snapshot keeps every field all the same
  int64_t a = snapshots.take("vr", q, "manual");
  f.cube = SnapshotFixture::cube_of(3);
  int64_t b = snapshots.take("vr", q, "manual");
  auto list = snapshots.list();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, a);
  EXPECT_EQ(list[0].fields, 2u);
  EXPECT_EQ(list[1].records, 10u + 1 + 4 + 7 + 10 + 13);
  auto got = snapshots.get(b);
  EXPECT_EQ(got.info.fields, 2u);
  EXPECT_EQ(got.query.top, 0u);
  EXPECT_EQ(got.query.from, 2010);
  EXPECT_EQ(got.periods.size(), 10u);
  EXPECT_EQ(f.store->snapshot(b)->info.fields, 2u);
  testing::expect_error(ErrorCode::NotFound, [&] { snapshots.get(999); }, "no snapshot 999");
  auto d = snapshots.diff(a, b, 50, 1, 0.05);
  const FieldChange* g09b = nullptr;
  for (const auto& c : d.changes)
    if (c.code == "G09B") g09b = &c;
  ASSERT_NE(g09b, nullptr);
  EXPECT_NE(std::find(g09b->kinds.begin(), g09b->kinds.end(), "growth"), g09b->kinds.end());
  EXPECT_EQ(g09b->b->records, 35u);
  EXPECT_EQ(f.audited("foresight.snapshot"),
            (std::vector<std::string>{"foresight.snapshot " + std::to_string(b), "foresight.snapshot " + std::to_string(a)}));

  snapshots.add_schedule({"vr-yearly", "daily", q, ""});
  snapshots.add_schedule({"vr-yearly", "weekly", q, ""});  // replaces it
  auto schedules = snapshots.schedules();
  ASSERT_EQ(schedules.size(), 1u);
  EXPECT_EQ(schedules[0].every, "weekly");
  EXPECT_EQ(schedules[0].last_run, "");
  const int64_t now = 1767225600;  // 2026-01-01T00:00:00Z
  auto ids = snapshots.run_due(now);
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(snapshots.list().back().trigger, "schedule");
  EXPECT_EQ(snapshots.schedules()[0].last_run, "2026-01-01T00:00:00Z");
  EXPECT_TRUE(snapshots.run_due(now + 86400).empty());  // weekly: not due yet
  EXPECT_EQ(snapshots.run_due(now + 7 * 86400).size(), 1u);
  EXPECT_FALSE(snapshots.remove_schedule("no-such"));
  EXPECT_TRUE(snapshots.remove_schedule("vr-yearly"));
  EXPECT_TRUE(snapshots.schedules().empty());
  EXPECT_EQ(f.audited("foresight.schedule"),
            (std::vector<std::string>{"foresight.schedule vr-yearly", "foresight.schedule vr-yearly"}));
  EXPECT_EQ(f.audited("foresight.unschedule"), (std::vector<std::string>{"foresight.unschedule vr-yearly"}));
}

// A store whose writes fail at the audit entry, after their rows were written.
class FailingAuditStore final : public SnapshotStore {
 public:
  explicit FailingAuditStore(SnapshotStore& inner) : inner_(inner) {}
  std::vector<SnapshotInfo> snapshots() override { return inner_.snapshots(); }
  std::optional<StoredSnapshot> snapshot(int64_t id) override { return inner_.snapshot(id); }
  std::vector<StoredSchedule> schedules() override { return inner_.schedules(); }
  std::optional<StoredSchedule> schedule(const std::string& name) override { return inner_.schedule(name); }
  void write(const std::function<void(SnapshotWriter&)>& work) override {
    inner_.write([&](SnapshotWriter& w) {
      Writer failing(w);
      work(failing);
    });
  }
  void bookkeeping(const char* why, const std::function<void(SnapshotWriter&)>& work) override {
    inner_.bookkeeping(why, work);
  }

 private:
  struct Writer final : SnapshotWriter {
    explicit Writer(SnapshotWriter& w) : w(w) {}
    std::vector<SnapshotInfo> snapshots() override { return w.snapshots(); }
    std::optional<StoredSnapshot> snapshot(int64_t id) override { return w.snapshot(id); }
    std::vector<StoredSchedule> schedules() override { return w.schedules(); }
    std::optional<StoredSchedule> schedule(const std::string& name) override { return w.schedule(name); }
    int64_t insert_snapshot(const StoredSnapshot& s) override { return w.insert_snapshot(s); }
    void put_schedule(const std::string& n, const std::string& e, const std::string& q) override { w.put_schedule(n, e, q); }
    bool remove_schedule(const std::string& name) override { return w.remove_schedule(name); }
    void set_last_run(const std::string& n, const std::string& at, int64_t e) override { w.set_last_run(n, at, e); }
    void audit(const store::AuditChange&) override { fail(ErrorCode::Unavailable, "the disk is full"); }
    SnapshotWriter& w;
  };
  SnapshotStore& inner_;
};

TEST(ForesightSnapshots, AWriteThatFailsHalfWayLeavesNothing) {
  SnapshotFixture f;
  FailingAuditStore failing(*f.store);
  ForesightSnapshots snapshots(failing, [&] { return f.cube; });
  testing::expect_error(ErrorCode::Unavailable, [&] { snapshots.take("vr", {}, "manual"); }, "the disk is full");
  testing::expect_error(ErrorCode::Unavailable, [&] { snapshots.add_schedule({"vr", "daily", {}, ""}); },
                        "the disk is full");
  EXPECT_TRUE(f.store->snapshots().empty());
  EXPECT_TRUE(f.store->schedules().empty());
  EXPECT_TRUE(f.audited("foresight.").empty());
  // The store alone: a unit of work that throws keeps none of its writes.
  EXPECT_THROW(f.store->write([](SnapshotWriter& w) {
    // Filled field by field: g++ 12 -O3 warns falsely (-Wmaybe-uninitialized) on the brace form.
    StoredSnapshot snapshot;
    snapshot.info.name = "x";
    snapshot.info.taken_at = "2026-01-01T00:00:00Z";
    snapshot.info.trigger = "manual";
    snapshot.query = "{}";
    snapshot.periods = snapshot.fields = "[]";
    w.insert_snapshot(snapshot);
    w.put_schedule("x", "daily", "{}");
    throw std::runtime_error("stop");
  }),
               std::runtime_error);
  EXPECT_TRUE(f.store->snapshots().empty());
  EXPECT_TRUE(f.store->schedules().empty());
}

TEST(ForesightSnapshots, ClaimingDueSchedulesIsAllOrNothing) {
  SnapshotFixture f;
  // A row the service would refuse ("hourly"), as an older or hand-edited database may hold.
  const int64_t now = 1767225600;
  f.store->write([&](SnapshotWriter& w) {
    w.put_schedule("a", "daily", "{}");
    w.put_schedule("b", "hourly", "{}");
    w.set_last_run("b", "2025-12-31T00:00:00Z", now - 86400);  // so that its interval is read
    w.audit({"foresight.schedule", "foresight_schedule", "a+b", "", "", "{}"});
  });
  auto snapshots = f.service();
  testing::expect_error(ErrorCode::InvalidInput, [&] { snapshots.run_due(now); }, "schedule 'hourly'");
  auto rows = f.store->schedules();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].last_run_epoch, 0);  // "a" was claimed before "b" failed: rolled back
  EXPECT_EQ(rows[0].last_run, "");
  EXPECT_EQ(rows[1].last_run_epoch, now - 86400);
  EXPECT_TRUE(f.store->snapshots().empty());
}

// Two servers on one database (two connections, two threads) check the schedules at the same
// moment: each due schedule is claimed, and its snapshot taken, exactly once (the claim is a
// write: SQLite's write lock, PostgreSQL's advisory lock).
TEST(ForesightSnapshots, TwoServersRunADueScheduleOnce) {
  SnapshotFixture f;
  const int64_t now = 1767225600;
  f.store->write([&](SnapshotWriter& w) {
    w.put_schedule("a", "daily", "{}");
    w.put_schedule("b", "monthly", "{}");
    w.audit({"foresight.schedule", "foresight_schedule", "a+b", "", "", "{}"});
  });
  std::vector<int64_t> first, second;
  std::thread one([&] { first = f.service().run_due(now); });
  std::thread two([&] {
    store::Database other(f.db.path());
    auto other_store = sql_snapshot_store(other);
    second = ForesightSnapshots(*other_store, [&] { return f.cube; }).run_due(now);
  });
  one.join();
  two.join();
  EXPECT_EQ(first.size() + second.size(), 2u);
  EXPECT_EQ(f.store->snapshots().size(), 2u);
  EXPECT_TRUE(f.service().run_due(now).empty());  // nothing is due twice
}

}  // namespace xinzhi::foresight
