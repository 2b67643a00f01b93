// Porter2 on the examples of its published description, and TF-IDF keywords by hand.
#include "engines/text/english_stemmer.h"

#include <gtest/gtest.h>

#include "engines/text/tfidf_keywords.h"

namespace xinzhi::text {
namespace {

// snowballstem.org/algorithms/english/stemmer.html: the sample of its vocabulary and output.
TEST(EnglishStemmerTest, PublishedSampleVocabulary) {
  const std::vector<std::pair<const char*, const char*>> sample = {
      {"consign", "consign"},       {"consigned", "consign"},     {"consigning", "consign"},  {"consignment", "consign"},
      {"consist", "consist"},       {"consisted", "consist"},     {"consistency", "consist"}, {"consistent", "consist"},
      {"consistently", "consist"},  {"consisting", "consist"},    {"consists", "consist"},    {"consolation", "consol"},
      {"consolations", "consol"},   {"consolatory", "consolatori"}, {"console", "consol"},    {"consoled", "consol"},
      {"consoles", "consol"},       {"consolidate", "consolid"},  {"consolidated", "consolid"}, {"consolidating", "consolid"},
      {"consoling", "consol"},      {"consolingly", "consol"},    {"consols", "consol"},      {"consonant", "conson"},
      {"consort", "consort"},       {"consorted", "consort"},     {"consorting", "consort"},  {"conspicuous", "conspicu"},
      {"conspicuously", "conspicu"}, {"conspiracy", "conspiraci"}, {"conspirator", "conspir"}, {"conspirators", "conspir"},
      {"conspire", "conspir"},      {"conspired", "conspir"},     {"conspiring", "conspir"},  {"constable", "constabl"},
      {"constables", "constabl"},   {"constance", "constanc"},    {"constancy", "constanc"},  {"constant", "constant"},
      {"knack", "knack"},           {"knackeries", "knackeri"},   {"knacks", "knack"},        {"knag", "knag"},
      {"knave", "knave"},           {"knaves", "knave"},          {"knavish", "knavish"},     {"kneaded", "knead"},
      {"kneading", "knead"},        {"knee", "knee"},             {"kneel", "kneel"},         {"kneeled", "kneel"},
      {"kneeling", "kneel"},        {"kneels", "kneel"},          {"knees", "knee"},          {"knell", "knell"},
      {"knelt", "knelt"},           {"knew", "knew"},             {"knick", "knick"},         {"knif", "knif"},
      {"knife", "knife"},           {"knight", "knight"},         {"knightly", "knight"},     {"knights", "knight"},
      {"knit", "knit"},             {"knits", "knit"},            {"knitted", "knit"},        {"knitting", "knit"},
      {"knives", "knive"},          {"knob", "knob"},             {"knobs", "knob"},          {"knock", "knock"},
      {"knocked", "knock"},         {"knocker", "knocker"},       {"knockers", "knocker"},    {"knocking", "knock"},
      {"knocks", "knock"},          {"knopp", "knopp"},           {"knot", "knot"},           {"knots", "knot"},
  };
  for (const auto& [word, stem] : sample) EXPECT_EQ(english_stem(word), stem) << word;
}

TEST(EnglishStemmerTest, ExceptionsShortWordsAndOtherCharacters) {
  EXPECT_EQ(english_stem("skies"), "sky");
  EXPECT_EQ(english_stem("news"), "news");
  EXPECT_EQ(english_stem("succeeding"), "succeed");
  EXPECT_EQ(english_stem("generously"), "generous");
  EXPECT_EQ(english_stem("is"), "is");
  EXPECT_EQ(english_stem("Running"), "Running");  // upper case: the caller lower-cases
  EXPECT_EQ(english_stem("电池"), "电池");
  EXPECT_EQ(english_stem(""), "");
  EXPECT_EQ(english_words("NASA's Polyimide-Wire repair, 2nd test"),
            (std::vector<std::string>{"nasa's", "polyimide", "wire", "repair", "2nd", "test"}));
}

TEST(TfIdfKeywordsTest, WeightsByHandAndTiesInFirstAppearance) {
  // Median of {2, 3, 4} taken at n/2 = 1: 3. Words: 电池 ×2, 回收, 技术 (not in the table:
  // the median), "The" (a stop word), 锂 (one character), a space: total 4.
  TfIdfKeywords k({{"电池", 2.0}, {"回收", 3.0}, {"材料", 4.0}});
  EXPECT_DOUBLE_EQ(k.median_idf(), 3.0);
  auto out = k.extract({"电池", "回收", " ", "技术", "The", "锂", "电池"}, 0);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].word, "电池");
  EXPECT_DOUBLE_EQ(out[0].weight, 2 * (2.0 / 4));
  EXPECT_EQ(out[1].word, "回收");  // 0.75, tied with 技术, seen first
  EXPECT_EQ(out[2].word, "技术");
  EXPECT_DOUBLE_EQ(out[2].weight, 3.0 / 4);
  EXPECT_EQ(k.extract({"电池", "回收"}, 1).size(), 1u);
  EXPECT_TRUE(k.extract({}, 5).empty());
}

}  // namespace
}  // namespace xinzhi::text
