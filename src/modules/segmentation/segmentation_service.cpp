#include "modules/segmentation/segmentation_service.h"

#include <chrono>
#include <istream>
#include <map>
#include <mutex>
#include <optional>
#include <ostream>

#include "base/error.h"
#include "base/text.h"
#include "ingest/word_frequencies.h"
#include "modules/segmentation/text_lines.h"

namespace xinzhi::segmentation {

namespace {
using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

}  // namespace

const text::WordDictionary& dictionary(const std::string& path) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<text::WordDictionary>> loaded;
  const std::string file = path.empty() ? ingest::kJiebaDictionary : path;
  std::lock_guard lock(mutex);
  auto& slot = loaded[file];
  if (!slot) slot = std::make_unique<text::WordDictionary>(ingest::read_word_frequencies(file));
  return *slot;
}

SegmentReport segment_lines(std::istream& in, std::ostream& out, const std::string& name, bool hmm,
                            const std::string& dictionary_path) {
  SegmentReport r;
  auto start = Clock::now();
  text::WordSegmenter segmenter(dictionary(dictionary_path), hmm);
  r.load_seconds = since(start);
  start = Clock::now();
  std::string written;
  r.lines = for_each_text_line(in, name, [&](const std::string& line) {
    r.bytes += line.size() + 1;
    written.clear();
    for (auto w : segmenter.cut(line)) {
      if (text::is_whitespace_token(w)) continue;
      if (!written.empty()) written.push_back(' ');
      written.append(w);
      ++r.words;
    }
    written.push_back('\n');
    out << written;
  });
  r.cut_seconds = since(start);
  return r;
}

LineHits search_lines(std::istream& in, const std::string& name, const LineSearch& search,
                      const std::string& dictionary_path) {
  LineHits r;
  std::optional<text::WordSegmenter> segmenter;
  if (!search.presegmented) segmenter.emplace(dictionary(dictionary_path), search.hmm);
  auto words_of = [&](std::string_view line) {
    std::vector<std::string_view> words;
    if (segmenter) {
      for (auto w : segmenter->cut(line))
        if (!text::is_whitespace_token(w)) words.push_back(w);
    } else {
      for (auto w : text::split(line, ' '))
        if (!w.empty()) words.push_back(w);
    }
    return words;
  };
  auto start = Clock::now();
  text::Bm25Index index(search.k1, search.b, search.idf);
  for_each_text_line(in, name, [&](const std::string& line) { index.add(words_of(line)); });
  index.run();
  r.index_seconds = since(start);
  r.documents = index.documents();
  r.terms = index.terms();
  r.average_length = index.average_length();
  start = Clock::now();
  auto query = words_of(search.query);
  for (auto w : query) r.query_words.emplace_back(w);
  r.hits = index.search(query, search.top);
  r.query_seconds = since(start);
  return r;
}

}  // namespace xinzhi::segmentation
