// Overseas listing files: the real NASA portfolio export (counts checked with awk and Python's
// csv module on the same file), Xinzhi's own CSV, and every bad input named by file:line.
#include "ingest/technology_listings.h"

#include <gtest/gtest.h>

#include <map>

#include "base/error.h"
#include "support/test_support.h"

namespace xinzhi::ingest {
namespace {

std::string key_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.key() + ": " + e.what();
  }
  return "accepted";
}

TEST(TechnologyListings, TheNasaPortfolioExportReadsWhole) {
  const auto path = testing::shared_data() + "/matching/nasa-patents.csv";
  XINZHI_REQUIRE_DATA(path);
  auto all = read_technology_listings(path, ListingFormat::Nasa);
  // 1,394 lines less the header, one title spanning two lines (a quoted line break): 1,393.
  ASSERT_EQ(all.size(), 1393u);
  std::map<std::string, int> by_status;
  for (const auto& l : all) ++by_status[l.ip_status];
  EXPECT_EQ(by_status["granted"], 924);
  EXPECT_EQ(by_status["pending"], 468);
  EXPECT_EQ(by_status["unknown"], 1);  // "GM", MSC-24745-1
  EXPECT_EQ(all[0].ref, "KSC-12871");
  EXPECT_EQ(all[0].owner, "NASA Kennedy Space Center");
  EXPECT_EQ(all[0].title, "Polyimide Wire Insulation Repair System");
  EXPECT_EQ(all[0].expires, "");
  EXPECT_EQ(all[1].expires, "2015-03-10");  // "10 March 2015"
  EXPECT_EQ(all[3].expires, "2024-06-16");  // "06/16/2024"
  size_t with_date = 0;
  for (const auto& l : all) with_date += !l.expires.empty();
  EXPECT_EQ(with_date, 1393u - 350u);  // 350 rows give no expiry
  for (const auto& l : all)
    if (l.ref == "MSC-25632-1") {
      EXPECT_EQ(l.title, "ROBOT TASK COMMANDER WITH EXTENSIBLE PROGRAMMING ENVIRONMENT");
      EXPECT_EQ(l.line, 1342u);
      EXPECT_EQ(l.expires, "2033-03-14");
    }
}

TEST(TechnologyListings, DatesInTheFormsOfficesWrite) {
  std::string iso;
  EXPECT_TRUE(parse_listing_date("02 February 2020", iso));
  EXPECT_EQ(iso, "2020-02-02");
  EXPECT_TRUE(parse_listing_date("12/24/2018", iso));
  EXPECT_EQ(iso, "2018-12-24");
  EXPECT_TRUE(parse_listing_date("2028-02-29", iso));
  EXPECT_TRUE(parse_listing_date("  ", iso));
  EXPECT_EQ(iso, "");
  EXPECT_FALSE(parse_listing_date("24/12/2018", iso));  // month 24
  EXPECT_FALSE(parse_listing_date("2027-02-29", iso));
  EXPECT_FALSE(parse_listing_date("31 Smarch 2020", iso));
  EXPECT_FALSE(parse_listing_date("2020-01-01x", iso));
}

TEST(TechnologyListings, OwnCsvWithChineseTitlesAndTrl) {
  testing::ScratchDir dir;
  auto path = dir.write("l.csv",
                        "ref,title,title_zh,owner,country,status,trl,licence,expires\n"
                        "DE-1,Solid electrolyte separator,固态电解质隔膜,Fraunhofer ISC,DE,granted,6,exclusive in China,2031-05-01\n"
                        "IL-7,Drip irrigation sensor,,Technion,IL,pending,,,\n");
  auto all = read_technology_listings(path, ListingFormat::Xinzhi);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].title_zh, "固态电解质隔膜");
  EXPECT_EQ(all[0].trl, 6);
  EXPECT_EQ(all[0].ip_status, "granted");
  EXPECT_EQ(all[0].licence, "exclusive in China");
  EXPECT_EQ(all[1].trl, 0);  // not stated, not a low readiness
  EXPECT_EQ(all[1].ip_status, "pending");
}

TEST(TechnologyListings, BadFilesAreNamedByFileAndLine) {
  testing::ScratchDir dir;
  auto bad = [&](const std::string& body, ListingFormat f = ListingFormat::Xinzhi) {
    auto path = dir.write("b.csv", body);
    return key_of([&] { read_technology_listings(path, f); });
  };
  EXPECT_NE(bad("title\nx\n").find("listing_column_missing"), std::string::npos);
  EXPECT_NE(bad("ref,title\nA,x\nA,y\n").find("b.csv:3: case number A is listed already on line 2"), std::string::npos);
  EXPECT_NE(bad("ref,title\nA,\n").find("b.csv:2: title is ''"), std::string::npos);
  EXPECT_NE(bad("ref,title,trl\nA,x,10\n").find("trl is '10', expected a whole number 1 to 9"), std::string::npos);
  EXPECT_NE(bad("ref,title,expires\nA,x,tomorrow\n").find("b.csv:2: expires is 'tomorrow'"), std::string::npos);
  EXPECT_NE(bad("ref,title\n").find("listing_file_empty"), std::string::npos);
  EXPECT_NE(bad("").find("listing_file_empty"), std::string::npos);
  EXPECT_NE(bad("Center;Status;Title\n", ListingFormat::Nasa).find("no column 'case number'"), std::string::npos);
  EXPECT_NE(bad("ref,title\nA,\xff\xfe\n").find("not valid UTF-8"), std::string::npos);
}

}  // namespace
}  // namespace xinzhi::ingest
