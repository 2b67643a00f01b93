#include "engines/text/word_segmenter.h"

#include <gtest/gtest.h>

#include <limits>
#include <map>
#include <set>

#include "ingest/word_frequencies.h"
#include "support/test_support.h"

namespace xinzhi::text {
namespace {

std::string joined(const std::vector<std::string_view>& words) {
  std::string out;
  for (auto w : words) {
    if (!out.empty()) out.push_back('/');
    out.append(w);
  }
  return out;
}

// A toy dictionary whose routes can be checked by hand.
WordDictionary toy() {
  return WordDictionary({{"北京", 100}, {"北京大学", 50}, {"大学", 80}, {"大学生", 20}, {"学生", 60}, {"生", 5}, {"北", 3}});
}

TEST(WordDictionary, IsAPrefixTrieWithJiebasTotals) {
  auto d = toy();
  EXPECT_EQ(d.total(), 318);
  EXPECT_EQ(d.frequency_of(U"北京大学"), 50);
  EXPECT_EQ(d.frequency_of(U"北京大"), 0);  // a prefix only
  EXPECT_EQ(d.frequency_of(U"南京"), 0);
  EXPECT_EQ(d.words(), 7u);
  // A word listed twice keeps its last frequency; the total counts both (jieba's gen_pfdict).
  WordDictionary twice({{"北京", 10}, {"北京", 30}});
  EXPECT_EQ(twice.frequency_of(U"北京"), 30);
  EXPECT_EQ(twice.total(), 40);
}

// The node table grows as words come (a quarter full at most): 60,000 words of one to six
// characters from a 40-character alphabet, each found again with its frequency, and the nodes
// exactly the distinct prefixes (counted here with a set).
TEST(WordDictionary, GrowsItsTableAndKeepsEveryWord) {
  const std::u32string alphabet = U"的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就";
  std::vector<std::pair<std::string, int64_t>> entries;
  std::vector<std::u32string> words;
  std::set<std::u32string> prefixes;
  uint64_t state = 12345;
  for (int i = 0; i < 60000; ++i) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    std::u32string w;
    for (size_t n = 1 + (state >> 61) % 6, k = 0; k < n; ++k) w.push_back(alphabet[(state >> (8 + 6 * k)) % alphabet.size()]);
    for (size_t k = 1; k <= w.size(); ++k) prefixes.insert(w.substr(0, k));
    entries.emplace_back(encode_utf8(w), i + 1);
    words.push_back(std::move(w));
  }
  WordDictionary d(entries);
  EXPECT_EQ(d.nodes(), prefixes.size() + 1);  // and the root
  std::map<std::u32string, int64_t> last;  // a word drawn twice keeps its last frequency
  for (size_t i = 0; i < words.size(); ++i) last[words[i]] = static_cast<int64_t>(i + 1);
  for (const auto& [w, freq] : last) ASSERT_EQ(d.frequency_of(w), freq) << encode_utf8(w);
  EXPECT_EQ(d.frequency_of(U"国国国国国国国"), 0);  // seven characters: longer than any word
}

// The route maximises the sum of log(freq / total): 北京大学/生 scores
// log(50/318) + log(5/318) = -5.999, 北京/大学生 log(100/318) + log(20/318) = -3.923 (best),
// 北京/大学/生 = -5.777 — by hand.
TEST(WordSegmenter, TakesTheMostProbableRoute) {
  auto d = toy();
  WordSegmenter cut(d, false);
  EXPECT_EQ(joined(cut.cut("北京大学生")), "北京/大学生");
  // Latin letters and digits in a row are one word without the HMM; other symbols stand alone.
  EXPECT_EQ(joined(cut.cut("北京2024年ABC")), "北京/2024/年/ABC");
  EXPECT_EQ(joined(cut.cut("北京，大学")), "北京/，/大学");
}

TEST(WordSegmenter, KeepsWhitespaceAsTokensAndViewsTheInput) {
  auto d = toy();
  WordSegmenter cut(d, true);
  std::string text = "北京 大学\r\n学生";
  auto words = cut.cut(text);
  EXPECT_EQ(joined(words), "北京/ /大学/\r\n/学生");
  EXPECT_EQ(words[0].data(), text.data());  // views, not copies
  EXPECT_TRUE(is_whitespace_token(" "));
  EXPECT_TRUE(is_whitespace_token("\u3000"));
  EXPECT_FALSE(is_whitespace_token("北"));
  EXPECT_TRUE(cut.cut("").empty());
  // Bytes that are not UTF-8 do not stop it: each is a token of its own.
  EXPECT_EQ(cut.cut("北京\xff大学").size(), 3u);
}

// jieba's README (accurate mode, 0.42.1) on its own dictionary: the HMM finds 杭研, which the
// dictionary lacks.
TEST(WordSegmenter, ReproducesJiebasPublishedExamples) {
  XINZHI_REQUIRE_DATA(ingest::kJiebaDictionary);
  WordDictionary d(ingest::read_word_frequencies(ingest::kJiebaDictionary));
  EXPECT_EQ(d.words(), 349045u);
  WordSegmenter hmm(d, true), plain(d, false);
  EXPECT_EQ(joined(hmm.cut("我来到北京清华大学")), "我/来到/北京/清华大学");
  EXPECT_EQ(joined(hmm.cut("他来到了网易杭研大厦")), "他/来到/了/网易/杭研/大厦");
  EXPECT_EQ(joined(plain.cut("他来到了网易杭研大厦")), "他/来到/了/网易/杭/研/大厦");
  EXPECT_EQ(joined(hmm.cut("小明硕士毕业于中国科学院计算所，后在日本京都大学深造")),
            "小明/硕士/毕业/于/中国科学院/计算所/，/后/在/日本京都大学/深造");
}

TEST(WordDictionary, RefusesFrequenciesThatOverflowTheTotal) {
  EXPECT_THROW(WordDictionary({{"a", std::numeric_limits<int64_t>::max()}, {"b", 1}}), Error);
}

TEST(WordFrequencies, BadLinesNameTheFileAndLine) {
  testing::ScratchDir dir;
  auto path = dir.write("d.txt", "北京 100 ns\n\n大学 x n\n");
  try {
    ingest::read_word_frequencies(path);
    FAIL() << "accepted a frequency that is not a number";
  } catch (const Error& e) {
    EXPECT_EQ(e.key(), "dictionary_line");
    EXPECT_NE(std::string(e.what()).find("d.txt:3"), std::string::npos) << e.what();
  }
  EXPECT_EQ(ingest::read_word_frequencies(dir.write("ok.txt", "北京 100 ns\n大学 80\n")).size(), 2u);
}

}  // namespace
}  // namespace xinzhi::text
