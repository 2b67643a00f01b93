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

}  // namespace xinzhi::ingest
