#include "modules/foresight/patent_import.h"

#include <gtest/gtest.h>

#include "modules/registry.h"
#include "support/test_support.h"

namespace xinzhi::foresight {

using testing::ScratchDir;

TEST(PatentCodes, NormaliseIpcAndCpc) {
  ingest::PatentCode c;
  ASSERT_TRUE(ingest::normalise_code("G09B  9/00", c));
  EXPECT_EQ(c.subclass, "G09B");
  EXPECT_EQ(c.group, "G09B 9/00");
  ASSERT_TRUE(ingest::normalise_code("B65D17/28", c));
  EXPECT_EQ(c.group, "B65D 17/28");
  ASSERT_TRUE(ingest::normalise_code("Y02P 90/02", c));
  ASSERT_TRUE(ingest::normalise_code("G11B/85", c));  // malformed group in USPTO data: subclass only
  EXPECT_EQ(c.subclass, "G11B");
  EXPECT_EQ(c.group, "");
  EXPECT_FALSE(ingest::normalise_code("虚拟现实", c));
  EXPECT_FALSE(ingest::normalise_code("Z99Z 1/00", c));
}

struct Fixture {
  ScratchDir dir;
  store::Database db{dir.database("x.db")};
  std::unique_ptr<PatentStore> store;
  Fixture() {
    modules::migrate(db);
    store = sql_patent_store(db);
  }
};

TEST(PatentImport, RealExportsWithTheirYearlyCounts) {
  XINZHI_FULL_SCALE_ON_SQLITE_ONLY();
  auto dir = testing::shared_data() + "/patents/";
  XINZHI_REQUIRE_DATA(dir + "cn-vr-2022.csv");
  Fixture f;
  auto vr = import_patents(*f.store, dir + "cn-vr-2022.csv", "cnipa", false);
  EXPECT_EQ(vr.read, 7805u);
  EXPECT_EQ(vr.added, 7805u);
  EXPECT_EQ(vr.by_year["2016"], 1898u);  // counted from the file by 申请日
  EXPECT_EQ(f.store->count_by_year()["2016"], 1898);
  auto ar = import_patents(*f.store, dir + "cn-ar-2022.csv", "cnipa", false);
  EXPECT_EQ(ar.read, 4483u);
  EXPECT_LT(ar.added, ar.read);  // titles with both 虚拟现实 and 增强现实: one record each
  auto us = import_patents(*f.store, dir + "uspto-10k.jsonl", "jsonl", false);
  EXPECT_EQ(us.read, 10000u);
  EXPECT_EQ(us.added, 10000u);
  EXPECT_EQ(f.store->count(), static_cast<int64_t>(7805 + ar.added + 10000));
  EXPECT_EQ(import_patents(*f.store, dir + "cn-vr-2022.csv", "cnipa", false).added, 0u);
}

TEST(PatentImport, BadRowsStopOrAreSkippedAndCounted) {
  Fixture f;
  ScratchDir d;
  auto csv = d.write("p.csv",
                     "\xEF\xBB\xBF公开号,标题,申请日,国际分类,申请人\n"
                     "\"CN1\",\"甲\",\"20200101\",\"G06T 19/00\",\"天津甲有限公司\",\n"
                     "\"CN2\",\"乙\",\"2020-13\",\"G06T 19/00\",\"乙\",\n"
                     "\"CN3\",\"丙\",\"20200301\",\"虚拟\",\"丙\",\n");
  testing::expect_error(ErrorCode::InvalidInput, [&] { import_patents(*f.store, csv, "cnipa", false); },
                                   "p.csv:3: 申请日 '2020-13' is not a calendar date");
  EXPECT_EQ(f.store->count(), 0);
  auto r = import_patents(*f.store, csv, "cnipa", true);
  EXPECT_EQ(r.read, 1u);
  ASSERT_EQ(r.skipped.size(), 2u);
  EXPECT_NE(r.skipped[1].find("p.csv:4: 国际分类 '虚拟' is not an IPC code"), std::string::npos);
  EXPECT_EQ(f.store->count(), 1);
  testing::expect_error(ErrorCode::InvalidInput, [&] { import_patents(*f.store, csv, "xml", false); }, "not cnipa, jsonl or csv");
}

TEST(PatentImport, BadRowsDeepInALargeFileAreNamedInFileOrder) {
  // Rows are converted in parallel batches of 4,096; errors must still come out by line.
  Fixture f;
  ScratchDir d;
  std::string text = "number;date;codes\n";
  for (int i = 1; i <= 10000; ++i) {
    std::string date = i == 9000 ? "20221301" : "20200101";
    std::string codes = i == 5000 ? "not a code" : "G06T 19/00, G02B 27/01";
    // appended piece by piece: g++ 12 -O3 warns (-Wrestrict, falsely) on the chained operator+
    text.append("P").append(std::to_string(i)).append(";").append(date).append(";").append(codes).append("\n");
  }
  auto csv = d.write("big.csv", text);
  testing::expect_error(ErrorCode::InvalidInput, [&] { import_patents(*f.store, csv, "csv", false, "number=number,date=date,codes=codes"); },
                                   "big.csv:5001: codes 'not a code' is not an IPC code");
  EXPECT_EQ(f.store->count(), 0);
  auto r = import_patents(*f.store, csv, "csv", true, "number=number,date=date,codes=codes");
  ASSERT_EQ(r.skipped.size(), 2u);
  EXPECT_NE(r.skipped[0].find("big.csv:5001:"), std::string::npos);
  EXPECT_NE(r.skipped[1].find("big.csv:9001: date '20221301' is not a calendar date"), std::string::npos);
  EXPECT_EQ(r.added, 9998u);
  EXPECT_EQ(r.codes, 2u * 9998);
}

TEST(PatentReader, StreamsEachPatentWithItsCodesAndIndustriesInIdOrder) {
  Fixture f;
  EXPECT_EQ(f.store->last_id(), 0);
  auto patent = [](std::string number, std::string date, std::vector<ingest::PatentCode> codes) {
    return StoredPatent{{std::move(number), std::move(date), "", {"天津大学"}, std::move(codes)}, "天津市", "天津市"};
  };
  f.store->add_with_industries({patent("A", "2020-03-04", {{"G06T", "G06T 19/00"}, {"G02B", ""}}),
                                patent("B", "2021-01-02", {}),  // no codes: still a patent, with industries
                                patent("C", "2022-12-31", {{"H04N", "H04N 13/00"}})},
                               {{"虚拟现实", "人工智能"}, {"集成电路"}, {}}, "test");
  ASSERT_EQ(f.store->last_id(), 3);
  struct Seen {
    int64_t id;
    std::string filed, province, kind, codes, industries;
  };
  std::vector<Seen> seen;
  auto collect = [&](const PatentFacts& p) {
    Seen s{p.id, std::string(p.filed_on), std::string(p.province), std::string(p.applicant_kind), "", ""};
    for (const auto& c : p.codes) s.codes += c.subclass + "|" + c.group + ";";
    for (const auto& i : p.industries) s.industries += i + ";";
    seen.push_back(std::move(s));
  };
  f.store->each_patent(3, collect);
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].filed, "2020-03-04");
  EXPECT_EQ(seen[0].province, "天津市");
  EXPECT_EQ(seen[0].kind, "university");
  EXPECT_EQ(seen[0].codes, "G06T|G06T 19/00;G02B|;");  // in the order of the source
  EXPECT_EQ(seen[0].industries, "人工智能;虚拟现实;");   // sorted
  EXPECT_EQ(seen[1].codes, "");
  EXPECT_EQ(seen[1].industries, "集成电路;");
  EXPECT_EQ(seen[2].industries, "");
  seen.clear();
  f.store->each_patent(2, collect);  // patents added after a cube was loaded stay out of it
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[1].id, 2);

  auto cube = PatentCube::load(*f.store, 3);
  EXPECT_EQ(cube->size(), 3u);
  EXPECT_EQ(cube->code_count(), 3u);
  EXPECT_EQ(cube->first_year(), 2020);
  EXPECT_EQ(cube->last_year(), 2022);
  EXPECT_EQ(cube->fields(CodeLevel::Industry).size(), 3u);
  EXPECT_EQ(PatentCube::of(f.db)->size(), 3u);
}

}  // namespace xinzhi::foresight
