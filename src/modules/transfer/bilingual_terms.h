// transfer::BilingualTerms: the terms an English or Chinese text is matched on across the two
// languages — dictionary-based cross-language retrieval (Ballesteros & Croft 1997; Pirkola
// 1998's structured queries: every translation of a word counts as one concept). A glossary
// line is one concept; English words meet it by their Porter2 stems and Chinese words by
// jieba's segmentation, longest phrase first, so "carbon nanotube" and 碳纳米管 become the same
// term "c:<line>". Words no concept names stay terms of their own language ("en:insul",
// "zh:车身"), so Chinese demands still meet Chinese listings and English English. A phrase
// concept also brings the concepts of its words (lithium-ion battery → battery), so a broad
// term (电池) meets a narrow one (锂离子电池) in either language. Words that only say what is
// wanted (需要, 技术, 方法 …) are left out, like English stop words.
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engines/text/bm25_index.h"
#include "modules/transfer/transfer_types.h"

namespace xinzhi::transfer {

struct GlossaryConcept {
  std::string en, zh;  // the forms shown: the first English phrase and the first Chinese term
};

class BilingualTerms {
 public:
  // Lines "english|english…<TAB>中文|中文…"; '#' starts a comment line. InvalidInput naming the
  // line for a line without both sides.
  explicit BilingualTerms(std::string_view glossary_tsv);
  // The glossary shipped in data/transfer, parsed once.
  static const BilingualTerms& builtin();

  // The text's terms in order, a term once per occurrence.
  std::vector<std::string> terms(std::string_view text) const;
  // A term as people read it: {"carbon nanotube", "碳纳米管"} for a concept, the stem or word on
  // its own side otherwise.
  GlossaryConcept label(std::string_view term) const;
  size_t concepts() const { return concepts_.size(); }

 private:
  void english_terms(std::string_view run, std::vector<std::string>& out) const;

  void emit(size_t concept_id, std::vector<std::string>& out) const;

  std::vector<GlossaryConcept> concepts_;
  std::vector<std::vector<size_t>> components_;       // the concepts the words of a concept's shown phrase name
  std::unordered_map<std::string, size_t> by_stems_;  // "carbon nanotub" → concept
  std::unordered_map<std::string, size_t> by_zh_;     // 碳纳米管 → concept
  size_t longest_en_ = 1, longest_zh_ = 1;            // in words / in jieba tokens
};

// BM25 (engines/text) over documents made of BilingualTerms terms, and what one of them shares
// with a query: the ranking both matching services (transfer, tasks) explain themselves with.
class TermIndex {
 public:
  explicit TermIndex(std::vector<std::vector<std::string>> docs);
  std::vector<text::Bm25Hit> search(const std::vector<std::string>& query, size_t top) const;
  // The terms document `doc` shares with the query, rarest first, and the share of the query's
  // weight (IDF) they carry; a query term no document holds weighs what a term held by none
  // would, so a query found only in part never reads as fully covered.
  std::pair<std::vector<SharedTerm>, double> shared(const std::vector<std::string>& query, size_t doc) const;

 private:
  std::vector<std::vector<std::string>> docs_;
  text::Bm25Index index_;
};

}  // namespace xinzhi::transfer
