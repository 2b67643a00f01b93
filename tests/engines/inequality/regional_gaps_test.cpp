// engines/inequality: the Gini coefficient and Dagum's decomposition, checked by hand on a small
// example and against the definitions on random data; Theil's split likewise.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "engines/inequality/regional_gaps.h"
#include "support/test_support.h"

namespace xinzhi::inequality {
namespace {

// By hand: group A = {1, 3} (mean 2), group B = {2, 6} (mean 4); n = 4, μ = 3.
//   Σ|y − y'| over all ordered pairs = 2·(2 + 1 + 5 + 1 + 3 + 4) = 32, so G = 32 / (2·16·3) = 1/3.
//   G_AA = 2·2 / (2·4·2) = 1/4, G_BB = 2·4 / (2·4·4) = 1/4.
//   G_AB = Σ|a − b| / (2·2·(2 + 4)) = (1 + 5 + 1 + 3) / 24 = 10/24.
//   p = (1/2, 1/2), s = (2·2/12, 2·4/12) = (1/3, 2/3). G_w = 1/4·1/2·1/3 + 1/4·1/2·2/3 = 1/8.
//   B is richer: d = Σ max(b − a, 0) = 1 + 5 + 0 + 3 = 9, p = Σ max(a − b, 0) = 1, D = 8/10.
//   weight = G_AB (p_A s_B + p_B s_A) = 10/24 · (1/3 + 1/6) = 10/48; G_nb = 10/48 · 0.8 = 1/6,
//   G_t = 10/48 · 0.2 = 1/24. Sum 1/8 + 1/6 + 1/24 = 1/3 = G.
TEST(RegionalGaps, DagumByHand) {
  RegionalGaps g({"a1", "a2", "b1", "b2"}, {1, 3, 2, 6}, {0, 0, 1, 1}, {"A", "B"});
  g.run();
  EXPECT_NEAR(g.gini(), 1.0 / 3, 1e-15);
  EXPECT_NEAR(g.group_gini()[0], 0.25, 1e-15);
  EXPECT_NEAR(g.group_gini()[1], 0.25, 1e-15);
  EXPECT_NEAR(g.pair_gini()[1], 10.0 / 24, 1e-15);
  EXPECT_NEAR(g.within(), 1.0 / 8, 1e-15);
  EXPECT_NEAR(g.between(), 1.0 / 6, 1e-15);
  EXPECT_NEAR(g.transvariation(), 1.0 / 24, 1e-15);
  // Theil T = 1/4 Σ (y/3) ln(y/3); within = Σ s_j T_j, between = Σ s_j ln(μ_j/μ).
  auto t = [](double r) { return r * std::log(r); };
  EXPECT_NEAR(g.theil(), (t(1.0 / 3) + t(1.0) + t(2.0 / 3) + t(2.0)) / 4, 1e-15);
  EXPECT_NEAR(g.theil_between(), 1.0 / 3 * std::log(2.0 / 3) + 2.0 / 3 * std::log(4.0 / 3), 1e-15);
  EXPECT_NEAR(g.theil_within() + g.theil_between(), g.theil(), 1e-15);
}

TEST(RegionalGaps, DecompositionsAddUpOnRandomData) {
  std::mt19937 rng(4);
  std::uniform_real_distribution<double> v(0, 10);
  std::uniform_int_distribution<size_t> grp(0, 3);
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<std::string> names;
    std::vector<double> y;
    std::vector<size_t> group;
    for (size_t i = 0; i < 31; ++i) {
      names.push_back(std::to_string(i));
      y.push_back(v(rng));
      group.push_back(i < 4 ? i : grp(rng));  // every group has a region
    }
    RegionalGaps g(names, y, group, {"东部", "中部", "西部", "东北"});
    g.run();
    // The plain Gini from its definition (sorted form): G = Σ (2i − n − 1) y_(i) / (n² μ).
    std::vector<double> sorted = y;
    std::sort(sorted.begin(), sorted.end());
    double mu = 0, acc = 0;
    for (double x : y) mu += x;
    mu /= 31;
    for (size_t i = 0; i < 31; ++i) acc += (2.0 * static_cast<double>(i + 1) - 32) * sorted[i];
    EXPECT_NEAR(g.gini(), acc / (31.0 * 31.0 * mu), 1e-12);
    EXPECT_NEAR(g.within() + g.between() + g.transvariation(), g.gini(), 1e-12);
    EXPECT_NEAR(g.theil_within() + g.theil_between(), g.theil(), 1e-12);
  }
}

TEST(RegionalGaps, BadInput) {
  EXPECT_EQ(testing::error_key([] { RegionalGaps({"a", "b"}, {1, -1}, {0, 0}, {"A"}); }), "gaps_bad_value");
  EXPECT_EQ(testing::error_key([] { RegionalGaps({"a", "b"}, {0, 0}, {0, 0}, {"A"}); }), "gaps_zero_mean");
  EXPECT_EQ(testing::error_key([] { RegionalGaps({"a"}, {1}, {0}, {"A"}); }), "gaps_too_few_regions");
  EXPECT_EQ(testing::error_key([] {
              RegionalGaps g({"a", "b"}, {1, 2}, {0, 0}, {"A", "B"});
              g.run();
            }),
            "gaps_empty_group");
}

}  // namespace
}  // namespace xinzhi::inequality
