#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "engines/graph/components.h"
#include "engines/graph/digraph.h"
#include "engines/graph/reach.h"
#include "support/test_support.h"

namespace xinzhi::graph {

// CLRS (3rd ed.) Figure 22.9: a..h = 0..7; components {a,b,e}, {c,d}, {f,g}, {h}.
std::vector<Edge> clrs_22_9() {
  return {{0, 1}, {1, 2}, {1, 4}, {1, 5}, {2, 3}, {2, 6}, {3, 2}, {3, 7},
          {4, 0}, {4, 5}, {5, 6}, {6, 5}, {6, 7}, {7, 7}};
}

TEST(Digraph, CsrKeepsEachEdgeOnceInBothDirections) {
  std::vector<Edge> edges = {{0, 1}, {0, 1}, {1, 2}, {2, 0}};
  Digraph g(3, edges);
  EXPECT_EQ(g.node_count(), 3u);
  EXPECT_EQ(g.edge_count(), 3u);
  ASSERT_EQ(g.out(0).size(), 1u);
  EXPECT_EQ(g.in(0)[0], 2u);
  std::vector<Edge> bad = {{0, 5}};
  EXPECT_THROW(Digraph(3, bad), std::out_of_range);
  EXPECT_EQ(Digraph(0, {}).node_count(), 0u);
}

TEST(StronglyConnectedComponents, ClrsFigure22_9) {
  auto edges = clrs_22_9();
  Digraph g(8, edges);
  StronglyConnectedComponents scc(g);
  scc.run();
  EXPECT_EQ(scc.count(), 4u);
  const auto& c = scc.component();
  EXPECT_EQ(c[0], c[1]);
  EXPECT_EQ(c[0], c[4]);
  EXPECT_EQ(c[2], c[3]);
  EXPECT_EQ(c[5], c[6]);
  EXPECT_NE(c[0], c[2]);
  EXPECT_NE(c[2], c[5]);
  EXPECT_NE(c[5], c[7]);
}

TEST(StageLayering, CondensesCyclesThenLayers) {
  auto edges = clrs_22_9();
  Digraph g(8, edges);
  StageLayering layers(g);
  layers.run();
  // Condensation: {abe} → {cd}, {abe} → {fg}, {cd} → {fg}, {cd} → {h}, {fg} → {h}.
  EXPECT_EQ(layers.level()[0], 0);
  EXPECT_EQ(layers.level()[2], 1);
  EXPECT_EQ(layers.level()[5], 2);
  EXPECT_EQ(layers.level()[7], 3);
  EXPECT_EQ(layers.max_level(), 3);
  EXPECT_EQ(layers.stage_of(0), 0);  // 上游
  EXPECT_EQ(layers.stage_of(2), 1);  // 中游
  EXPECT_EQ(layers.stage_of(5), 1);
  EXPECT_EQ(layers.stage_of(7), 2);  // 下游
}

TEST(StageLayering, AgreesWithNetworkxOnIckgUpstreamGraph) {
  XINZHI_REQUIRE_DATA(testing::ickg25());
  // The 上游于 relation (id 4) of ICKG25. networkx 2.8 on the same edges: 1,005 nodes,
  // 1,173 edges, 956 strongly connected components (largest 40), and a longest path of 9
  // in the condensation.
  std::map<long, NodeId> id;
  std::vector<Edge> edges;
  for (auto f : {"/train.txt", "/valid.txt", "/test.txt"}) {
    std::ifstream in(testing::ickg25() + f);
    long h, r, t, d;
    while (in >> h >> r >> t >> d)
      if (r == 4) {
        auto a = id.emplace(h, id.size()).first->second;
        auto b = id.emplace(t, id.size()).first->second;
        edges.push_back({a, b});
      }
  }
  Digraph g(id.size(), edges);
  EXPECT_EQ(g.node_count(), 1005u);
  EXPECT_EQ(g.edge_count(), 1173u);
  StronglyConnectedComponents scc(g);
  scc.run();
  EXPECT_EQ(scc.count(), 956u);
  std::map<NodeId, int> sizes;
  for (auto c : scc.component()) ++sizes[c];
  int largest = 0;
  for (auto& [_, n] : sizes) largest = std::max(largest, n);
  EXPECT_EQ(largest, 40);
  StageLayering layers(g);
  layers.run();
  EXPECT_EQ(layers.max_level(), 9);
}

TEST(HopReach, CountsStepsUpstreamAndDownstream) {
  // 0 → 1 → 2 → 3, and 4 → 2
  std::vector<Edge> edges = {{0, 1}, {1, 2}, {2, 3}, {4, 2}};
  Digraph g(5, edges);
  HopReach down(g, {1}, 1, Direction::Downstream);
  down.run();
  EXPECT_EQ(down.reached(), (std::vector<NodeId>{1, 2}));
  HopReach up(g, {2}, 2, Direction::Upstream);
  up.run();
  EXPECT_EQ(up.distance(), (std::vector<int>{2, 1, 0, -1, 1}));
  HopReach both(g, {4}, 2, Direction::Both);
  both.run();
  EXPECT_EQ(both.reached(), (std::vector<NodeId>{1, 2, 3, 4}));
}

}  // namespace xinzhi::graph
