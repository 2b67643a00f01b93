// Keywords and stems of text lines (xinzhi text keywords | stem): the IDF table loaded once.
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <ostream>

#include "engines/text/english_stemmer.h"
#include "ingest/word_frequencies.h"
#include "modules/segmentation/segmentation_service.h"
#include "modules/segmentation/text_lines.h"

namespace xinzhi::segmentation {

const text::TfIdfKeywords& keyword_table(const std::string& path) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<text::TfIdfKeywords>> loaded;
  const std::string file = path.empty() ? ingest::kJiebaIdfTable : path;
  std::lock_guard lock(mutex);
  auto& slot = loaded[file];
  if (!slot) {
    auto rows = ingest::read_idf_table(file);
    // jieba keeps the last value of a word listed twice; so does assignment in file order.
    std::unordered_map<std::string, double> idf;
    idf.reserve(rows.size());
    for (auto& [word, value] : rows) idf[std::move(word)] = value;
    slot = std::make_unique<text::TfIdfKeywords>(std::move(idf));
  }
  return *slot;
}

LineKeywords keyword_lines(std::istream& in, const std::string& name, size_t top, const std::string& idf_path,
                           const std::string& dictionary_path) {
  using Clock = std::chrono::steady_clock;
  LineKeywords r;
  auto start = Clock::now();
  text::WordSegmenter segmenter(dictionary(dictionary_path), true);
  const auto& table = keyword_table(idf_path);
  r.load_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  start = Clock::now();
  for_each_text_line(in, name, [&](const std::string& line) {
    r.lines.push_back(table.extract(segmenter.cut(line), top));
  });
  r.extract_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return r;
}

size_t stem_lines(std::istream& in, std::ostream& out, const std::string& name, bool drop_stop_words) {
  std::string written;
  return for_each_text_line(in, name, [&](const std::string& line) {
    written.clear();
    for (const auto& w : text::english_words(line)) {
      if (drop_stop_words && text::is_english_stop_word(w)) continue;
      if (!written.empty()) written.push_back(' ');
      written += text::english_stem(w);
    }
    written.push_back('\n');
    out << written;
  });
}

}  // namespace xinzhi::segmentation
