#include "modules/search/word_index.h"

#include <gtest/gtest.h>

#include <cmath>

namespace xinzhi::search {
namespace {

using Words = std::vector<std::string>;

// jieba's words (python3-jieba 0.42.1 cuts 虚拟现实(vr)头盔 into 虚拟现实|(|vr|)|头盔), with the
// full-width forms folded first, ASCII lower case and punctuation left out.
TEST(WordIndex, WordsAreJiebasWithoutPunctuationInLowerCase) {
  EXPECT_EQ(WordIndex::words("虚拟现实（VR）头盔"), (Words{"虚拟现实", "vr", "头盔"}));
  EXPECT_EQ(WordIndex::words("回收 锂电池"), (Words{"回收", "锂电池"}));
  EXPECT_EQ(WordIndex::words("，。、《》—— % _ \\"), Words{});
  EXPECT_EQ(WordIndex::words(""), Words{});
  // English stop words go as jieba's keyword extraction drops them.
  EXPECT_EQ(WordIndex::words("The VR of 头盔"), (Words{"vr", "头盔"}));
}

// Function words — the 33 jieba's IDF table rates below 3 (的 0.88, 不 2.60, 与 2.70) — say
// nothing of a topic; 一种 (4.13) and words the table lacks (its median) stay.
TEST(WordIndex, FunctionWordsAreLeftOut) {
  EXPECT_EQ(WordIndex::words("不存在的名称"), (Words{"存在", "名称"}));
  EXPECT_EQ(WordIndex::words("一种锂电池与正极材料"), (Words{"一种", "锂电池", "正极", "材料"}));
  EXPECT_EQ(WordIndex::words("无人集卡"), (Words{"无人", "集卡"}));
}

// jieba cuts procédé into proc|é|d|é; the pieces of one alphabetic word are one word again,
// and two words stay two.
TEST(WordIndex, AccentedLatinWordsStayWhole) {
  EXPECT_EQ(WordIndex::words("Procédé de recyclage"), (Words{"procédé", "de", "recyclage"}));
  EXPECT_EQ(WordIndex::words("SOCIÉTÉ·EXEMPLE"), (Words{"sociÉtÉ", "exemple"}));
  EXPECT_EQ(WordIndex::words("Ёлка锂"), (Words{"Ёлка", "锂"}));
}

// Scores as BM25 gives them (k1 1.2, b 0.75, Lucene IDF), worked by hand: three documents of
// lengths 2, 3 and 1 (average 2); 回收 is in two of them, IDF ln(1 + 1.5/2.5) = 0.4700.
TEST(WordIndex, RanksByBm25OverTheWords) {
  WordIndex index;
  index.add("锂电池 回收");    // 0: 锂电池, 回收
  index.add("废旧 塑料 回收");  // 1
  index.add("装置");           // 2
  index.run();
  auto hits = index.search("回收", 10);
  ASSERT_EQ(hits.size(), 2u);
  const double idf = std::log(1.0 + 1.5 / 2.5);
  auto expected = [&](double length) { return idf * 2.2 / (1.0 + 1.2 * (0.25 + 0.75 * length / 2.0)); };
  EXPECT_EQ(hits[0].document, 0u);
  EXPECT_NEAR(hits[0].score, expected(2), 1e-12);
  EXPECT_EQ(hits[1].document, 1u);
  EXPECT_NEAR(hits[1].score, expected(3), 1e-12);
  EXPECT_TRUE(index.search("，", 10).empty());
  // A word typed twice counts once.
  auto twice = index.search("回收 回收", 10);
  ASSERT_EQ(twice.size(), 2u);
  EXPECT_EQ(twice[0].score, hits[0].score);
}

}  // namespace
}  // namespace xinzhi::search
