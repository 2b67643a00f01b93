// text::english_stem: the Porter2 ("Snowball English") stemmer as Snowball 2.2 defines it
// (snowballstem.org/algorithms/english/stemmer.html), for the English side of mixed text: an
// overseas technology listing and a local demand meet on "insul" whether they say insulation
// or insulating. Checked word for word against Debian's python3-snowballstemmer
// (tests/cli/stem_vs_snowball.py). And English tokenisation: runs of ASCII letters and digits,
// lower-cased.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace xinzhi::text {

// The stem of one lower-case word. Words with other characters than a–z and ' come back
// unchanged (digits, CJK, upper case: the caller lower-cases first).
std::string english_stem(std::string_view word);

// The ASCII words of a text, lower-cased, in order: maximal runs of a–z, A–Z, 0–9 and the
// apostrophe inside a word ("nasa's"); everything else separates.
std::vector<std::string> english_words(std::string_view text);

// Snowball's English stop-word list (the short one jieba's keyword extractor also drops).
bool is_english_stop_word(std::string_view lower_word);

}  // namespace xinzhi::text
