// The national demand list as ministries circulate it: Chinese or English headers, an .xlsx
// workbook or its CSV export, and bad rows named by file and line.
#include "ingest/national_tasks.h"

#include <gtest/gtest.h>

#include "base/error.h"
#include "support/test_support.h"

namespace xinzhi::ingest {
namespace {

const std::string kFixtures = std::string(XINZHI_SOURCE_DIR) + "/tests/cli/fixtures/tasks/";

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.key() + ": " + e.what();
  }
  return "accepted";
}

TEST(NationalDemands, TheSampleListReadsFromCsvAndXlsxAlike) {
  auto csv = read_national_demands(std::string(XINZHI_SOURCE_DIR) + "/data/tasks/sample-national-demands-2026.csv");
  ASSERT_EQ(csv.size(), 6u);
  EXPECT_EQ(csv[0].ref, "2026-XX-01");
  EXPECT_EQ(csv[0].title, "虚拟现实沉浸式训练仿真平台（示例）");
  EXPECT_EQ(csv[0].field, "新一代信息技术");
  EXPECT_EQ(csv[0].department, "示例部委甲");
  EXPECT_EQ(csv[0].deadline, "2026-09-30");
  EXPECT_EQ(csv[5].line, 7u);
  // The workbook holds the first three rows of the same list.
  auto xlsx = read_national_demands(kFixtures + "demands.xlsx");
  ASSERT_EQ(xlsx.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(xlsx[i].ref, csv[i].ref);
    EXPECT_EQ(xlsx[i].title, csv[i].title);
    EXPECT_EQ(xlsx[i].text, csv[i].text);
    EXPECT_EQ(xlsx[i].deadline, csv[i].deadline);
  }
}

TEST(NationalDemands, EnglishHeadersAndRowsWithoutANumber) {
  testing::ScratchDir dir;
  auto list = read_national_demands(dir.write("l.csv", "Title,Field,Description\n量子传感,量子,冷原子干涉\n"));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].ref, "L2");  // numbered by its line
  EXPECT_EQ(list[0].text, "冷原子干涉");
}

TEST(NationalDemands, DeadlinesInTheFormsListsWriteThemAndBlankRowsSkipped) {
  testing::ScratchDir dir;
  auto list = read_national_demands(dir.write("d.csv",
      "编号,需求名称,截止日期\n1,甲,2026/9/30\n,,\n2,乙,2026年10月1日\n3,丙,46295\n4,丁,2028-02-29\n"));
  ASSERT_EQ(list.size(), 4u);
  EXPECT_EQ(list[0].deadline, "2026-09-30");
  EXPECT_EQ(list[1].deadline, "2026-10-01");
  EXPECT_EQ(list[1].line, 4u);
  EXPECT_EQ(list[2].deadline, "2026-09-30");  // Excel's serial 46295 (=DATE(2026,9,30) in a spreadsheet)
  EXPECT_EQ(list[3].deadline, "2028-02-29");
  EXPECT_NE(message_of([&] { read_national_demands(dir.write("e.csv", "编号,需求名称,截止日期\n1,甲,2026/2/30\n")); })
                .find("the deadline '2026/2/30'"),
            std::string::npos);
}

TEST(NationalDemands, BadListsAreNamedByFileAndLine) {
  testing::ScratchDir dir;
  EXPECT_NE(message_of([&] { read_national_demands(kFixtures + "no-title.csv"); }).find("no-title.csv:1: no column 需求名称"),
            std::string::npos);
  EXPECT_NE(message_of([&] { read_national_demands(kFixtures + "bad-deadline.csv"); }).find("bad-deadline.csv:2: the deadline '2026-13-01'"),
            std::string::npos);
  EXPECT_NE(message_of([&] { read_national_demands(dir.write("d.csv", "编号,需求名称\n1,甲\n1,乙\n")); })
                .find("d.csv:3: number 1 is listed already on line 2"),
            std::string::npos);
  EXPECT_NE(message_of([&] { read_national_demands(dir.write("e.csv", "编号,需求名称\n1,\n")); }).find("task_field_invalid"),
            std::string::npos);
  EXPECT_NE(message_of([&] { read_national_demands(dir.write("h.csv", "编号,需求名称\n")); }).find("task_file_empty"), std::string::npos);
}

}  // namespace
}  // namespace xinzhi::ingest
