// A segmentation dictionary file in jieba's format: one "word frequency [tag]" per line,
// UTF-8 (Debian's python3-jieba ships the 349,046-word dict.txt, MIT).
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace xinzhi::ingest {

// Where Debian's python3-jieba puts its dictionary (scripts/setup-deps.sh installs it).
inline constexpr const char* kJiebaDictionary = "/usr/lib/python3/dist-packages/jieba/dict.txt";

// (word, frequency) in file order; blank lines skipped. InvalidInput naming file:line for a
// line without a whole-number frequency or not UTF-8; NotFound when the file is missing.
std::vector<std::pair<std::string, int64_t>> read_word_frequencies(const std::string& path);

// jieba's IDF table for keyword extraction (270,131 words in Debian's package).
inline constexpr const char* kJiebaIdfTable = "/usr/lib/python3/dist-packages/jieba/analyse/idf.txt";

// (word, idf) per "word idf" line; the same errors as read_word_frequencies (a finite number).
std::vector<std::pair<std::string, double>> read_idf_table(const std::string& path);

}  // namespace xinzhi::ingest
