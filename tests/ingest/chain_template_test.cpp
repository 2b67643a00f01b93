// The chain template as an Excel workbook: read like its CSV export.
#include "ingest/chain_template.h"

#include <gtest/gtest.h>

#include "ingest/xlsx_reader.h"
#include "support/test_support.h"

namespace xinzhi::ingest {

TEST(ChainTemplateXlsx, TheShippedWorkbookReadsLikeItsCsv) {
  std::string dir = std::string(XINZHI_SOURCE_DIR) + "/data/examples/";
  auto from_csv = read_chain_csv(dir + "chain-template.csv");
  auto from_xlsx = read_chain_xlsx(dir + "chain-template.xlsx");
  ASSERT_EQ(from_csv.size(), 1u);
  ASSERT_EQ(from_xlsx.size(), 1u);
  const auto &a = from_csv[0], &b = from_xlsx[0];
  EXPECT_EQ(a.name, b.name);
  ASSERT_EQ(a.segments.size(), b.segments.size());
  for (size_t i = 0; i < a.segments.size(); ++i) {
    EXPECT_EQ(a.segments[i].name, b.segments[i].name);
    EXPECT_EQ(a.segments[i].stage, b.segments[i].stage);
    EXPECT_EQ(a.segments[i].parent, b.segments[i].parent);
    EXPECT_EQ(a.segments[i].where.substr(a.segments[i].where.rfind(':')),
              b.segments[i].where.substr(b.segments[i].where.rfind(':')));  // same row numbers
  }
  ASSERT_EQ(a.links.size(), b.links.size());
  ASSERT_EQ(a.firms.size(), b.firms.size());
  for (size_t i = 0; i < a.firms.size(); ++i) {
    EXPECT_EQ(a.firms[i].name, b.firms[i].name);
    EXPECT_EQ(a.firms[i].region, b.firms[i].region);
    EXPECT_EQ(a.firms[i].role, b.firms[i].role);
  }
  auto rows = read_xlsx_first_sheet(dir + "chain-template.xlsx");
  EXPECT_EQ(rows.front().number, 1u);
  EXPECT_EQ(rows.front().cells.front(), "chain");
}

TEST(ChainTemplateXlsx, NonWorkbooksAreRefused) {
  testing::ScratchDir d;
  auto fake = d.write("fake.xlsx", "chain,kind\n");
  testing::expect_error(ErrorCode::InvalidInput, [&] { read_xlsx_first_sheet(fake); }, "not an .xlsx workbook");
  testing::expect_error(ErrorCode::InvalidInput, [&] { read_xlsx_first_sheet(d.file("none.xlsx")); }, "cannot open");
}

}  // namespace xinzhi::ingest
