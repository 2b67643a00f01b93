#include "engines/text/tfidf_keywords.h"

#include <algorithm>
#include <array>

#include "base/text.h"
#include "engines/text/word_segmenter.h"

namespace xinzhi::text {

namespace {

// jieba.analyse's STOP_WORDS, compared with the word lower-cased.
bool jieba_stop_word(std::string_view w) {
  static constexpr std::array<std::string_view, 31> stop{"or",
      "the", "of", "is", "and", "to", "in", "that", "we", "for", "an", "are", "by", "be", "as", "on",
      "with", "can", "if", "from", "which", "you", "it", "this", "then", "at", "have", "all", "not", "one", "has"};
  std::string lower(w);
  for (auto& c : lower)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return std::find(stop.begin(), stop.end(), lower) != stop.end();
}

}  // namespace

TfIdfKeywords::TfIdfKeywords(std::unordered_map<std::string, double> idf) : idf_(std::move(idf)) {
  std::vector<double> values;
  values.reserve(idf_.size());
  for (const auto& [word, value] : idf_) values.push_back(value);
  if (!values.empty()) {
    std::nth_element(values.begin(), values.begin() + long(values.size() / 2), values.end());
    median_ = values[values.size() / 2];
  }
}

std::vector<Keyword> TfIdfKeywords::extract(const std::vector<std::string_view>& words, size_t top) const {
  // Counts in first-appearance order (jieba's dict keeps insertion order, and its stable sort
  // keeps that order among equal weights).
  std::unordered_map<std::string_view, size_t> slot;
  std::vector<std::pair<std::string_view, double>> counts;
  double total = 0;
  for (auto w : words) {
    if (is_whitespace_token(w) || text::codepoints(w) < 2 || jieba_stop_word(w)) continue;
    auto [it, fresh] = slot.try_emplace(w, counts.size());
    if (fresh) counts.emplace_back(w, 0.0);
    counts[it->second].second += 1.0;
    total += 1.0;
  }
  std::vector<Keyword> out;
  out.reserve(counts.size());
  for (const auto& [w, count] : counts) {
    auto found = idf_.find(std::string(w));
    double idf = found == idf_.end() ? median_ : found->second;
    out.push_back({std::string(w), count * (idf / total)});
  }
  std::stable_sort(out.begin(), out.end(), [](const Keyword& a, const Keyword& b) { return a.weight > b.weight; });
  if (top > 0 && out.size() > top) out.resize(top);
  return out;
}

}  // namespace xinzhi::text
