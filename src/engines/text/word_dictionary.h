// text::WordDictionary: a segmentation dictionary (word → frequency, as jieba's dict.txt) held
// as a trie over code points, so the segmenter walks every word starting at a position in one
// pass. Prefixes of words are nodes with frequency 0, as in jieba's prefix dictionary.
#pragma once
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xinzhi::text {

class WordDictionary {
 public:
  static constexpr int32_t kRoot = 0;
  // (word in UTF-8, frequency) in file order. A word listed twice keeps its last frequency,
  // and the total counts both, as jieba does; words with frequency 0 are prefixes only.
  explicit WordDictionary(const std::vector<std::pair<std::string, int64_t>>& entries);

  // The node below `node` for code point `c`, or -1. An open-addressing table (linear
  // probing, at most a quarter full): the segmenter asks this a few times per character.
  int32_t child(int32_t node, char32_t c) const {
    const uint64_t key = (static_cast<uint64_t>(node) << 21) | c;
    for (size_t i = slot_of(key);; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.key == key) return s.child;
      if (s.child < 0) return -1;
    }
  }
  int64_t frequency(int32_t node) const { return frequency_[static_cast<size_t>(node)]; }
  // log(frequency), computed once when the dictionary is built (the same double jieba's
  // log(freq) gives); meaningless for frequency 0.
  double log_frequency(int32_t node) const { return log_frequency_[static_cast<size_t>(node)]; }
  // 0 when the text is not a word (absent or only a prefix of words).
  int64_t frequency_of(std::u32string_view word) const;
  int64_t total() const { return total_; }
  double log_total() const { return log_total_; }
  size_t words() const { return words_; }
  size_t nodes() const { return frequency_.size(); }

 private:
  struct Slot {
    uint64_t key = 0;    // parent << 21 | code point
    int32_t child = -1;  // -1: empty
  };
  size_t slot_of(uint64_t key) const { return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_); }
  void insert(uint64_t key, int32_t child);
  void resize_slots(size_t capacity);  // a power of two; the slots held are placed again
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  int shift_ = 64;
  std::vector<int64_t> frequency_;
  std::vector<double> log_frequency_;
  int64_t total_ = 0;
  double log_total_ = 0;
  size_t words_ = 0;
};

// UTF-8 → code points, with the byte offset where each starts (and one past the end), so that
// words found in code points are handed back as views of the UTF-8 text. Bytes that are not
// UTF-8 become U+FFFD, one per byte.
void decode_utf8(std::string_view s, std::u32string& out, std::vector<uint32_t>& offsets);
std::string encode_utf8(std::u32string_view s);

}  // namespace xinzhi::text
