#include "modules/search/word_index.h"

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <unordered_set>

#include "base/text.h"
#include "engines/text/english_stemmer.h"
#include "engines/text/word_segmenter.h"
#include "ingest/word_frequencies.h"
#include "modules/segmentation/segmentation_service.h"

namespace xinzhi::search {

namespace {

const text::WordSegmenter& segmenter() {
  static const text::WordSegmenter s(segmentation::dictionary(), true);
  return s;
}

// Words so common in any Chinese text that they say nothing of a topic: the 33 that jieba's IDF
// table (a general corpus) rates below 3 — 的 在 了 是 和 与 不 中 等 … A query of 不存在的名称
// would otherwise meet every title holding 的. Only these are kept, not the 270,000-word table.
const std::unordered_set<std::string>& function_words() {
  static const std::unordered_set<std::string> words = [] {
    constexpr double kTopicIdf = 3.0;
    std::unordered_set<std::string> out;
    // A word listed twice keeps its last value, as jieba reads the table.
    for (auto& [word, idf] : ingest::read_idf_table(ingest::kJiebaIdfTable)) {
      if (idf < kTopicIdf)
        out.insert(std::move(word));
      else
        out.erase(word);
    }
    return out;
  }();
  return words;
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

bool is_han(char32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

enum class TokenKind { Punctuation, Alphabetic, Han };

// Han: holds a CJK character; Alphabetic: letters and digits of any other script (Latin with
// accents, Greek, Cyrillic, kana …); Punctuation: nothing else. Decoded in place: a token is a
// few characters, and every title's words pass here.
TokenKind kind_of(std::string_view token) {
  bool word = false;
  for (size_t i = 0; i < token.size();) {
    auto b = static_cast<unsigned char>(token[i]);
    size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
    char32_t c = len == 1 ? (b < 0x80 ? b : 0xFFFD) : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (size_t k = 1; k < len && i + k < token.size(); ++k) c = (c << 6) | (static_cast<unsigned char>(token[i + k]) & 0x3F);
    i += len;
    if (is_punctuation(c)) continue;
    if (is_han(c)) return TokenKind::Han;
    word = true;
  }
  return word ? TokenKind::Alphabetic : TokenKind::Punctuation;
}

std::vector<std::string_view> distinct_views(const std::vector<std::string>& words) {
  std::vector<std::string_view> out;
  for (const auto& w : words)
    if (std::find(out.begin(), out.end(), w) == out.end()) out.emplace_back(w);
  return out;
}

}  // namespace

std::vector<std::string> WordIndex::words(std::string_view raw) {
  const std::string folded = text::search_text(raw);
  std::vector<std::string> out;
  const char* alphabetic_end = nullptr;  // where the last alphabetic word kept ends
  for (auto token : segmenter().cut(folded)) {
    if (text::is_whitespace_token(token)) continue;
    auto kind = kind_of(token);
    if (kind == TokenKind::Punctuation || (kind == TokenKind::Han && function_words().count(std::string(token)))) continue;
    // jieba keeps only ASCII letters and digits together and cuts procédé into proc|é|d|é: the
    // pieces of one alphabetic word are joined again.
    if (kind == TokenKind::Alphabetic && alphabetic_end == token.data())
      out.back().append(token);
    else
      out.emplace_back(token);
    alphabetic_end = kind == TokenKind::Alphabetic ? token.data() + token.size() : nullptr;
  }
  // English function words (the, of, and …) as jieba's keyword extraction leaves them out.
  std::erase_if(out, [](const std::string& w) { return text::is_english_stop_word(w); });
  return out;
}

void WordIndex::add(std::string_view text) {
  auto w = words(text);
  index_.add({w.begin(), w.end()});
}

std::vector<text::Bm25Hit> WordIndex::search(std::string_view query, size_t top) const {
  // A word typed twice counts once: a query of 方法 21 times must not walk its postings 21 times.
  return index_.search(distinct_views(words(query)), top);
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

struct CachedPatentWords {
  int64_t version = 0;
  std::shared_ptr<const PatentWords> index;
  bool building = false;
};

}  // namespace

std::shared_ptr<const PatentWords> patent_words(foresight::PatentReader& patents, const std::string& database) {
  const int64_t version = patents.last_id();
  if (database.empty()) return load_patent_words(patents, version);
  static std::mutex mutex;
  static std::condition_variable built;
  static std::map<std::string, CachedPatentWords> cache;  // its entries stay where they are
  std::unique_lock lock(mutex);
  auto& entry = cache[database];
  for (;;) {
    // Patents are only ever added: an index as new as this search's view, or newer, serves it.
    if (entry.index && entry.version >= version) return entry.index;
    if (!entry.building) break;
    // Another search is building it. The older index serves meanwhile (the substring tier still
    // finds the patents it lacks); with none yet, wait for the first.
    if (entry.index) return entry.index;
    built.wait(lock);
  }
  // Built outside the lock: searches of other databases, and of this one with an index, go on.
  entry.building = true;
  lock.unlock();
  std::shared_ptr<const PatentWords> fresh;
  try {
    fresh = load_patent_words(patents, version);
  } catch (...) {
    lock.lock();
    entry.building = false;
    built.notify_all();
    throw;
  }
  lock.lock();
  entry.building = false;
  if (!entry.index || entry.version < version) {
    entry.version = version;
    entry.index = fresh;
  }
  built.notify_all();
  return fresh;
}

}  // namespace xinzhi::search
