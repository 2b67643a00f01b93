// JsonWriter: compact JSON written straight into a string, for results with millions of
// values. nlohmann::json builds a tree of maps first; on the 10,000-segment atlas that tree
// cost more than the atlas itself (bench/chain_atlas.py: 1.05 s of 1.75 s), so large results
// stream through this writer while small ones keep using nlohmann.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace xinzhi {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  // Strings are escaped; bytes that are not valid UTF-8 become U+FFFD.
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(int64_t v);
  JsonWriter& value(uint64_t v);
  JsonWriter& value(int v) { return value(static_cast<int64_t>(v)); }
  JsonWriter& value(unsigned v) { return value(static_cast<uint64_t>(v)); }
  JsonWriter& value(double v);  // shortest round-trip form; NaN and infinities as null
  JsonWriter& value(bool v);
  JsonWriter& null();
  template <class T>
  JsonWriter& field(std::string_view k, const T& v) {
    key(k);
    return value(v);
  }
  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void separate();
  std::string out_;
  std::vector<bool> has_items_;  // per open container
  bool after_key_ = false;
};

}  // namespace xinzhi
