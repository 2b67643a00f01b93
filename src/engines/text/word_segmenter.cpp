#include "engines/text/word_segmenter.h"

#include <algorithm>
#include <cmath>

#include "engines/text/hmm_tables.h"

namespace xinzhi::text {

namespace {

// jieba's re_han_default: the characters segmented as one block.
bool in_block(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FD5) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '+' || c == '#' || c == '&' || c == '.' || c == '_' || c == '%' || c == '-';
}
bool is_han(char32_t c) { return c >= 0x4E00 && c <= 0x9FD5; }
bool is_ascii_alnum(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
// Python's \s on str: ASCII whitespace, the separators U+001C–U+001F, and Unicode spaces.
bool is_space(char32_t c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

double emission(int state, char32_t c) {
  const auto& t = hmm::kEmit[state];
  auto end = t.entries + t.size;
  auto it = std::lower_bound(t.entries, end, c, [](const hmm::Emission& e, char32_t x) { return e.c < x; });
  return it != end && it->c == c ? it->log_prob : hmm::kMinLogProb;
}

}  // namespace

struct WordSegmenter::Scratch {
  std::vector<double> score;  // best log probability of the route from each position
  std::vector<size_t> next;   // where the best first word from each position ends (inclusive)
};

void hmm_words(const std::u32string& s, size_t from, size_t to, std::vector<std::pair<size_t, size_t>>& out) {
  using namespace hmm;
  const size_t n = to - from;
  if (n == 0) return;
  // Which states may precede each state (jieba's PrevStatus), in its order.
  static const int kPrev[4][2] = {{E, S}, {M, B}, {B, M}, {S, E}};  // for B, M, E, S
  std::vector<double> v(4 * n);
  std::vector<unsigned char> back(4 * n);
  for (int y = 0; y < 4; ++y) v[static_cast<size_t>(y)] = kStart[y] + emission(y, s[from]);
  for (size_t t = 1; t < n; ++t) {
    for (int y = 0; y < 4; ++y) {
      double em = emission(y, s[from + t]);
      // max over (probability, state) pairs as Python compares tuples: a tie goes to the
      // greater state letter (S > M > E > B).
      double best = 0;
      int arg = -1;
      for (int y0 : kPrev[y]) {
        double p = v[4 * (t - 1) + static_cast<size_t>(y0)] + kTrans[y0][y] + em;
        static const char kLetter[4] = {'B', 'M', 'E', 'S'};
        if (arg < 0 || p > best || (p == best && kLetter[y0] > kLetter[arg])) best = p, arg = y0;
      }
      v[4 * t + static_cast<size_t>(y)] = best;
      back[4 * t + static_cast<size_t>(y)] = static_cast<unsigned char>(arg);
    }
  }
  // The last state is E or S; a tie goes to S.
  int state = v[4 * (n - 1) + E] > v[4 * (n - 1) + S] ? E : S;
  std::vector<unsigned char> path(n);
  for (size_t t = n; t-- > 0;) {
    path[t] = static_cast<unsigned char>(state);
    if (t > 0) state = back[4 * t + static_cast<size_t>(state)];
  }
  size_t begin = 0, next = 0;
  for (size_t i = 0; i < n; ++i) {
    if (path[i] == B) {
      begin = i;
    } else if (path[i] == E) {
      out.emplace_back(from + begin, from + i + 1);
      next = i + 1;
    } else if (path[i] == S) {
      out.emplace_back(from + i, from + i + 1);
      next = i + 1;
    }
  }
  if (next < n) out.emplace_back(from + next, to);
}

// jieba's finalseg.cut on a run the dictionary does not know: Han runs through the HMM; in
// between, runs of [A-Za-z0-9]+(\.\d+)?%? are words and everything else is cut between them.
void WordSegmenter::cut_unknown(const std::u32string& s, size_t from, size_t to, Scratch&,
                                std::vector<std::pair<size_t, size_t>>& out) const {
  size_t i = from;
  while (i < to) {
    size_t j = i;
    if (is_han(s[i])) {
      while (j < to && is_han(s[j])) ++j;
      hmm_words(s, i, j, out);
      i = j;
      continue;
    }
    // A non-Han stretch: split into number/word tokens and what lies between them.
    while (j < to && !is_han(s[j])) ++j;
    size_t k = i, piece = i;
    while (k < j) {
      if (!is_ascii_alnum(s[k])) {
        ++k;
        continue;
      }
      size_t e = k;
      while (e < j && is_ascii_alnum(s[e])) ++e;
      if (e + 1 < j && s[e] == '.' && is_digit(s[e + 1])) {
        e += 1;
        while (e < j && is_digit(s[e])) ++e;
      }
      if (e < j && s[e] == '%') ++e;
      if (piece < k) out.emplace_back(piece, k);
      out.emplace_back(k, e);
      k = piece = e;
    }
    if (piece < j) out.emplace_back(piece, j);
    i = j;
  }
}

void WordSegmenter::cut_block(const std::u32string& s, size_t from, size_t to, Scratch& scratch,
                              std::vector<std::pair<size_t, size_t>>& out) const {
  const size_t n = to - from;
  scratch.score.assign(n + 1, 0.0);
  scratch.next.assign(n + 1, 0);
  const double log_total = dict_.log_total();
  // From the end: each position's best route is its best first word plus the best route after
  // it (jieba's calc over get_DAG). Python's max on (score, end) tuples: ties go to the longer word.
  for (size_t k = n; k-- > 0;) {
    double best = 0;
    size_t best_end = n + 1;  // none yet
    int32_t node = WordDictionary::kRoot;
    bool any = false;
    for (size_t i = k; i < n; ++i) {
      node = dict_.child(node, s[from + i]);
      if (node < 0) break;
      int64_t freq = dict_.frequency(node);
      if (freq == 0) continue;
      any = true;
      double score = dict_.log_frequency(node) - log_total + scratch.score[i + 1];
      if (best_end > n || score > best || (score == best && i > best_end)) best = score, best_end = i;
    }
    if (!any) {  // no word starts here: the character alone, weighing log(1) = 0
      best = 0 - log_total + scratch.score[k + 1];
      best_end = k;
    }
    scratch.score[k] = best;
    scratch.next[k] = best_end;
  }
  size_t x = 0, buf = 0;  // single characters collect in [buf, x)
  auto flush = [&](size_t end) {
    if (buf == end) return;
    if (end - buf == 1) {
      out.emplace_back(from + buf, from + end);
    } else if (dict_.frequency_of(std::u32string_view(s).substr(from + buf, end - buf)) == 0) {
      cut_unknown(s, from + buf, from + end, scratch, out);
    } else {
      for (size_t i = buf; i < end; ++i) out.emplace_back(from + i, from + i + 1);
    }
  };
  if (hmm_) {
    while (x < n) {
      size_t y = scratch.next[x] + 1;
      if (y - x == 1) {
        ++x;
        continue;
      }
      flush(x);
      out.emplace_back(from + x, from + y);
      x = buf = y;
    }
    flush(n);
    return;
  }
  // Without the HMM: single Latin letters and digits in a row are one word.
  while (x < n) {
    size_t y = scratch.next[x] + 1;
    if (y - x == 1 && is_ascii_alnum(s[from + x])) {
      x = y;
      continue;
    }
    if (buf < x) out.emplace_back(from + buf, from + x);
    out.emplace_back(from + x, from + y);
    x = buf = y;
  }
  if (buf < n) out.emplace_back(from + buf, from + n);
}

bool is_whitespace_token(std::string_view token) {
  std::u32string s;
  std::vector<uint32_t> offsets;
  decode_utf8(token, s, offsets);
  return !s.empty() && std::all_of(s.begin(), s.end(), is_space);
}

std::vector<std::string_view> WordSegmenter::cut(std::string_view text) const {
  thread_local std::u32string s;
  thread_local std::vector<uint32_t> offsets;
  thread_local Scratch scratch;
  thread_local std::vector<std::pair<size_t, size_t>> spans;
  decode_utf8(text, s, offsets);
  spans.clear();
  size_t i = 0;
  while (i < s.size()) {
    size_t j = i;
    if (in_block(s[i])) {
      while (j < s.size() && in_block(s[j])) ++j;
      cut_block(s, i, j, scratch, spans);
    } else {
      // Outside blocks: "\r\n" and each other whitespace character are tokens; every other
      // character is a word of its own.
      while (j < s.size() && !in_block(s[j])) ++j;
      for (size_t k = i; k < j;) {
        size_t len = (s[k] == '\r' && k + 1 < j && s[k + 1] == '\n') ? 2 : 1;
        spans.emplace_back(k, k + len);
        k += len;
      }
    }
    i = j;
  }
  std::vector<std::string_view> words;
  words.reserve(spans.size());
  for (auto [a, b] : spans) words.push_back(text.substr(offsets[a], offsets[b] - offsets[a]));
  return words;
}

}  // namespace xinzhi::text
