// 分词 as a service: jieba's dictionary loaded once per process and shared, and texts cut into
// words (xinzhi text segment; the matching services and the search index build on it).
#pragma once
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engines/text/bm25_index.h"
#include "engines/text/tfidf_keywords.h"
#include "engines/text/word_segmenter.h"

namespace xinzhi::segmentation {

// The dictionary at `path` ("" = Debian's python3-jieba dict.txt), read on first use and kept
// for the process (a second path is read once too). Thread-safe.
const text::WordDictionary& dictionary(const std::string& path = "");

struct SegmentReport {
  size_t lines = 0, words = 0, bytes = 0;
  double load_seconds = 0, cut_seconds = 0;
};

// Cuts each line of `in` (UTF-8; `name` names it in errors) and writes its words separated by
// one space, line for line (the SIGHAN bakeoff format); whitespace is not a word and is left
// out. InvalidInput naming name:line for a line that is not UTF-8 (nothing after it is written).
SegmentReport segment_lines(std::istream& in, std::ostream& out, const std::string& name, bool hmm,
                            const std::string& dictionary_path = "");

// BM25 over the lines of a text (each line a document): `xinzhi text search`. Lines and the
// query are cut by the segmenter, or, `presegmented`, split at spaces (words already cut).
struct LineSearch {
  std::string query;
  size_t top = 10;
  bool hmm = true, presegmented = false;
  double k1 = 1.2, b = 0.75;
  text::Bm25Idf idf = text::Bm25Idf::Lucene;
};
struct LineHits {
  size_t documents = 0, terms = 0;
  double average_length = 0, index_seconds = 0, query_seconds = 0;
  std::vector<std::string> query_words;
  std::vector<text::Bm25Hit> hits;  // document = line number - 1
};
LineHits search_lines(std::istream& in, const std::string& name, const LineSearch& search,
                      const std::string& dictionary_path = "");

// jieba's IDF table at `path` ("" = Debian's python3-jieba analyse/idf.txt), read once per
// process like the dictionary. Thread-safe.
const text::TfIdfKeywords& keyword_table(const std::string& path = "");

// `xinzhi text keywords`: each line's `top` TF-IDF keywords (jieba.analyse.extract_tags), the
// line cut by the segmenter with the HMM.
struct LineKeywords {
  std::vector<std::vector<text::Keyword>> lines;
  double load_seconds = 0, extract_seconds = 0;
};
LineKeywords keyword_lines(std::istream& in, const std::string& name, size_t top, const std::string& idf_path = "",
                           const std::string& dictionary_path = "");

// `xinzhi text stem`: each line's English words (ASCII letters and digits, lower-cased), stemmed
// by Porter2, separated by one space, line for line; `drop_stop_words` leaves out "the", "of" …
size_t stem_lines(std::istream& in, std::ostream& out, const std::string& name, bool drop_stop_words);

}  // namespace xinzhi::segmentation
