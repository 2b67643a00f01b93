#include "ingest/word_frequencies.h"

#include <charconv>
#include <cmath>
#include <fstream>

#include "base/error.h"
#include "base/text.h"

namespace xinzhi::ingest {

std::vector<std::pair<std::string, int64_t>> read_word_frequencies(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    fail_keyed(ErrorCode::NotFound, "file_not_found", {{"file", path}}, "cannot open dictionary " + path);
  std::vector<std::pair<std::string, int64_t>> out;
  out.reserve(350000);
  std::string line;
  size_t number = 0;
  auto bad = [&](const std::string& why) {
    std::string where = path;
    where.append(":").append(std::to_string(number));
    fail_keyed(ErrorCode::InvalidInput, "dictionary_line", {{"where", where}, {"why", why}},
               where + ": " + why + " (expected: word frequency [tag])");
  };
  while (std::getline(in, line)) {
    ++number;
    std::string_view l = text::trim(line);
    if (l.empty()) continue;
    if (!text::is_valid_utf8(l)) bad("not UTF-8");
    // jieba splits on single spaces: the word, then its frequency; a tag may follow.
    auto space = l.find(' ');
    if (space == std::string_view::npos || space == 0) bad("no frequency");
    auto rest = l.substr(space + 1);
    auto freq_text = rest.substr(0, rest.find(' '));
    int64_t freq = 0;
    auto [end, ec] = std::from_chars(freq_text.data(), freq_text.data() + freq_text.size(), freq);
    if (ec != std::errc() || end != freq_text.data() + freq_text.size() || freq < 0)
      bad("frequency '" + std::string(freq_text) + "' is not a whole number");
    out.emplace_back(std::string(l.substr(0, space)), freq);
  }
  return out;
}

std::vector<std::pair<std::string, double>> read_idf_table(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail_keyed(ErrorCode::NotFound, "file_not_found", {{"file", path}}, "cannot open IDF table " + path);
  std::vector<std::pair<std::string, double>> out;
  out.reserve(280000);
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string_view l = text::trim(line);
    if (l.empty()) continue;
    auto space = l.find(' ');
    double idf = 0;
    const char* end = nullptr;
    bool ok = text::is_valid_utf8(l) && space != std::string_view::npos && space > 0;
    if (ok) {
      auto number_text = l.substr(space + 1);
      auto r = std::from_chars(number_text.data(), number_text.data() + number_text.size(), idf);
      end = r.ptr;
      ok = r.ec == std::errc() && end == number_text.data() + number_text.size() && std::isfinite(idf);
    }
    if (!ok) {
      std::string where = path;
      where.append(":").append(std::to_string(number));
      fail_keyed(ErrorCode::InvalidInput, "idf_line", {{"where", where}}, where + ": expected \"word idf\"");
    }
    out.emplace_back(std::string(l.substr(0, space)), idf);
  }
  return out;
}

}  // namespace xinzhi::ingest
