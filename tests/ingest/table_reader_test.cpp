#include "ingest/table_reader.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace xinzhi::ingest {

using testing::expect_error;
using testing::ScratchDir;

std::vector<std::vector<std::string>> read_all(const std::string& path, TableFormat f) {
  TableReader r(path, f);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> fields;
  while (r.next(fields)) rows.push_back(fields);
  return rows;
}

TEST(TableReader, CsvWithBomQuotesAndEmbeddedNewline) {
  ScratchDir dir;
  auto p = dir.write("a.csv", "\xEF\xBB\xBF公开号,申请人\r\nCN1,\"天津, 滨海\"\r\n\r\nCN2,\"第一行\n第二行 \"\"引号\"\"\"\r\n");
  auto rows = read_all(p, TableFormat::Csv);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][0], "公开号");  // BOM stripped
  EXPECT_EQ(rows[1][1], "天津, 滨海");
  EXPECT_EQ(rows[2][1], "第一行\n第二行 \"引号\"");
}

TEST(TableReader, CsvWithoutBomAndTrailingComma) {
  ScratchDir dir;
  // The CNIPA exports end every row with a comma: one more (empty) field.
  auto rows = read_all(dir.write("b.csv", "a,b,\n1,2,\n"), TableFormat::Csv);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].size(), 3u);
  EXPECT_EQ(rows[1][2], "");
}

TEST(TableReader, TsvAndWhitespaceColumns) {
  ScratchDir dir;
  auto tsv = read_all(dir.write("c.tsv", "KUMO KUMO\t3\n"), TableFormat::Tsv);
  EXPECT_EQ(tsv[0][0], "KUMO KUMO");
  auto ws = read_all(dir.write("d.txt", "1\t5  2 \t 9\n"), TableFormat::Whitespace);
  EXPECT_EQ(ws[0], (std::vector<std::string>{"1", "5", "2", "9"}));
}

TEST(TableReader, ErrorsNameFileAndLine) {
  ScratchDir dir;
  auto p = dir.write("e.csv", "a,b\n1,2\n3,\"open\n");
  expect_error(ErrorCode::InvalidInput, [&] { read_all(p, TableFormat::Csv); }, "e.csv:3: quoted field is not closed");
  auto bad = dir.write("f.csv", "a\n\xFF\xFE\n");
  expect_error(ErrorCode::InvalidInput, [&] { read_all(bad, TableFormat::Csv); }, "f.csv:2: not valid UTF-8");
  expect_error(ErrorCode::InvalidInput, [&] { read_all(dir.file("missing.csv"), TableFormat::Csv); }, "no such file");
}

TEST(JsonLinesReader, ReadsValuesAndNamesTheBadLine) {
  ScratchDir dir;
  auto p = dir.write("g.jsonl", "{\"id\":1}\n\n{\"id\":2}\n{\"id\":\n");
  JsonLinesReader r(p);
  nlohmann::json v;
  ASSERT_TRUE(r.next(v));
  EXPECT_EQ(v["id"], 1);
  ASSERT_TRUE(r.next(v));
  EXPECT_EQ(v["id"], 2);
  expect_error(ErrorCode::InvalidInput, [&] { r.next(v); }, "g.jsonl:4: not valid JSON");
}

TEST(ParseIndex, AcceptsOnlyPlainNonNegativeIntegers) {
  int64_t v;
  EXPECT_TRUE(parse_index("60867", v));
  EXPECT_EQ(v, 60867);
  EXPECT_FALSE(parse_index("-1", v));
  EXPECT_FALSE(parse_index("12a", v));
  EXPECT_FALSE(parse_index("", v));
  EXPECT_FALSE(parse_index("99999999999999999999999", v));
}

}  // namespace xinzhi::ingest
