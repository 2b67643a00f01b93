#include "engines/text/bm25_index.h"

#include <gtest/gtest.h>

#include <cmath>

#include "base/error.h"

namespace xinzhi::text {
namespace {

// Three documents, by hand: N = 3, avgdl = (3 + 2 + 4) / 3 = 3.
//   d0: 锂 电池 材料      d1: 电池 回收      d2: 锂 锂 矿 资源
// Query 锂: n = 2, Lucene idf = ln(1 + 1.5/2.5) = ln 1.6.
//   d2: f = 2, |d| = 4: 1.2·(0.25 + 0.75·4/3) = 1.5 → idf·2·2.2/(2 + 1.5)
//   d0: f = 1, |d| = 3: 1.2 → idf·2.2/2.2 = idf
TEST(Bm25Index, ScoresAsOkapiBm25ByHand) {
  Bm25Index index;
  index.add({"锂", "电池", "材料"});
  index.add({"电池", "回收"});
  index.add({"锂", "锂", "矿", "资源"});
  index.run();
  EXPECT_DOUBLE_EQ(index.average_length(), 3.0);
  auto hits = index.search({"锂"}, 10);
  ASSERT_EQ(hits.size(), 2u);
  const double idf = std::log(1.6);
  EXPECT_EQ(hits[0].document, 2u);
  EXPECT_NEAR(hits[0].score, idf * 2 * 2.2 / 3.5, 1e-12);
  EXPECT_EQ(hits[1].document, 0u);
  EXPECT_NEAR(hits[1].score, idf, 1e-12);
  // Two words: their scores add; a word no document holds adds nothing.
  auto both = index.search({"锂", "电池", "钠"}, 10);
  ASSERT_EQ(both.size(), 3u);
  EXPECT_EQ(both[0].document, 0u);  // holds both
  EXPECT_EQ(index.search({"钠"}, 10).size(), 0u);
  EXPECT_EQ(index.search({"锂"}, 1).size(), 1u);
}

TEST(Bm25Index, TheFts5FormFloorsTheIdfOfCommonWords) {
  Bm25Index index(1.2, 0.75, Bm25Idf::Fts5);
  index.add({"电池"});
  index.add({"电池", "锂"});
  index.run();
  EXPECT_DOUBLE_EQ(index.idf("电池"), 1e-6);  // ln(0.5 / 2.5) < 0
  EXPECT_DOUBLE_EQ(index.idf("锂"), std::log(1.5 / 1.5) <= 0 ? 1e-6 : std::log(1.0));
  EXPECT_DOUBLE_EQ(index.idf("钠"), 0.0);
}

TEST(Bm25Index, RefusesBadParametersAndEarlyReads) {
  EXPECT_THROW(Bm25Index(-1, 0.75), Error);
  EXPECT_THROW(Bm25Index(1.2, 1.5), Error);
  Bm25Index index;
  index.add({"a"});
  EXPECT_THROW(index.search({"a"}, 1), Error);
  index.run();
  EXPECT_THROW(index.add({"b"}), Error);
}

}  // namespace
}  // namespace xinzhi::text
