#include "modules/linkage/linkage_service.h"

#include <gtest/gtest.h>

#include "../../support/test_support.h"

namespace xinzhi::linkage {
namespace {

std::string fixture(const std::string& name) { return std::string(XINZHI_SOURCE_DIR) + "/tests/cli/fixtures/io/" + name; }

// ONS, United Kingdom Input-Output Analytical Tables 2010 (2014 edition), sheet "Multipliers":
// Type I output multipliers (product by product) of the first ten products, as printed there
// and quoted in rOpenGov/iotables' vignette "United Kingdom Input-Output Analytical Tables".
TEST(LinkageServiceTest, ReproducesTheOnsPublishedTypeIOutputMultipliersOfTheUk2010Table) {
  auto path = testing::shared_data() + "/io/uk-2010-iot-domestic.csv";
  XINZHI_REQUIRE_DATA(path);
  auto table = ingest::read_io_table(path);
  ASSERT_EQ(table.sectors.size(), 127u);
  EXPECT_EQ(table.output_from, "row 'total output'");
  auto r = sector_linkages(table);
  const std::vector<std::pair<std::string, double>> published = {
      {"Products of agriculture, hunting and related services", 1.8312},
      {"Products of forestry, logging and related services", 2.1187},
      {"Fish and other fishing products; aquaculture products; support services to fishing", 1.6284},
      {"Coal and lignite", 1.7891},
      {"Crude petroleum and natural gas & Metal ores", 1.4155},
      {"Other mining and quarrying products", 1.5231},
      {"Mining support services", 1.5692},
      {"Preserved meat and meat products", 2.2693},
      {"Processed and preserved fish, crustaceans, molluscs, fruit and vegetables", 1.9499},
      {"Vegetable and animal oils and fats", 1.6088},
  };
  for (size_t j = 0; j < published.size(); ++j) {
    EXPECT_EQ(r.sectors[j].name, published[j].first);
    EXPECT_NEAR(r.sectors[j].output_multiplier, published[j].second, 0.00005) << published[j].first;
  }
  // The linkages are normalised: both average exactly 1 over the sectors.
  double bl = 0, fl = 0;
  for (const auto& s : r.sectors) bl += s.backward_linkage, fl += s.forward_linkage;
  EXPECT_NEAR(bl / 127, 1, 1e-12);
  EXPECT_NEAR(fl / 127, 1, 1e-12);
  // The control character in the NPISH headers is not part of the name.
  EXPECT_EQ(r.sectors.back().name, "Other Personal Services NPISH");
}

TEST(LinkageServiceTest, ReadsTheNbsWorkbookLayoutLikeTheOnsCsv) {
  auto ons = sector_linkages(ingest::read_io_table(fixture("miller_blair.csv")));
  auto nbs_table = ingest::read_io_table(fixture("nbs_layout.xlsx"));
  EXPECT_EQ(nbs_table.sectors, (std::vector<std::string>{"农林牧渔产品和服务", "制造业"}));
  EXPECT_EQ(nbs_table.output_from, "row '总投入'");
  auto nbs = sector_linkages(nbs_table);
  ASSERT_EQ(nbs.sectors.size(), 2u);
  for (size_t j = 0; j < 2; ++j) {
    EXPECT_DOUBLE_EQ(nbs.sectors[j].output_multiplier, ons.sectors[j].output_multiplier);
    EXPECT_DOUBLE_EQ(nbs.sectors[j].forward_linkage, ons.sectors[j].forward_linkage);
  }
  EXPECT_NEAR(ons.sectors[0].output_multiplier, 1.15 / 0.7575, 1e-12);  // Miller & Blair §2.3
}

TEST(LinkageServiceTest, BadTablesNameTheFileLineAndColumn) {
  testing::expect_error(ErrorCode::InvalidInput, [] { ingest::read_io_table(fixture("no_marker.csv")); },
                        "no column of total intermediate use");
  testing::expect_error(ErrorCode::InvalidInput, [] { ingest::read_io_table(fixture("text_cell.csv")); },
                        "text_cell.csv:2: column 'Manufacturing': 'five hundred' is not a number");
  testing::expect_error(ErrorCode::InvalidInput, [] { ingest::read_io_table(fixture("missing_row.csv")); },
                        "missing_row.csv:1: the column 'Mining' (column 4) names no row");
  // A sector column first in the block without its row was dropped silently (review).
  testing::expect_error(ErrorCode::InvalidInput, [] { ingest::read_io_table(fixture("missing_first_row.csv")); },
                        "missing_first_row.csv:1: the column 'Mining' (column 2) holds numbers but names no row");
  testing::expect_error(ErrorCode::InvalidInput,
                        [] { sector_linkages(ingest::read_io_table(fixture("not_productive.csv"))); },
                        "the intermediate inputs of sector 'Agriculture' are 1.05");
  testing::expect_error(ErrorCode::InvalidInput, [] { ingest::read_io_table(fixture("absent.csv")); }, "absent.csv");
}

}  // namespace
}  // namespace xinzhi::linkage
