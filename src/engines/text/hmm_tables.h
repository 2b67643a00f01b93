// jieba's hidden Markov model for words the dictionary lacks (finalseg): log probabilities of
// the states B(egin), M(iddle), E(nd), S(ingle) — start, transition and per-character
// emission — generated at build time from Debian's python3-jieba (jieba_hmm_tables.py).
#pragma once
#include <cstddef>

namespace xinzhi::text::hmm {

enum State { B = 0, M = 1, E = 2, S = 3 };
constexpr double kMinLogProb = -3.14e100;  // jieba's MIN_FLOAT: what an absent entry weighs

struct Emission {
  char32_t c;
  double log_prob;
};
struct EmissionTable {
  const Emission* entries;  // sorted by code point
  size_t size;
};

extern const double kStart[4];
extern const double kTrans[4][4];  // [from][to]
extern const EmissionTable kEmit[4];

}  // namespace xinzhi::text::hmm
