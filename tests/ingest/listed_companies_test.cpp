#include "ingest/listed_companies.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace xinzhi::ingest {

using testing::expect_error;
using testing::ScratchDir;

std::string chainkg_companies() { return testing::shared_data() + "/chainkg/company.json"; }

TEST(ListedCompanies, ReadsTheRealChainkgTable) {
  XINZHI_REQUIRE_DATA(chainkg_companies());
  auto table = ListedCompanies::read(chainkg_companies());
  EXPECT_EQ(table.size(), 4654u);  // wc -l company.json
  auto ganfeng = table.by_short_name("赣锋锂业");
  ASSERT_EQ(ganfeng.size(), 1u);
  EXPECT_EQ(ganfeng[0]->full_name, "江西赣锋锂业股份有限公司");
  EXPECT_EQ(ganfeng[0]->code, "002460");  // 002460.SZ in the file: the suffix is dropped
  auto jinli = table.by_short_name("金力永磁");
  ASSERT_EQ(jinli.size(), 1u);
  EXPECT_EQ(jinli[0]->full_name, "江西金力永磁科技股份有限公司");
  // A renamed firm keeps one short name under both registered names (checked with grep).
  auto dehao = table.by_short_name("*ST德豪");
  ASSERT_EQ(dehao.size(), 2u);
  EXPECT_EQ(dehao[0]->code, dehao[1]->code);
  EXPECT_EQ(table.by_full_name("江西赣锋锂业股份有限公司").size(), 1u);
  EXPECT_TRUE(table.by_short_name("华为").empty());
}

TEST(ListedCompanies, FoldsWidthAndSpacesWhenLookingUp) {
  ScratchDir dir;
  auto path = dir.write("c.json",
                        "{\"name\": \"甲乙 科技\", \"fullname\": \"天津甲乙科技股份有限公司\", \"code\": \"600001.SH\"}\n"
                        "\n"
                        "{\"name\": \"ＡＢ电子\", \"fullname\": \"AB电子股份有限公司\", \"code\": \"000002\", "
                        "\"location\": \"深圳证券交易所\", \"province\": \"广东\"}\n");
  auto table = ListedCompanies::read(path);
  ASSERT_EQ(table.size(), 2u);
  ASSERT_EQ(table.by_short_name("甲乙科技").size(), 1u);
  EXPECT_EQ(table.by_short_name("甲乙科技")[0]->code, "600001");
  ASSERT_EQ(table.by_short_name("AB电子").size(), 1u);
  EXPECT_EQ(table.by_short_name("AB电子")[0]->province, "广东");
  EXPECT_EQ(table.by_short_name("AB电子")[0]->exchange, "深圳证券交易所");
}

TEST(ListedCompanies, MalformedLinesNameFileAndLine) {
  ScratchDir dir;
  const std::string ok = "{\"name\": \"甲\", \"fullname\": \"甲股份有限公司\", \"code\": \"600001\"}\n";
  auto bad = [&](const std::string& name, const std::string& line) { return dir.write(name, ok + line); };
  expect_error(ErrorCode::InvalidInput, [&] { ListedCompanies::read(bad("a.json", "{\"name\": \"乙\"\n")); },
               "a.json:2: not valid JSON");
  expect_error(ErrorCode::InvalidInput,
               [&] { ListedCompanies::read(bad("b.json", "{\"name\": \"乙\", \"code\": \"600002\"}\n")); },
               "b.json:2: field 'fullname' is missing");
  expect_error(ErrorCode::InvalidInput,
               [&] { ListedCompanies::read(bad("c.json", "{\"name\": \"乙\", \"fullname\": \"乙公司\", \"code\": 600002}\n")); },
               "c.json:2: field 'code' is not a string");
  expect_error(ErrorCode::InvalidInput,
               [&] { ListedCompanies::read(bad("d.json", "{\"name\": \"乙\", \"fullname\": \"乙公司\", \"code\": \"60A\"}\n")); },
               "d.json:2: code '60A' is not a six-digit stock code");
  expect_error(ErrorCode::InvalidInput, [&] { ListedCompanies::read(bad("e.json", "[1, 2]\n")); },
               "e.json:2: expected a JSON object");
  expect_error(ErrorCode::InvalidInput,
               [&] { ListedCompanies::read(bad("f.json", "{\"name\": \" \", \"fullname\": \"乙公司\", \"code\": \"600002\"}\n")); },
               "f.json:2: field 'name' is empty");
  expect_error(ErrorCode::InvalidInput, [&] { ListedCompanies::read(dir.file("missing.json")); }, "missing.json: no such file");
}

}  // namespace xinzhi::ingest
