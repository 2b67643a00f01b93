// text::TfIdfKeywords: the words that characterise a text, by term frequency × inverse document
// frequency over an IDF table — jieba.analyse.extract_tags's method (TF-IDF keyword extraction)
// and, with Debian python3-jieba's idf.txt, its answers word for word and weight for weight
// (tests/cli/keywords_vs_jieba.py): words shorter than two characters and jieba's English stop
// words are skipped, words missing from the table take its median IDF, weight = count × idf /
// total count, ties in the order words first appear.
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace xinzhi::text {

struct Keyword {
  std::string word;
  double weight;
};

class TfIdfKeywords {
 public:
  // word → IDF; the median is taken as jieba takes it (the value at n/2 of the sorted values).
  explicit TfIdfKeywords(std::unordered_map<std::string, double> idf);
  // The `top` keywords of a text given as its words (whitespace tokens are skipped); 0: all.
  std::vector<Keyword> extract(const std::vector<std::string_view>& words, size_t top) const;
  double median_idf() const { return median_; }
  size_t size() const { return idf_.size(); }

 private:
  std::unordered_map<std::string, double> idf_;
  double median_ = 0;
};

}  // namespace xinzhi::text
