// The peer of bench/match_assign.py: LEMON's network simplex called directly, as a LEMON user
// would write it — a SmartDigraph source → supplier → request → sink, the maximum loads and
// demands as capacities, −score as the cost (scores ×10^6, integers), the default pivot rule.
// Reads the same files as `xinzhi match assign --candidates`; prints the total and the seconds
// of building the graph, solving and reading the flow (not reading the files).
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::vector<long long> read_column(const char* path) {
  std::ifstream in(path);
  std::vector<long long> out;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(std::stoll(line));
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: lemon_dispatch CANDIDATES.csv DEMAND.csv MAX_LOAD.csv\n";
    return 2;
  }
  struct Pair {
    int supplier, request;
    double score;
  };
  std::vector<Pair> pairs;
  {
    std::ifstream in(argv[1]);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      Pair p{};
      if (std::sscanf(line.c_str(), "%d,%d,%lf", &p.supplier, &p.request, &p.score) == 3) pairs.push_back(p);
    }
  }
  auto demand = read_column(argv[2]);
  auto max_load = read_column(argv[3]);

  auto start = std::chrono::steady_clock::now();
  using Graph = lemon::SmartDigraph;
  Graph g;
  Graph::Node source = g.addNode(), sink = g.addNode();
  std::vector<Graph::Node> suppliers, requests;
  for (size_t s = 0; s < max_load.size(); ++s) suppliers.push_back(g.addNode());
  for (size_t r = 0; r < demand.size(); ++r) requests.push_back(g.addNode());
  Graph::ArcMap<long long> capacity(g), cost(g);
  long long total_demand = 0;
  for (size_t s = 0; s < max_load.size(); ++s) {
    auto a = g.addArc(source, suppliers[s]);
    capacity[a] = max_load[s];
    cost[a] = 0;
  }
  std::vector<Graph::Arc> pair_arcs;
  pair_arcs.reserve(pairs.size());
  for (const auto& p : pairs) {
    auto a = g.addArc(suppliers[size_t(p.supplier)], requests[size_t(p.request)]);
    capacity[a] = 1;
    cost[a] = -std::llround(p.score * 1e6);
    pair_arcs.push_back(a);
  }
  for (size_t r = 0; r < demand.size(); ++r) {
    auto a = g.addArc(requests[r], sink);
    capacity[a] = demand[r];
    cost[a] = 0;
    total_demand += demand[r];
  }
  lemon::NetworkSimplex<Graph, long long, long long> simplex(g);
  simplex.upperMap(capacity).costMap(cost).stSupply(source, sink, total_demand);
  auto status = simplex.run();
  double total = 0;
  size_t chosen = 0;
  for (size_t k = 0; k < pairs.size(); ++k)
    if (simplex.flow(pair_arcs[k]) > 0) {
      total += pairs[k].score;
      ++chosen;
    }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (status != decltype(simplex)::OPTIMAL) {
    std::cerr << "lemon_dispatch: not optimal (status " << int(status) << ")\n";
    return 1;
  }
  std::printf("{\"total\": %.9f, \"pairs\": %zu, \"seconds\": %.6f}\n", total, chosen, seconds);
  return 0;
}
