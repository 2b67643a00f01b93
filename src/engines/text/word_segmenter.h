// text::WordSegmenter: Chinese word segmentation as jieba's accurate mode does it — the
// maximum-probability route through the dictionary's word DAG (unigram log frequencies), runs
// of single characters the dictionary lacks handed to the BMES hidden Markov model (Viterbi),
// Latin letters, digits and +#&._%- kept inside words. Same words as python3-jieba 0.42.1's
// jieba.cut(text, HMM=…) on the same dictionary, byte for byte.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "engines/text/word_dictionary.h"

namespace xinzhi::text {

class WordSegmenter {
 public:
  // `dictionary` must outlive the segmenter; `hmm`: recognise unknown words with the HMM.
  WordSegmenter(const WordDictionary& dictionary, bool hmm = true) : dict_(dictionary), hmm_(hmm) {}
  // The words of `text` in order, as views of it. Whitespace comes back as tokens of its own
  // (jieba's behaviour; callers writing words drop them). Safe to call from many threads.
  std::vector<std::string_view> cut(std::string_view text) const;

 private:
  struct Scratch;
  void cut_block(const std::u32string& s, size_t from, size_t to, Scratch& scratch,
                 std::vector<std::pair<size_t, size_t>>& out) const;
  void cut_unknown(const std::u32string& s, size_t from, size_t to, Scratch& scratch,
                   std::vector<std::pair<size_t, size_t>>& out) const;
  const WordDictionary& dict_;
  bool hmm_;
};

// Whether a token cut() returned is whitespace (Python's \s: ASCII and Unicode spaces, U+3000).
bool is_whitespace_token(std::string_view token);

// The BMES Viterbi path of s[from, to) (all Han characters): pushes each word's [begin, end).
void hmm_words(const std::u32string& s, size_t from, size_t to, std::vector<std::pair<size_t, size_t>>& out);

}  // namespace xinzhi::text
