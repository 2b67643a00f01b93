#include "ingest/ickg.h"

#include <gtest/gtest.h>

#include <map>

#include "support/test_support.h"

namespace xinzhi::ingest {

using testing::expect_error;
using testing::ScratchDir;

// A three-entity ICKG folder; `train` replaces the training quadruples.
std::string mini_ickg(const ScratchDir& dir, const std::string& train) {
  dir.write("g/entity2id.txt", "天津滨海示例有限公司\t0\n动力电池\t1\n一种电池的示例方法\t2\n");
  dir.write("g/relation2id.txt", "涉足行业\t0\n持有专利\t1\n");
  dir.write("g/time2id.txt", "0,2025-01-01\n1,2025-01-02\n");
  dir.write("g/train.txt", train);
  return dir.file("g");
}

TEST(Ickg, ReadsTheRealIckg25Folder) {
  XINZHI_REQUIRE_DATA(testing::ickg25());
  auto data = read_ickg(testing::ickg25());
  EXPECT_EQ(data.entities.size(), 60868u);
  EXPECT_EQ(data.relations.size(), 13u);
  EXPECT_EQ(data.dates.size(), 243u);
  EXPECT_EQ(data.quads.size(), 68237u);  // train + valid + test
  std::map<std::string, size_t> splits(data.splits.begin(), data.splits.end());
  EXPECT_EQ(splits["train.txt"], 54589u);
  EXPECT_EQ(splits["valid.txt"], 6824u);
  EXPECT_EQ(splits["test.txt"], 6824u);
  EXPECT_EQ(data.entities[0].name, "风电");
  EXPECT_EQ(data.dates.front().second, "2025-01-01");
  EXPECT_EQ(data.dates.back().second, "2025-09-02");
}

TEST(Ickg, InfersKindsOnRealEntities) {
  XINZHI_REQUIRE_DATA(testing::ickg25());
  auto data = read_ickg(testing::ickg25());
  auto kinds = infer_ickg_kinds(data);
  std::map<std::string, std::string> kind_of;
  for (size_t i = 0; i < kinds.size(); ++i) kind_of[data.entities[i].name] = kind_name(kinds[i]);
  EXPECT_EQ(kind_of["风电"], "industry");
  EXPECT_EQ(kind_of["高纯石英矿"], "industry");
  EXPECT_EQ(kind_of["航天军工"], "industry");
  EXPECT_EQ(kind_of["宁德时代"], "company");
  EXPECT_EQ(kind_of["复瑞医疗科技（上海）有限公司"], "company");
  EXPECT_EQ(kind_of["彪马"], "company");
  EXPECT_EQ(kind_of["一种高锰控氮含铜奥氏体不锈钢的冶炼方法"], "patent");
  EXPECT_EQ(kind_of["净饮机"], "other");  // a product made from a patent
}

TEST(Ickg, SmallFolderRoundTrip) {
  ScratchDir dir;
  auto data = read_ickg(mini_ickg(dir, "0\t0\t1\t0\n0 1 2 1\n"));
  ASSERT_EQ(data.quads.size(), 2u);
  auto kinds = infer_ickg_kinds(data);
  EXPECT_EQ(kinds[0], EntityKind::Company);
  EXPECT_EQ(kinds[1], EntityKind::Industry);
  EXPECT_EQ(kinds[2], EntityKind::Patent);
}

TEST(Ickg, MalformedQuadruplesNameFileAndLine) {
  ScratchDir a, b, c, d;
  expect_error(ErrorCode::InvalidInput, [&] { read_ickg(mini_ickg(a, "0\t0\t1\t0\nx\t0\t1\t0\n")); },
                          "train.txt:2: column head is 'x', expected a numeric id");
  expect_error(ErrorCode::InvalidInput, [&] { read_ickg(mini_ickg(b, "0\t7\t1\t0\n")); }, "train.txt:1: unknown relation id 7");
  expect_error(ErrorCode::InvalidInput, [&] { read_ickg(mini_ickg(c, "0\t0\t1\n")); },
                          "train.txt:1: expected 4 columns (head relation tail time), found 3");
  expect_error(ErrorCode::InvalidInput, [&] { read_ickg(mini_ickg(d, "0\t0\t9\t0\n")); }, "train.txt:1: unknown tail entity id 9");
}

TEST(Ickg, MalformedIdFilesAreRefused) {
  ScratchDir a, b;
  auto folder = mini_ickg(a, "");
  a.write("g/time2id.txt", "0,2025-13-01\n");
  expect_error(ErrorCode::InvalidInput, [&] { read_ickg(folder); }, "time2id.txt:1: date '2025-13-01' is not a calendar date");
  auto folder2 = mini_ickg(b, "");
  b.write("g/entity2id.txt", "甲\t0\n乙\t0\n");
  expect_error(ErrorCode::InvalidInput, [&] { read_ickg(folder2); }, "entity2id.txt:2: id 0 appears twice");
  expect_error(ErrorCode::InvalidInput, [&] { read_ickg(a.file("nowhere")); }, "not a folder");
}

}  // namespace xinzhi::ingest
