#include "engines/text/english_stemmer.h"

#include <algorithm>
#include <array>
#include <initializer_list>

#include "base/text.h"

namespace xinzhi::text {

namespace {

bool vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }
// Snowball's non-v_WXY: not a vowel and not w, x or Y.
bool consonant_not_wxy(char c) { return !vowel(c) && c != 'w' && c != 'x' && c != 'Y'; }
bool valid_li(char c) { return std::string_view("cdeghkmnrt").find(c) != std::string_view::npos; }

// The longest of `suffixes` the word ends with; "" when none.
std::string_view longest_suffix(const std::string& w, std::initializer_list<std::string_view> suffixes) {
  std::string_view best;
  for (auto s : suffixes)
    if (s.size() > best.size() && text::ends_with(w, s)) best = s;
  return best;
}

// A short syllable ending at `end`: consonant (not w, x, Y), vowel, consonant read backwards;
// or, at the start of the word, vowel then consonant.
bool short_syllable_before(const std::string& w, size_t end) {
  if (end >= 3 && consonant_not_wxy(w[end - 1]) && vowel(w[end - 2]) && !vowel(w[end - 3])) return true;
  return end == 2 && !vowel(w[1]) && vowel(w[0]);
}

struct Regions {
  size_t p1, p2;
};

// R1 starts after the first consonant that follows a vowel (or after gener-, commun-, arsen-);
// R2 is the same taken again inside R1.
Regions mark_regions(const std::string& w) {
  auto after_vowel_consonant = [&](size_t from) {
    size_t i = from;
    while (i < w.size() && !vowel(w[i])) ++i;
    while (i < w.size() && vowel(w[i])) ++i;
    return i < w.size() ? i + 1 : w.size();
  };
  size_t p1 = w.size();
  bool prefixed = false;
  for (std::string_view prefix : {"gener", "commun", "arsen"})
    if (w.compare(0, prefix.size(), prefix) == 0) {
      p1 = prefix.size();
      prefixed = true;
    }
  if (!prefixed) p1 = after_vowel_consonant(0);
  size_t p2 = p1 < w.size() ? after_vowel_consonant(p1) : w.size();
  return {p1, p2};
}

void replace_suffix(std::string& w, std::string_view suffix, std::string_view by) {
  w.resize(w.size() - suffix.size());
  w += by;
}

void step_1a(std::string& w) {
  auto apostrophe = longest_suffix(w, {"'", "'s", "'s'"});
  if (!apostrophe.empty()) w.resize(w.size() - apostrophe.size());
  auto s = longest_suffix(w, {"sses", "ied", "ies", "s", "us", "ss"});
  if (s == "sses") {
    replace_suffix(w, s, "ss");
  } else if (s == "ied" || s == "ies") {
    replace_suffix(w, s, w.size() - s.size() > 1 ? "i" : "ie");
  } else if (s == "s") {
    // Delete when a vowel comes before the letter just before the s (gaps → gap, gas stays).
    size_t before = w.size() - 1;
    if (before >= 1 && std::any_of(w.begin(), w.begin() + long(before - 1), vowel)) w.pop_back();
  }
}

void step_1b(std::string& w, const Regions& r) {
  auto s = longest_suffix(w, {"eed", "eedly", "ed", "edly", "ing", "ingly"});
  if (s.empty()) return;
  size_t at = w.size() - s.size();
  if (s == "eed" || s == "eedly") {
    if (at >= r.p1) replace_suffix(w, s, "ee");
    return;
  }
  if (!std::any_of(w.begin(), w.begin() + long(at), vowel)) return;
  w.resize(at);
  if (text::ends_with(w, "at") || text::ends_with(w, "bl") || text::ends_with(w, "iz")) {
    w += 'e';
  } else if (w.size() >= 2 && w[w.size() - 1] == w[w.size() - 2] && std::string_view("bdfgmnprt").find(w.back()) != std::string_view::npos) {
    w.pop_back();
  } else if (w.size() == r.p1 && short_syllable_before(w, w.size())) {
    w += 'e';
  }
}

void step_1c(std::string& w) {
  size_t n = w.size();
  if (n >= 3 && (w[n - 1] == 'y' || w[n - 1] == 'Y') && !vowel(w[n - 2])) w[n - 1] = 'i';
}

void step_2(std::string& w, const Regions& r) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 24> rules{{
      {"tional", "tion"}, {"enci", "ence"},   {"anci", "ance"},    {"abli", "able"}, {"entli", "ent"},  {"izer", "ize"},
      {"ization", "ize"}, {"ational", "ate"}, {"ation", "ate"},    {"ator", "ate"},  {"alism", "al"},   {"aliti", "al"},
      {"alli", "al"},     {"fulness", "ful"}, {"ousli", "ous"},    {"ousness", "ous"}, {"iveness", "ive"}, {"iviti", "ive"},
      {"biliti", "ble"},  {"bli", "ble"},     {"ogi", "og"},       {"fulli", "ful"}, {"lessli", "less"}, {"li", ""},
  }};
  const std::pair<std::string_view, std::string_view>* best = nullptr;
  for (const auto& rule : rules)
    if ((best == nullptr || rule.first.size() > best->first.size()) && text::ends_with(w, rule.first)) best = &rule;
  if (best == nullptr) return;
  size_t at = w.size() - best->first.size();
  if (at < r.p1) return;
  if (best->first == "ogi" && (at == 0 || w[at - 1] != 'l')) return;
  if (best->first == "li" && (at == 0 || !valid_li(w[at - 1]))) return;
  replace_suffix(w, best->first, best->second);
}

void step_3(std::string& w, const Regions& r) {
  auto s = longest_suffix(w, {"tional", "ational", "alize", "icate", "iciti", "ical", "ful", "ness", "ative"});
  if (s.empty()) return;
  size_t at = w.size() - s.size();
  if (at < r.p1) return;
  if (s == "tional") replace_suffix(w, s, "tion");
  else if (s == "ational") replace_suffix(w, s, "ate");
  else if (s == "alize") replace_suffix(w, s, "al");
  else if (s == "icate" || s == "iciti" || s == "ical") replace_suffix(w, s, "ic");
  else if (s == "ful" || s == "ness") w.resize(at);
  else if (s == "ative" && at >= r.p2) w.resize(at);
}

void step_4(std::string& w, const Regions& r) {
  auto s = longest_suffix(w, {"al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism",
                              "ate", "iti", "ous", "ive", "ize", "ion"});
  if (s.empty()) return;
  size_t at = w.size() - s.size();
  if (at < r.p2) return;
  if (s == "ion" && (at == 0 || (w[at - 1] != 's' && w[at - 1] != 't'))) return;
  w.resize(at);
}

void step_5(std::string& w, const Regions& r) {
  if (w.empty()) return;
  size_t at = w.size() - 1;
  if (w.back() == 'e') {
    if (at >= r.p2 || (at >= r.p1 && !short_syllable_before(w, at))) w.pop_back();
  } else if (w.back() == 'l') {
    if (at >= r.p2 && at >= 1 && w[at - 1] == 'l') w.pop_back();
  }
}

}  // namespace

std::string english_stem(std::string_view word) {
  if (word.empty() || !std::all_of(word.begin(), word.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '\''; }))
    return std::string(word);
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 18> exceptions{{
      {"skis", "ski"}, {"skies", "sky"}, {"dying", "die"}, {"lying", "lie"}, {"tying", "tie"}, {"idly", "idl"},
      {"gently", "gentl"}, {"ugly", "ugli"}, {"early", "earli"}, {"only", "onli"}, {"singly", "singl"}, {"sky", "sky"},
      {"news", "news"}, {"howe", "howe"}, {"atlas", "atlas"}, {"cosmos", "cosmos"}, {"bias", "bias"}, {"andes", "andes"},
  }};
  for (const auto& [form, stem] : exceptions)
    if (word == form) return std::string(stem);
  if (word.size() < 3) return std::string(word);

  std::string w(word);
  if (w.front() == '\'') w.erase(0, 1);
  // y as a consonant: at the start or after a vowel it becomes Y, which is no vowel.
  for (size_t i = 0; i < w.size(); ++i)
    if (w[i] == 'y' && (i == 0 || vowel(w[i - 1]))) w[i] = 'Y';
  Regions r = mark_regions(w);
  step_1a(w);
  static constexpr std::array<std::string_view, 8> invariant_after_1a{"inning", "outing", "canning", "herring",
                                                                      "earring", "proceed", "exceed", "succeed"};
  if (std::find(invariant_after_1a.begin(), invariant_after_1a.end(), w) == invariant_after_1a.end()) {
    step_1b(w, r);
    step_1c(w);
    step_2(w, r);
    step_3(w, r);
    step_4(w, r);
    step_5(w, r);
  }
  std::replace(w.begin(), w.end(), 'Y', 'y');
  return w;
}

std::vector<std::string> english_words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    while (!word.empty() && word.back() == '\'') word.pop_back();
    if (!word.empty()) out.push_back(std::move(word));
    word.clear();
  };
  for (char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      word += c;
    } else if (c >= 'A' && c <= 'Z') {
      word += char(c - 'A' + 'a');
    } else if (c == '\'' && !word.empty()) {
      word += c;
    } else {
      flush();
    }
  }
  flush();
  return out;
}

bool is_english_stop_word(std::string_view w) {
  static constexpr std::array<std::string_view, 64> stop{
      "a",    "about", "after", "all",  "also", "an",   "and",   "any",   "are",  "as",    "at",   "be",   "been",
      "but",  "by",    "can",   "could", "do",  "for",  "from",  "had",   "has",  "have",  "he",   "her",  "his",
      "if",   "in",    "into",  "is",   "it",   "its",  "may",   "more",  "no",   "not",   "of",   "on",   "one",
      "or",   "other", "our",   "over", "she",  "so",   "such",  "than",  "that", "the",   "their", "then", "there",
      "these", "they", "this",  "to",   "under", "was", "we",    "were",  "which", "with", "would", "you"};
  return std::find(stop.begin(), stop.end(), w) != stop.end();
}

}  // namespace xinzhi::text
