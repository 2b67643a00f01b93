// text::Bm25Index: Okapi BM25 retrieval over documents already cut into words (WordSegmenter):
// an inverted index of term → (document, frequency), document lengths, and ranked search.
// Two IDF forms: Lucene's ln(1 + (N − n + 0.5)/(n + 0.5)), always positive (the default), and
// Robertson–Spärck Jones ln((N − n + 0.5)/(n + 0.5)) floored at 1e-6 as SQLite FTS5's bm25()
// computes it — the form the peer test checks score for score.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/run_guard.h"

namespace xinzhi::text {

enum class Bm25Idf { Lucene, Fts5 };

struct Bm25Hit {
  uint32_t document;  // its index in the order documents were added
  double score;       // higher is better
};

class Bm25Index {
 public:
  Bm25Index(double k1 = 1.2, double b = 0.75, Bm25Idf idf = Bm25Idf::Lucene);
  // Adds one document as its words; returns its index. Empty words are skipped.
  uint32_t add(const std::vector<std::string_view>& words);
  // Freezes the statistics (average length); search before run() is an Internal error.
  void run();
  // The `top` best documents for the query's words (a word given twice counts twice, as in
  // BM25's sum over query terms); ties by document index. Documents sharing no word score 0
  // and are not returned.
  std::vector<Bm25Hit> search(const std::vector<std::string_view>& query, size_t top) const;
  size_t documents() const { return lengths_.size(); }
  size_t terms() const { return postings_.size(); }
  double average_length() const { return average_length_; }
  // The IDF the index gives a word (0 when no document holds it).
  double idf(std::string_view word) const;
  // The IDF a word held by `holders` documents would have: the weight a query word missing from
  // every document carries when a caller measures how much of a query was found.
  double idf_for(size_t holders) const { return idf_of(holders); }

 private:
  struct Posting {
    uint32_t document, frequency;
  };
  double idf_of(size_t holders) const;
  double k1_, b_;
  Bm25Idf idf_form_;
  std::unordered_map<std::string, std::vector<Posting>> postings_;
  std::vector<uint32_t> lengths_;
  double average_length_ = 0;
  RunGuard guard_;
};

}  // namespace xinzhi::text
