// LeaderRanking: chain-leader (链主) candidates by a documented score over the chain's firms:
// 0.30 segments covered + 0.20 supply ties + 0.20 investment and control ties
// + 0.15 log(1 + patents) + 0.15 degree centrality in the firm network, each divided by its
// maximum over the chain so that every part lies in [0, 1].
#pragma once
#include <vector>

#include "base/run_guard.h"
#include "engines/atlas/chain_snapshot.h"

namespace xinzhi::atlas {

struct LeaderWeights {
  double segments = 0.30, supply = 0.20, investment_control = 0.20, patents = 0.15, centrality = 0.15;
};

struct LeaderScore {
  uint32_t firm;
  double score;
  uint32_t segments, supply, investment_control, patents;
  double centrality;  // distinct neighbours / (firms − 1)
};

class LeaderRanking {
 public:
  LeaderRanking(const ChainSnapshot& chain, LeaderWeights weights = {}) : chain_(chain), weights_(weights) {}
  // InvalidInput when a membership names an unknown segment or firm.
  void run();
  // All firms, best first (ties broken by firm index); after run() (Internal before it).
  const std::vector<LeaderScore>& ranked() const {
    guard_.assure_finished("LeaderRanking");
    return ranked_;
  }

 private:
  const ChainSnapshot& chain_;
  LeaderWeights weights_;
  std::vector<LeaderScore> ranked_;
  RunGuard guard_;
};

}  // namespace xinzhi::atlas
