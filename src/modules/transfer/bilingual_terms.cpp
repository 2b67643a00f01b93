#include "modules/transfer/bilingual_terms.h"

#include <algorithm>
#include <set>

#include "base/error.h"
#include "base/text.h"
#include "engines/text/english_stemmer.h"
#include "modules/segmentation/segmentation_service.h"

namespace xinzhi::transfer {

namespace glossary_data {
extern const std::string_view glossary_tsv;
}

namespace {

constexpr size_t kLongestPhrase = 4;  // words (English) or jieba tokens (Chinese) in one glossary term

std::vector<std::string> stems_of(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& w : text::english_words(text)) out.push_back(text::english_stem(w));
  return out;
}

std::string joined(const std::vector<std::string>& words, size_t from, size_t n) {
  std::string s;
  for (size_t i = from; i < from + n; ++i) s += (i == from ? "" : " ") + words[i];
  return s;
}

// Words every demand and listing uses to say what it wants, not what it is about: left out of
// the Chinese side like Snowball's stop words on the English side, so they neither match two
// texts nor weigh in a demand's coverage.
bool is_chinese_stop_word(std::string_view w) {
  static const char* const kWords[] = {"需要", "需求", "寻求", "引进", "开发", "研发", "技术", "方法", "工艺", "以及", "及其",
                                       "用于", "面向", "相关", "进行", "提供", "实现", "提高", "研究", "应用", "系统", "装置",
                                       "设备", "一种", "基于", "包括", "我们", "希望", "能够", "可以", "方面", "问题",
                                       "示例"};  // 示例 marks sample records, not what they are about
  return std::any_of(std::begin(kWords), std::end(kWords), [&](const char* x) { return w == x; });
}

bool is_ascii_token(std::string_view t) {
  return std::all_of(t.begin(), t.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

const text::WordSegmenter& segmenter() {
  static const text::WordSegmenter s(segmentation::dictionary(), true);
  return s;
}

}  // namespace

BilingualTerms::BilingualTerms(std::string_view tsv) {
  size_t line_no = 0;
  for (auto line : text::split(tsv, '\n')) {
    ++line_no;
    line = text::trim(line);
    if (line.empty() || line[0] == '#') continue;
    auto sides = text::split(line, '\t');
    if (sides.size() != 2 || text::trim(sides[0]).empty() || text::trim(sides[1]).empty())
      invalid_input("glossary:" + std::to_string(line_no) + ": expected 'english|…<TAB>中文|…'");
    const size_t id = concepts_.size();
    GlossaryConcept c;
    for (auto en : text::split(sides[0], '|')) {
      auto stems = stems_of(en);
      if (stems.empty()) continue;
      if (c.en.empty()) c.en = std::string(text::trim(en));
      longest_en_ = std::max(longest_en_, stems.size());
      by_stems_.emplace(joined(stems, 0, stems.size()), id);  // the first concept naming a phrase keeps it
    }
    for (auto zh : text::split(sides[1], '|')) {
      zh = text::trim(zh);
      if (zh.empty()) continue;
      if (c.zh.empty()) c.zh = std::string(zh);
      std::string key = text::fold_width(zh);
      size_t tokens = 0;
      for (auto t : segmenter().cut(key))
        if (!text::is_whitespace_token(t)) ++tokens;
      longest_zh_ = std::max(longest_zh_, std::min(tokens, kLongestPhrase));
      by_zh_.emplace(std::move(key), id);
    }
    concepts_.push_back(std::move(c));
  }
  // A concept's components: the single-word concepts among the words of the phrase it is shown
  // by (its other phrases are synonyms: "composite material" is composite, not material).
  components_.resize(concepts_.size());
  for (size_t id = 0; id < concepts_.size(); ++id) {
    auto words = stems_of(concepts_[id].en);
    if (words.size() < 2) continue;
    for (const auto& w : words) {
      auto it = by_stems_.find(w);
      auto& list = components_[id];
      if (it != by_stems_.end() && it->second != id && std::find(list.begin(), list.end(), it->second) == list.end())
        list.push_back(it->second);
    }
  }
  for (auto& list : components_) std::sort(list.begin(), list.end());
}

void BilingualTerms::emit(size_t concept_id, std::vector<std::string>& out) const {
  out.push_back("c:" + std::to_string(concept_id));
  for (size_t part : components_[concept_id]) out.push_back("c:" + std::to_string(part));
}

const BilingualTerms& BilingualTerms::builtin() {
  static const BilingualTerms terms(glossary_data::glossary_tsv);
  return terms;
}

void BilingualTerms::english_terms(std::string_view run, std::vector<std::string>& out) const {
  auto words = text::english_words(run);
  std::vector<std::string> stems;
  for (const auto& w : words) stems.push_back(text::english_stem(w));
  for (size_t i = 0; i < stems.size();) {
    size_t matched = 0;
    for (size_t n = std::min(longest_en_, stems.size() - i); n >= 1 && !matched; --n) {
      auto it = by_stems_.find(joined(stems, i, n));
      if (it != by_stems_.end()) {
        emit(it->second, out);
        matched = n;
      }
    }
    if (matched) {
      i += matched;
      continue;
    }
    // Short words and stop words carry nothing to match on ("of", "a", "3").
    if (!text::is_english_stop_word(words[i]) && words[i].size() > 2) out.push_back("en:" + stems[i]);
    ++i;
  }
}

std::vector<std::string> BilingualTerms::terms(std::string_view raw) const {
  std::vector<std::string> out;
  const std::string folded = text::fold_width(raw);  // full-width letters and digits as ASCII
  std::vector<std::string_view> tokens;
  for (auto t : segmenter().cut(folded))
    if (!text::is_whitespace_token(t)) tokens.push_back(t);
  // English runs are kept whole (spaces and hyphens included) for the stemmer's phrases.
  size_t run_begin = std::string::npos, run_end = 0;
  auto flush_run = [&] {
    if (run_begin != std::string::npos) english_terms(std::string_view(folded).substr(run_begin, run_end - run_begin), out);
    run_begin = std::string::npos;
  };
  for (size_t i = 0; i < tokens.size();) {
    size_t matched = 0;
    for (size_t n = std::min(longest_zh_, tokens.size() - i); n >= 1 && !matched; --n) {
      // Only a Chinese term spans tokens here; English phrases are the stemmer's.
      std::string key;
      for (size_t k = i; k < i + n; ++k) key += tokens[k];
      if (n == 1 && is_ascii_token(key)) break;
      auto it = by_zh_.find(key);
      if (it != by_zh_.end()) {
        flush_run();
        emit(it->second, out);
        matched = n;
      }
    }
    if (matched) {
      i += matched;
      continue;
    }
    const auto t = tokens[i];
    if (is_ascii_token(t)) {
      size_t begin = static_cast<size_t>(t.data() - folded.data());
      if (run_begin == std::string::npos) run_begin = begin;
      run_end = begin + t.size();
    } else {
      flush_run();
      // A lone Chinese character says little (的, 与, 及); two or more make a word to match on.
      if (text::codepoints(t) >= 2 && !is_chinese_stop_word(t)) out.push_back("zh:" + std::string(t));
    }
    ++i;
  }
  flush_run();
  return out;
}

GlossaryConcept BilingualTerms::label(std::string_view term) const {
  if (text::starts_with(term, "c:")) {
    size_t id = std::stoul(std::string(term.substr(2)));
    if (id < concepts_.size()) return concepts_[id];
  }
  if (text::starts_with(term, "en:")) return {std::string(term.substr(3)), ""};
  if (text::starts_with(term, "zh:")) return {"", std::string(term.substr(3))};
  return {std::string(term), ""};
}

namespace {
std::vector<std::string_view> views(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }
}  // namespace

TermIndex::TermIndex(std::vector<std::vector<std::string>> docs) : docs_(std::move(docs)) {
  for (const auto& d : docs_) index_.add(views(d));
  index_.run();
}

std::vector<text::Bm25Hit> TermIndex::search(const std::vector<std::string>& query, size_t top) const {
  return index_.search(views(query), top);
}

std::pair<std::vector<SharedTerm>, double> TermIndex::shared(const std::vector<std::string>& query, size_t doc) const {
  std::set<std::string> q(query.begin(), query.end()), d(docs_[doc].begin(), docs_[doc].end());
  double all = 0, have = 0;
  std::vector<SharedTerm> out;
  const auto& terms = BilingualTerms::builtin();
  for (const auto& t : q) {
    double idf = index_.idf(t);
    all += idf > 0 ? idf : index_.idf_for(0);
    if (!d.count(t) || idf <= 0) continue;
    have += idf;
    auto label = terms.label(t);
    out.push_back({t, label.en, label.zh, idf});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.idf != b.idf ? a.idf > b.idf : a.key < b.key; });
  return {out, all > 0 ? have / all : 0.0};
}

}  // namespace xinzhi::transfer
