#include "engines/text/word_dictionary.h"

#include <limits>

#include "base/error.h"

namespace xinzhi::text {

WordDictionary::WordDictionary(const std::vector<std::pair<std::string, int64_t>>& entries) {
  resize_slots(1024);
  frequency_.push_back(0);  // the root
  std::u32string word;
  std::vector<uint32_t> offsets;
  for (const auto& [utf8, freq] : entries) {
    decode_utf8(utf8, word, offsets);
    if (word.empty()) continue;
    if (freq < 0 || freq > std::numeric_limits<int64_t>::max() - total_)
      fail_keyed(ErrorCode::InvalidInput, "dictionary_total", {{"word", utf8}},
                 "the dictionary's frequencies do not add up to a 64-bit total (at '" + utf8 + "')");
    total_ += freq;
    int32_t node = kRoot;
    for (char32_t c : word) {
      int32_t next = child(node, c);
      if (next < 0) {
        next = static_cast<int32_t>(frequency_.size());
        frequency_.push_back(0);
        // At most a quarter full, so a probe ends after a slot or two. Grown as nodes come:
        // sized by the bytes of the words up front, jieba's dict.txt (498,113 nodes from
        // 3,048,553 bytes) took 8 M slots, 128 MB, where 2 M do.
        if (frequency_.size() * 4 > slots_.size()) resize_slots(slots_.size() * 2);
        insert((static_cast<uint64_t>(node) << 21) | c, next);
      }
      node = next;
    }
    if (frequency_[static_cast<size_t>(node)] == 0 && freq > 0) ++words_;
    frequency_[static_cast<size_t>(node)] = freq;
  }
  log_frequency_.resize(frequency_.size());
  for (size_t i = 0; i < frequency_.size(); ++i)
    log_frequency_[i] = frequency_[i] > 0 ? std::log(static_cast<double>(frequency_[i])) : 0.0;
  log_total_ = std::log(static_cast<double>(total_));
}

void WordDictionary::resize_slots(size_t capacity) {
  std::vector<Slot> old(capacity, Slot{});
  old.swap(slots_);
  mask_ = capacity - 1;
  shift_ = 64;
  for (size_t c = capacity; c > 1; c >>= 1) --shift_;  // the top log2(capacity) bits of the hash
  for (const Slot& s : old)
    if (s.child >= 0) insert(s.key, s.child);
}

void WordDictionary::insert(uint64_t key, int32_t child) {
  size_t i = slot_of(key);
  while (slots_[i].child >= 0) i = (i + 1) & mask_;
  slots_[i] = {key, child};
}

int64_t WordDictionary::frequency_of(std::u32string_view word) const {
  int32_t node = kRoot;
  for (char32_t c : word) {
    node = child(node, c);
    if (node < 0) return 0;
  }
  return word.empty() ? 0 : frequency(node);
}

void decode_utf8(std::string_view s, std::u32string& out, std::vector<uint32_t>& offsets) {
  out.clear();
  offsets.clear();
  size_t i = 0;
  while (i < s.size()) {
    offsets.push_back(static_cast<uint32_t>(i));
    auto b = static_cast<unsigned char>(s[i]);
    size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    char32_t c = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    bool ok = len > 0 && i + len <= s.size();
    for (size_t k = 1; ok && k < len; ++k) {
      auto cont = static_cast<unsigned char>(s[i + k]);
      ok = (cont & 0xC0) == 0x80;
      c = (c << 6) | (cont & 0x3F);
    }
    if (!ok) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    out.push_back(c);
    i += len;
  }
  offsets.push_back(static_cast<uint32_t>(s.size()));
}

std::string encode_utf8(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

}  // namespace xinzhi::text
