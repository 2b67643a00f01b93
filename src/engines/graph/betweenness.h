// Betweenness centrality by Brandes (2001): exact, directed or undirected, optionally
// weighted (Dijkstra), parallel over source nodes with oneTBB; or sampled from k sources
// (Brandes & Pich 2007), scaled by n/k. Values follow igraph: unnormalised, and on an
// undirected graph each unordered pair counts once. Parallel edges are distinct paths.
#pragma once
#include <cstdint>
#include <vector>

#include "base/run_guard.h"
#include "engines/graph/digraph.h"

namespace xinzhi::graph {

class Betweenness {
 public:
  // weights: per input edge (Digraph edge ids), positive; empty for unweighted. run() refuses
  // other weights (InvalidInput); scores() needs run() first (Internal otherwise).
  Betweenness(const Digraph& g, bool directed, std::vector<double> weights = {}, size_t samples = 0,
              uint64_t seed = 1)
      : g_(g), directed_(directed), weights_(std::move(weights)), samples_(samples), seed_(seed) {}
  void run();
  const std::vector<double>& scores() const {
    guard_.assure_finished("Betweenness");
    return scores_;
  }

 private:
  const Digraph& g_;
  bool directed_;
  std::vector<double> weights_;
  size_t samples_;
  uint64_t seed_;
  std::vector<double> scores_;
  RunGuard guard_;
};

}  // namespace xinzhi::graph
