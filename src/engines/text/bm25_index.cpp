#include "engines/text/bm25_index.h"

#include <algorithm>
#include <cmath>

#include "base/error.h"

namespace xinzhi::text {

Bm25Index::Bm25Index(double k1, double b, Bm25Idf idf) : k1_(k1), b_(b), idf_form_(idf) {
  if (!(k1 >= 0) || !(b >= 0 && b <= 1))
    fail_keyed(ErrorCode::InvalidInput, "bm25_parameters", {{"k1", std::to_string(k1)}, {"b", std::to_string(b)}},
               "BM25 needs k1 >= 0 and 0 <= b <= 1");
}

uint32_t Bm25Index::add(const std::vector<std::string_view>& words) {
  if (guard_.has_run()) fail(ErrorCode::Internal, "Bm25Index: add() after run()");
  const auto doc = static_cast<uint32_t>(lengths_.size());
  uint32_t length = 0;
  for (auto w : words) {
    if (w.empty()) continue;
    ++length;
    auto& list = postings_[std::string(w)];
    if (!list.empty() && list.back().document == doc)
      ++list.back().frequency;
    else
      list.push_back({doc, 1});
  }
  lengths_.push_back(length);
  return doc;
}

void Bm25Index::run() {
  double total = 0;
  for (auto l : lengths_) total += l;
  average_length_ = lengths_.empty() ? 0 : total / static_cast<double>(lengths_.size());
  guard_.mark_finished();
}

double Bm25Index::idf_of(size_t holders) const {
  const double n = static_cast<double>(lengths_.size()), h = static_cast<double>(holders);
  if (idf_form_ == Bm25Idf::Lucene) return std::log(1.0 + (n - h + 0.5) / (h + 0.5));
  double idf = std::log((n - h + 0.5) / (h + 0.5));
  return idf <= 0.0 ? 1e-6 : idf;  // as FTS5: a word in over half the documents still counts a little
}

double Bm25Index::idf(std::string_view word) const {
  guard_.assure_finished("Bm25Index");
  auto it = postings_.find(std::string(word));
  return it == postings_.end() ? 0.0 : idf_of(it->second.size());
}

std::vector<Bm25Hit> Bm25Index::search(const std::vector<std::string_view>& query, size_t top) const {
  guard_.assure_finished("Bm25Index");
  std::vector<std::pair<const std::vector<Posting>*, double>> lists;  // with the word's IDF
  size_t postings = 0;
  for (auto w : query) {
    auto it = postings_.find(std::string(w));
    if (it == postings_.end()) continue;
    lists.emplace_back(&it->second, idf_of(it->second.size()));
    postings += it->second.size();
  }
  auto term = [&](const Posting& p, double idf) {
    const double f = p.frequency;
    const double norm = k1_ * (1.0 - b_ + b_ * static_cast<double>(lengths_[p.document]) / average_length_);
    return idf * f * (k1_ + 1.0) / (f + norm);
  };
  // Rare words meet few documents: a hash map of their scores. Common ones (的 in 69 % of the
  // documents, 方法 in patent titles) meet many, each a hash update: one score per document
  // then, 3× faster there (的: 6.0 → 1.8 ms), where zeroing the array would dominate a rare
  // word's query.
  // Either way a document's terms are added in query order, so scores are the same doubles.
  std::vector<Bm25Hit> hits;
  if (postings * 16 < lengths_.size()) {
    std::unordered_map<uint32_t, double> scores;
    scores.reserve(postings);
    for (const auto& [list, idf] : lists)
      for (const auto& p : *list) scores[p.document] += term(p, idf);
    hits.reserve(scores.size());
    for (auto [doc, score] : scores) hits.push_back({doc, score});
  } else {
    // Every term adds more than 0 (IDF > 0, frequency ≥ 1): a score of 0 is a document not met.
    std::vector<double> scores(lengths_.size(), 0.0);
    std::vector<uint32_t> met;
    for (const auto& [list, idf] : lists)
      for (const auto& p : *list) {
        if (scores[p.document] == 0.0) met.push_back(p.document);
        scores[p.document] += term(p, idf);
      }
    hits.reserve(met.size());
    for (auto doc : met) hits.push_back({doc, scores[doc]});
  }
  auto better = [](const Bm25Hit& a, const Bm25Hit& c) { return a.score > c.score || (a.score == c.score && a.document < c.document); };
  if (hits.size() > top) {
    std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(top), hits.end(), better);
    hits.resize(top);
  } else {
    std::sort(hits.begin(), hits.end(), better);
  }
  return hits;
}

}  // namespace xinzhi::text
