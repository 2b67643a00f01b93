#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "engines/graph/betweenness.h"
#include "engines/graph/communities.h"
#include "engines/graph/components.h"
#include "engines/graph/cuts.h"
#include "engines/graph/digraph.h"
#include "engines/graph/dominators.h"
#include "engines/graph/reach.h"
#include "engines/graph/shock.h"
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
  testing::expect_error(ErrorCode::InvalidInput, [&] { Digraph(3, bad); }, "edge names a node beyond node_count");
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

namespace xinzhi::graph {

// Zachary's karate club (78 edges, as networkx.karate_club_graph() without weights).
std::vector<WeightedEdge> karate() {
  const int e[][2] = {{0, 1},   {0, 2},   {0, 3},   {0, 4},   {0, 5},   {0, 6},   {0, 7},   {0, 8},   {0, 10},
                      {0, 11},  {0, 12},  {0, 13},  {0, 17},  {0, 19},  {0, 21},  {0, 31},  {1, 2},   {1, 3},
                      {1, 7},   {1, 13},  {1, 17},  {1, 19},  {1, 21},  {1, 30},  {2, 3},   {2, 7},   {2, 8},
                      {2, 9},   {2, 13},  {2, 27},  {2, 28},  {2, 32},  {3, 7},   {3, 12},  {3, 13},  {4, 6},
                      {4, 10},  {5, 6},   {5, 10},  {5, 16},  {6, 16},  {8, 30},  {8, 32},  {8, 33},  {13, 33},
                      {19, 33}, {31, 24}, {31, 25}, {31, 28}, {31, 32}, {31, 33}, {30, 32}, {30, 33}, {9, 33},
                      {27, 23}, {27, 24}, {27, 33}, {28, 33}, {32, 14}, {32, 15}, {32, 18}, {32, 20}, {32, 22},
                      {32, 23}, {32, 29}, {32, 33}, {33, 14}, {33, 15}, {33, 18}, {33, 20}, {33, 22}, {33, 23},
                      {33, 26}, {33, 29}, {23, 25}, {23, 29}, {25, 24}, {29, 26}};
  std::vector<WeightedEdge> out;
  for (auto& p : e) out.push_back({static_cast<NodeId>(p[0]), static_cast<NodeId>(p[1]), 1.0});
  return out;
}

TEST(Modularity, KarateClubFactionsAsNetworkx) {
  // networkx 2.8 community.modularity on the two factions (Mr. Hi's club and the officer's).
  std::vector<uint32_t> club(34, 1);
  for (int n : {0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 16, 17, 19, 21}) club[n] = 0;
  EXPECT_NEAR(modularity(34, karate(), club), 0.3582347140039448, 1e-12);
  EXPECT_NEAR(modularity(34, karate(), std::vector<uint32_t>(34, 0)), 0.0, 1e-12);
}

TEST(LouvainCommunities, FindsTheKnownStructureOfTheKarateClub) {
  LouvainCommunities louvain(34, karate());
  louvain.run();
  // networkx's louvain_communities reaches 0.4198 at best over seeds; one pass in index
  // order gets within 0.01 of it, and no partition is worse than the factions.
  EXPECT_GE(louvain.modularity(), 0.41);
  EXPECT_LE(louvain.modularity(), 0.4198 + 1e-9);
  EXPECT_GE(louvain.count(), 3u);
  EXPECT_LE(louvain.count(), 5u);
  EXPECT_NEAR(louvain.modularity(), modularity(34, karate(), louvain.community()), 1e-12);
  EXPECT_EQ(louvain.community()[0], 0u);
  EXPECT_EQ(louvain.community()[32], louvain.community()[33]);  // the officer's core stays together
}

TEST(LouvainCommunities, TwoCliquesJoinedByOneEdgeSplitInTwo) {
  std::vector<WeightedEdge> e;
  for (NodeId a = 0; a < 4; ++a)
    for (NodeId b = a + 1; b < 4; ++b) e.push_back({a, b, 1}), e.push_back({static_cast<NodeId>(a + 4), static_cast<NodeId>(b + 4), 1});
  e.push_back({3, 4, 1});
  LouvainCommunities louvain(8, e);
  louvain.run();
  EXPECT_EQ(louvain.community(), (std::vector<uint32_t>{0, 0, 0, 0, 1, 1, 1, 1}));
  LouvainCommunities empty(3, {});
  empty.run();
  EXPECT_EQ(empty.count(), 3u);
  EXPECT_EQ(empty.modularity(), 0);
}

}  // namespace xinzhi::graph


namespace xinzhi::graph {

// Lengauer & Tarjan (1979), Figure 1: R A B C D E F G H I J K L = 0..12.
TEST(DominatorTree, LengauerTarjanFigureOne) {
  enum { R, A, B, C, D, E, F, G, H, I, J, K, L };
  std::vector<Edge> edges = {{R, A}, {R, B}, {R, C}, {A, D}, {B, A}, {B, D}, {B, E}, {C, F}, {C, G},
                             {D, L}, {E, H}, {F, I}, {G, I}, {G, J}, {H, E}, {H, K}, {I, K}, {J, I},
                             {K, I}, {K, R}, {L, H}};
  Digraph g(13, edges);
  DominatorTree dom(g, R);
  dom.run();
  // The paper's dominator tree: C dominates F, G; G dominates J; D dominates L; everything
  // else is dominated directly by R.
  std::vector<int64_t> want = {-1, R, R, R, R, R, C, C, R, R, G, R, D};
  EXPECT_EQ(dom.idom(), want);
  auto under_c = dom.dominated_by(C);
  EXPECT_EQ(under_c, (std::vector<NodeId>{F, G, J}));
}

TEST(Betweenness, SamplingEverySourceIsExactAndUndirectedHalves) {
  // A path a – b – c: b lies on the one shortest path between a and c.
  std::vector<Edge> edges = {{0, 1}, {1, 2}};
  Digraph g(3, edges, true);
  Betweenness undirected(g, false);
  undirected.run();
  EXPECT_EQ(undirected.scores(), (std::vector<double>{0, 1, 0}));
  Betweenness directed(g, true, {}, 3);
  directed.run();
  EXPECT_EQ(directed.scores(), (std::vector<double>{0, 1, 0}));
  Betweenness bad(g, true, {1.0, -2.0});
  testing::expect_error(ErrorCode::InvalidInput, [&] { bad.run(); }, "weights must be positive and finite");
}

TEST(CutStructure, ParallelEdgesAreNotBridges) {
  std::vector<Edge> edges = {{0, 1}, {1, 0}, {1, 2}};
  Digraph g(3, edges, true);
  CutStructure cuts(g);
  cuts.run();
  EXPECT_EQ(cuts.bridges(), (std::vector<uint32_t>{2}));
  EXPECT_EQ(cuts.articulation_points(), (std::vector<NodeId>{1}));
  CoreDecomposition cores(g);
  cores.run();
  EXPECT_EQ(cores.coreness(), (std::vector<uint32_t>{2, 2, 1}));
}

TEST(GraphEngines, BadInputIsInvalidInput) {
  std::vector<Edge> edges = {{0, 1}, {1, 2}};
  Digraph g(3, edges);
  DominatorTree dom(g, 3);
  testing::expect_error(ErrorCode::InvalidInput, [&] { dom.run(); }, "root is not a node of the graph");
  ShockPropagation too_few(g, {1.0});
  testing::expect_error(ErrorCode::InvalidInput, [&] { too_few.run(); }, "one initial loss per node is needed");
  ShockPropagation above_one(g, {1.5, 0, 0});
  testing::expect_error(ErrorCode::InvalidInput, [&] { above_one.run(); }, "initial losses must lie in [0, 1]");
  ShockPropagation dependence(g, {1, 0, 0}, {0.5});
  testing::expect_error(ErrorCode::InvalidInput, [&] { dependence.run(); }, "one dependence per edge is needed");
  Betweenness weights(g, true, {1.0});
  testing::expect_error(ErrorCode::InvalidInput, [&] { weights.run(); }, "one weight per edge is needed");
  LouvainCommunities louvain(2, {{0, 2, 1.0}});
  testing::expect_error(ErrorCode::InvalidInput, [&] { louvain.run(); }, "edge names a node beyond node_count");
  testing::expect_error(ErrorCode::InvalidInput, [] { modularity(3, {{0, 1, 1.0}}, {0, 0}); },
                        "one community per node is needed");
  testing::expect_error(ErrorCode::InvalidInput, [] { modularity(2, {{0, 5, 1.0}}, {0, 0}); },
                        "edge names a node beyond node_count");
}

// Every result getter refuses to answer before run(): an empty vector read as "no results"
// would be a silent wrong answer.
TEST(GraphEngines, ResultsBeforeRunAreAnInternalError) {
  std::vector<Edge> edges = {{0, 1}, {1, 2}};
  Digraph g(3, edges);
  HopReach reach(g, {0}, 1, Direction::Downstream);
  StronglyConnectedComponents scc(g);
  StageLayering layers(g);
  ShockPropagation shock(g, {1, 0, 0});
  CutStructure cuts(g);
  CoreDecomposition cores(g);
  Betweenness betweenness(g, true);
  LouvainCommunities louvain(3, {{0, 1, 1.0}});
  DominatorTree dom(g, 0);
  const std::vector<std::pair<std::string, std::function<void()>>> reads = {
      {"HopReach", [&] { reach.distance(); }},
      {"HopReach", [&] { reach.reached(); }},
      {"StronglyConnectedComponents", [&] { scc.component(); }},
      {"StronglyConnectedComponents", [&] { scc.count(); }},
      {"StageLayering", [&] { layers.level(); }},
      {"StageLayering", [&] { layers.max_level(); }},
      {"StageLayering", [&] { layers.stage_of(0); }},
      {"ShockPropagation", [&] { shock.loss(); }},
      {"ShockPropagation", [&] { shock.amplification(); }},
      {"ShockPropagation", [&] { shock.cut_off(); }},
      {"ShockPropagation", [&] { shock.rounds(); }},
      {"CutStructure", [&] { cuts.articulation_points(); }},
      {"CutStructure", [&] { cuts.bridges(); }},
      {"CoreDecomposition", [&] { cores.coreness(); }},
      {"Betweenness", [&] { betweenness.scores(); }},
      {"LouvainCommunities", [&] { louvain.community(); }},
      {"LouvainCommunities", [&] { louvain.count(); }},
      {"LouvainCommunities", [&] { louvain.modularity(); }},
      {"DominatorTree", [&] { dom.idom(); }},
      {"DominatorTree", [&] { dom.dominated_by(0); }},
  };
  for (size_t i = 0; i < reads.size(); ++i) {
    SCOPED_TRACE("read " + std::to_string(i) + " of " + reads[i].first);
    testing::expect_error(ErrorCode::Internal, reads[i].second,
                          reads[i].first + ": run() must be called before its results are read");
  }
  reach.run();
  EXPECT_EQ(reach.reached(), (std::vector<NodeId>{0, 1}));  // and answers once it has run
}

}  // namespace xinzhi::graph
