#include "engines/io/leontief.h"

#include <gtest/gtest.h>

#include "../../support/test_support.h"

namespace xinzhi::io {
namespace {

// Miller & Blair (2009), section 2.3, the two-sector example: Z = [150 500; 200 100],
// x = (1000, 2000), A = [.15 .25; .2 .05], L = [1.2541 .3300; .2640 1.1221].
LeontiefModel miller_blair() {
  return LeontiefModel({"agriculture", "manufacturing"}, {150, 500, 200, 100}, {1000, 2000});
}

TEST(LeontiefModelTest, ReproducesMillerAndBlairsTwoSectorExample) {
  auto m = miller_blair();
  m.run();
  const auto& a = m.coefficients();
  EXPECT_DOUBLE_EQ(a[0], 0.15);
  EXPECT_DOUBLE_EQ(a[1], 0.25);
  EXPECT_DOUBLE_EQ(a[2], 0.20);
  EXPECT_DOUBLE_EQ(a[3], 0.05);
  // (I − A)⁻¹ = 1/0.7575 · [.95 .25; .2 .85] by hand.
  const auto& l = m.leontief_inverse();
  EXPECT_NEAR(l[0], 0.95 / 0.7575, 1e-12);
  EXPECT_NEAR(l[1], 0.25 / 0.7575, 1e-12);
  EXPECT_NEAR(l[2], 0.20 / 0.7575, 1e-12);
  EXPECT_NEAR(l[3], 0.85 / 0.7575, 1e-12);
  EXPECT_NEAR(m.output_multipliers()[0], 1.15 / 0.7575, 1e-12);  // 1.5182, M&B's 1.518
  EXPECT_NEAR(m.output_multipliers()[1], 1.10 / 0.7575, 1e-12);  // 1.4521
  // Backward: each multiplier over their mean (1.125 / 0.7575).
  EXPECT_NEAR(m.backward_linkages()[0], 1.15 / 1.125, 1e-12);
  EXPECT_NEAR(m.backward_linkages()[1], 1.10 / 1.125, 1e-12);
}

TEST(LeontiefModelTest, ForwardLinkagesAreRowSumsOfTheGhoshInverseInvertedSeparately) {
  auto m = miller_blair();
  m.run();
  // B = x̂⁻¹ Z = [.15 .5; .1 .05]; (I − B)⁻¹ = 1/0.7575 · [.95 .5; .1 .85] by hand.
  double g0 = (0.95 + 0.5) / 0.7575, g1 = (0.1 + 0.85) / 0.7575, mean = (g0 + g1) / 2;
  EXPECT_NEAR(m.forward_linkages()[0], g0 / mean, 1e-12);
  EXPECT_NEAR(m.forward_linkages()[1], g1 / mean, 1e-12);
}

TEST(LeontiefModelTest, RefusesTablesThatAreNotAnEconomy) {
  testing::expect_error(ErrorCode::InvalidInput, [] { LeontiefModel({"a", "b"}, {1, 2, 3}, {1, 2}); }, "expected 2 × 2");
  testing::expect_error(ErrorCode::InvalidInput, [] { LeontiefModel({"a", "b"}, {1, 2, 3, 4}, {10, 0}); },
                        "sector 'b' has total output 0");
  testing::expect_error(ErrorCode::InvalidInput, [] { LeontiefModel({"a", "b"}, {1, -2, 3, 4}, {10, 10}); },
                        "from 'a' to 'b' is -2");
  testing::expect_error(
      ErrorCode::InvalidInput,
      [] {
        LeontiefModel m({"a", "b"}, {1, 2, 9, 4}, {10, 10});
        m.run();
      },
      "inputs of sector 'a' are 1");
  testing::expect_error(ErrorCode::Internal, [] { miller_blair().output_multipliers(); }, "run()");
}

TEST(LeontiefModelTest, InverseTimesIMinusAIsTheIdentityOnALargeRandomTable) {
  const size_t n = 150;
  std::vector<double> z(n * n), x(n, 0);
  uint64_t state = 42;
  auto next = [&] { return (state = state * 6364136223846793005ULL + 1442695040888963407ULL) >> 40; };
  for (auto& v : z) v = static_cast<double>(next() % 1000);
  for (size_t j = 0; j < n; ++j) {
    double inputs = 0;
    for (size_t i = 0; i < n; ++i) inputs += z[i * n + j];
    x[j] = inputs * 1.6;  // inputs take 62.5% of output
  }
  std::vector<std::string> names(n);
  for (size_t i = 0; i < n; ++i) names[i] = std::to_string(i);  // not "s" + …: g++ 12 -O3 -Wrestrict
  LeontiefModel m(names, z, x);
  m.run();
  const auto& a = m.coefficients();
  const auto& l = m.leontief_inverse();
  double worst = 0;
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) {
      double v = 0;  // ((I − A) L)_ij
      for (size_t k = 0; k < n; ++k) v += ((i == k ? 1.0 : 0.0) - a[i * n + k]) * l[k * n + j];
      worst = std::max(worst, std::abs(v - (i == j ? 1.0 : 0.0)));
    }
  EXPECT_LT(worst, 1e-12);
  // With every column's inputs at 62.5% of output, each multiplier is 1 / (1 − 0.625).
  for (double mult : m.output_multipliers()) EXPECT_NEAR(mult, 1 / 0.375, 1e-9);
}

}  // namespace
}  // namespace xinzhi::io
