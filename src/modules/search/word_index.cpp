#include "modules/search/word_index.h"

#include <map>
#include <mutex>

#include "base/text.h"
#include "engines/text/word_dictionary.h"
#include "engines/text/word_segmenter.h"
#include "modules/segmentation/segmentation_service.h"

namespace xinzhi::search {

namespace {

const text::WordSegmenter& segmenter() {
  static const text::WordSegmenter s(segmentation::dictionary(), true);
  return s;
}

// Words so common in any Chinese text that they say nothing of a topic: the 33 that jieba's IDF
// table (a general corpus) rates below 3 — 的 在 了 是 和 与 不 中 等 … A query of 不存在的名称
// would otherwise meet every title holding 的.
bool is_function_word(std::string_view word) {
  constexpr double kTopicIdf = 3.0;
  return segmentation::keyword_table().idf(word) < kTopicIdf;
}

// Punctuation and symbols a word cannot be made of alone: ASCII other than letters and digits,
// Latin-1 signs (· « »), general punctuation (— “ ” …), CJK symbols (、。《》【】) and the
// full-width and vertical forms' punctuation (，：！).
bool is_punctuation(char32_t c) {
  if (c < 0x80) return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
  return (c >= 0xA0 && c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x206F) ||
         (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF0F) ||
         (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65);
}

enum class TokenKind { Punctuation, Alphabetic, Han };

// Alphabetic: letters and digits of alphabetic scripts only (Latin with accents, Greek,
// Cyrillic …); Han: any code point from the CJK radicals up that is not punctuation.
TokenKind kind_of(std::string_view token) {
  std::u32string code_points;
  std::vector<uint32_t> offsets;
  text::decode_utf8(token, code_points, offsets);
  bool word = false, han = false;
  for (char32_t c : code_points) {
    if (is_punctuation(c)) continue;
    word = true;
    han = han || c >= 0x2E80;
  }
  return !word ? TokenKind::Punctuation : han ? TokenKind::Han : TokenKind::Alphabetic;
}

std::vector<std::string_view> views(const std::vector<std::string>& words) {
  return {words.begin(), words.end()};
}

}  // namespace

std::vector<std::string> WordIndex::words(std::string_view raw) {
  const std::string folded = text::search_text(raw);
  std::vector<std::string> out;
  const char* alphabetic_end = nullptr;  // where the last alphabetic word kept ends
  for (auto token : segmenter().cut(folded)) {
    if (text::is_whitespace_token(token)) continue;
    auto kind = kind_of(token);
    if (kind == TokenKind::Punctuation || (kind == TokenKind::Han && is_function_word(token))) continue;
    // jieba keeps only ASCII letters and digits together and cuts procédé into proc|é|d|é: the
    // pieces of one alphabetic word are joined again.
    if (kind == TokenKind::Alphabetic && alphabetic_end == token.data())
      out.back().append(token);
    else
      out.emplace_back(token);
    alphabetic_end = kind == TokenKind::Alphabetic ? token.data() + token.size() : nullptr;
  }
  return out;
}

void WordIndex::add(std::string_view text) { index_.add(views(words(text))); }

std::vector<text::Bm25Hit> WordIndex::search(std::string_view query, size_t top) const {
  return index_.search(views(words(query)), top);
}

namespace {

std::shared_ptr<const PatentWords> load_patent_words(foresight::PatentReader& patents, int64_t up_to) {
  auto out = std::make_shared<PatentWords>();
  std::string document;
  patents.each_patent_text(up_to, [&](int64_t id, std::string_view title, std::string_view applicant) {
    document.assign(title).append(" ").append(applicant);
    out->index.add(document);
    out->ids.push_back(id);
  });
  out->index.run();
  return out;
}

}  // namespace

std::shared_ptr<const PatentWords> patent_words(foresight::PatentReader& patents, const std::string& database) {
  // Patents are only ever added, so the largest id tells whether a cached index is current.
  const int64_t version = patents.last_id();
  if (database.empty()) return load_patent_words(patents, version);
  static std::mutex mutex;
  static std::map<std::string, std::pair<int64_t, std::shared_ptr<const PatentWords>>> cache;
  std::lock_guard lock(mutex);
  auto& entry = cache[database];
  if (!entry.second || entry.first != version) entry = {version, load_patent_words(patents, version)};
  return entry.second;
}

}  // namespace xinzhi::search
