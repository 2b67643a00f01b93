// ShortStringIds: numbers for short strings (classification codes such as "G06F 17/30"), found
// in a flat open-addressing table keyed by the string's first 16 bytes and its length, with a
// map for longer strings. Loading ten million records looks codes up thirty million times;
// std::unordered_map's node per key made that a fifth of the load (measured with perf).
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace xinzhi::foresight {

class ShortStringIds {
 public:
  // The id of s, and whether it was new (ids count up from 0 in order of first appearance).
  std::pair<uint32_t, bool> insert(std::string_view s) {
    if (s.size() > 16) {
      auto [it, added] = long_.try_emplace(std::string(s), size_);
      if (added) ++size_;
      return {it->second, added};
    }
    if ((used_ + 1) * 2 > slots_.size()) grow();
    Slot key = pack(s);
    for (size_t i = hash(key) & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      Slot& slot = slots_[i];
      if (slot.length == 0) {
        slot = key;
        slot.id = size_++;
        ++used_;
        return {slot.id, true};
      }
      if (slot.a == key.a && slot.b == key.b && slot.length == key.length) return {slot.id, false};
    }
  }
  size_t size() const { return size_; }

 private:
  struct Slot {
    uint64_t a = 0, b = 0;
    uint32_t length = 0;  // stored as length + 1, so that 0 marks an empty slot
    uint32_t id = 0;
  };
  static Slot pack(std::string_view s) {
    Slot k;
    char buf[16] = {};
    std::memcpy(buf, s.data(), s.size());
    std::memcpy(&k.a, buf, 8);
    std::memcpy(&k.b, buf + 8, 8);
    k.length = static_cast<uint32_t>(s.size()) + 1;
    return k;
  }
  static uint64_t hash(const Slot& k) {
    uint64_t h = (k.a ^ (k.b * 0x9E3779B97F4A7C15ull) ^ k.length) * 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 31);
  }
  void grow() {
    std::vector<Slot> old(slots_.empty() ? 0 : slots_.size());
    old.swap(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    for (const auto& s : old)
      if (s.length)
        for (size_t i = hash(s) & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1))
          if (slots_[i].length == 0) {
            slots_[i] = s;
            break;
          }
  }
  std::vector<Slot> slots_;
  size_t used_ = 0;
  uint32_t size_ = 0;
  std::unordered_map<std::string, uint32_t> long_;
};

}  // namespace xinzhi::foresight
