// 分词 as a service: jieba's dictionary loaded once per process and shared, and texts cut into
// words (xinzhi text segment; the matching services and the search index build on it).
#pragma once
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

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

}  // namespace xinzhi::segmentation
