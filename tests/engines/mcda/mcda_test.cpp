// engines/mcda on published examples, each cited where it is used.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "engines/mcda/ahp.h"
#include "engines/mcda/fuzzy_evaluation.h"
#include "engines/mcda/promethee.h"
#include "engines/mcda/sensitivity.h"
#include "engines/mcda/topsis.h"
#include "engines/mcda/weights.h"
#include "support/test_support.h"

namespace xinzhi::mcda {
namespace {

Matrix matrix(size_t rows, size_t cols, std::vector<double> v) {
  Matrix m(rows, cols);
  m.values = std::move(v);
  return m;
}

// Saaty, T. L. (2008). Decision making with the analytic hierarchy process. International
// Journal of Services Sciences 1(1):83–98, the drink-consumption example (coffee, wine, tea,
// beer, sodas, milk, water).
Matrix beverages() {
  const double t = 1.0 / 3, f = 1.0 / 5, h = 1.0 / 2, q = 1.0 / 4, n = 1.0 / 9;
  return matrix(7, 7, {1, 9, 5, 2, 1, 1, h,   //
                       n, 1, t, n, n, n, n,   //
                       f, 3, 1, t, q, t, n,   //
                       h, 9, 3, 1, h, 1, t,   //
                       1, 9, 4, 2, 1, 2, h,   //
                       1, 9, 3, 1, h, 1, t,   //
                       2, 9, 9, 3, 2, 3, 1});
}

TEST(Ahp, SaatysBeverageExample) {
  PairwiseComparison ahp(beverages());
  ahp.run();
  const std::vector<double> published = {0.1775, 0.0191, 0.0418, 0.1164, 0.1896, 0.1288, 0.3268};
  ASSERT_EQ(ahp.weights().size(), 7u);
  for (size_t i = 0; i < 7; ++i) EXPECT_NEAR(ahp.weights()[i], published[i], 0.00051) << i;
  EXPECT_NEAR(ahp.lambda_max(), 7.1766, 0.00051);
  EXPECT_NEAR(ahp.cr(), 0.0223, 0.00051);
  EXPECT_DOUBLE_EQ(ahp.ri(), 1.32);
  EXPECT_TRUE(ahp.consistent());
}

TEST(Ahp, ConsistentMatrixAndTheApproximateMethod) {
  // w = (0.5, 0.3, 0.2) exactly: a_ij = w_i / w_j, λmax = n, CR = 0 by either method.
  Matrix a(3, 3);
  const double w[] = {0.5, 0.3, 0.2};
  for (size_t i = 0; i < 3; ++i)
    for (size_t j = 0; j < 3; ++j) a(i, j) = w[i] / w[j];
  for (auto method : {AhpMethod::Eigenvector, AhpMethod::ColumnNormalised}) {
    PairwiseComparison ahp(a, method);
    ahp.run();
    for (size_t i = 0; i < 3; ++i) EXPECT_NEAR(ahp.weights()[i], w[i], 1e-12);
    EXPECT_NEAR(ahp.lambda_max(), 3, 1e-12);
    EXPECT_NEAR(ahp.cr(), 0, 1e-12);
  }
}

TEST(Ahp, PointsOutTheMostInconsistentJudgement) {
  // A consistent 4 × 4 matrix with one judgement reversed: a_13 = 1/4 where 4 belongs.
  const double w[] = {0.4, 0.3, 0.1, 0.2};
  Matrix a(4, 4);
  for (size_t i = 0; i < 4; ++i)
    for (size_t j = 0; j < 4; ++j) a(i, j) = w[i] / w[j];
  a(0, 2) = 0.25, a(2, 0) = 4;
  PairwiseComparison ahp(a, AhpMethod::Eigenvector, "classic");
  ahp.run();
  EXPECT_FALSE(ahp.consistent());
  auto worst = ahp.worst_judgements(1);
  ASSERT_EQ(worst.size(), 1u);
  EXPECT_EQ(worst[0].row, 0u);
  EXPECT_EQ(worst[0].col, 2u);
  // Other random-index tables give other ratios for the same CI.
  PairwiseComparison al(a, AhpMethod::Eigenvector, "alonso-lamata");
  al.run();
  EXPECT_NEAR(al.cr() * 0.8816, ahp.cr() * 0.90, 1e-12);
}

TEST(Ahp, BadMatricesNameRowAndColumn) {
  testing::expect_error(ErrorCode::InvalidInput, [] { PairwiseComparison(Matrix(2, 3, 1)); }, "must be square");
  auto a = beverages();
  a(2, 4) = 0;
  testing::expect_error(ErrorCode::InvalidInput, [&] { PairwiseComparison p(a); }, "row 3, column 5");
  a = beverages();
  a(1, 3) = -2;
  testing::expect_error(ErrorCode::InvalidInput, [&] { PairwiseComparison p(a); }, "must be a positive number");
  a = beverages();
  a(3, 6) = 3;  // a_74 stays 3: not reciprocal
  testing::expect_error(ErrorCode::InvalidInput, [&] { PairwiseComparison p(a); },
                        "row 7, column 4: 3 is not the reciprocal");
  testing::expect_error(ErrorCode::InvalidInput,
                        [] { PairwiseComparison p(Matrix(3, 3, 1), AhpMethod::Eigenvector, "nope"); },
                        "classic, saaty2005, alonso-lamata");
}

TEST(Ahp, GroupJudgementsByGeometricMean) {
  Matrix e1(2, 2, 1), e2(2, 2, 1);
  e1(0, 1) = 4, e1(1, 0) = 0.25;
  e2(0, 1) = 1, e2(1, 0) = 1;
  auto g = geometric_mean({e1, e2});
  EXPECT_NEAR(g(0, 1), 2, 1e-12);  // sqrt(4 · 1)
  EXPECT_NEAR(g(1, 0), 0.5, 1e-12);
  testing::expect_error(ErrorCode::InvalidInput, [&] { geometric_mean({e1, Matrix(3, 3, 1)}); },
                        "expert 2 compares 3 items");
}

// Dawood, K. A. S., & Karthikeyan, R. (2017). Evaluating alternatives through the application of
// TOPSIS method with entropy weight. Int. J. Eng. Trends Technol. 46(2):60–66 (the values pymcdm's
// test suite reproduces).
TEST(Entropy, DawoodKarthikeyanExample) {
  auto x = matrix(12, 5, {7,  312, 1891, 6613,   163,     72, 88,  728,  941804, 1078,    //
                          10, 252, 2594, 3466,   117471,  10, 145, 980,  2371,   86329,   //
                          65, 54,  350,  501,    29897,   29, 48,  380,  912,    34051,   //
                          7,  476, 3300, 78470,  2212,    70, 87,  650,  733,    819000,  //
                          4,  86,  591,  3015,   103,     12, 79,  579,  3240,   96098,   //
                          21, 45,  261,  1253,   453,     1,  72,  530,  4333,   0.104800});
  EntropyWeights e(x);
  e.run();
  const std::vector<double> published = {0.104991, 0.069124, 0.071373, 0.449937, 0.304575};
  for (size_t j = 0; j < 5; ++j) EXPECT_NEAR(e.weights()[j], published[j], 5e-7) << j;
}

TEST(Entropy, ZerosConstantColumnsAndNegatives) {
  // A column of one value tells nothing (weight 0); zeros count as 0 · ln 0 = 0.
  auto x = matrix(3, 3, {5, 0, 1, 5, 0, 2, 5, 3, 3});
  EntropyWeights e(x);
  e.run();
  EXPECT_DOUBLE_EQ(e.weights()[0], 0);
  EXPECT_DOUBLE_EQ(e.entropies()[1], 0);  // all mass on one alternative: most informative
  EXPECT_GT(e.weights()[1], e.weights()[2]);
  auto neg = matrix(2, 2, {1, 2, -1, 2});
  testing::expect_error(ErrorCode::InvalidInput, [&] { EntropyWeights(neg).run(); }, "row 2, column 1 is negative");
  auto flat = matrix(2, 2, {1, 1, 1, 1});
  EntropyWeights f(flat);
  f.run();
  EXPECT_DOUBLE_EQ(f.weights()[0], 0.5);
}

TEST(Weights, Combined) {
  auto w = combined_weights(std::vector<double>{0.5, 0.5}, std::vector<double>{0.2, 0.8});
  EXPECT_NEAR(w[0], 0.2, 1e-12);
  auto lin = combined_weights(std::vector<double>{0.5, 0.5}, std::vector<double>{0.2, 0.8}, 0.5);
  EXPECT_NEAR(lin[0], 0.35, 1e-12);
  testing::expect_error(ErrorCode::InvalidInput,
                        [] { combined_weights(std::vector<double>{1}, std::vector<double>{1, 2}); },
                        "1 subjective weights but 2");
}

// Opricovic, S., & Tzeng, G.-H. (2004). Compromise solution by MCDM methods: a comparative
// analysis of VIKOR and TOPSIS. European Journal of Operational Research 156(2):445–455,
// the three-alternative example (cost: 1, 2, 5; benefit: 3000, 3750, 4500; equal weights),
// with linear (min-max) normalisation: closeness 0.500, 0.617, 0.500 (the reference values
// pymcdm's test suite holds for this example).
TEST(Topsis, OpricovicTzengExample) {
  auto x = matrix(3, 2, {1, 3000, 2, 3750, 5, 4500});
  Topsis t(x, {0.5, 0.5}, {Direction::Cost, Direction::Benefit}, Normalisation::MinMax);
  t.run();
  EXPECT_NEAR(t.closeness()[0], 0.500, 0.0005);
  EXPECT_NEAR(t.closeness()[1], 0.617, 0.0005);
  EXPECT_NEAR(t.closeness()[2], 0.500, 0.0005);
  EXPECT_EQ(t.rank()[1], 1u);
  EXPECT_EQ(t.rank()[0], t.rank()[2]);  // a tie shares its rank
}

TEST(Topsis, VectorNormalisationAndBadInput) {
  auto x = matrix(3, 2, {1, 3000, 2, 3750, 5, 4500});
  Topsis t(x, {1, 1}, {Direction::Cost, Direction::Benefit});
  t.run();
  // Hwang & Yoon's vector normalisation worked by hand: columns divided by sqrt(30) and
  // sqrt(9e6 + 14.0625e6 + 20.25e6), halved by the weights; cost ideal = smallest.
  const double n1 = std::sqrt(30.0), n2 = std::sqrt(43.3125e6);
  std::vector<double> v1 = {0.5 / n1, 1.0 / n1, 2.5 / n1}, v2 = {1500 / n2, 1875 / n2, 2250 / n2};
  for (size_t i = 0; i < 3; ++i) {
    double dp = std::hypot(v1[i] - v1[0], v2[i] - v2[2]), dm = std::hypot(v1[i] - v1[2], v2[i] - v2[0]);
    EXPECT_NEAR(t.closeness()[i], dm / (dp + dm), 1e-12) << i;
  }
  EXPECT_EQ(t.rank(), (std::vector<size_t>{1, 2, 3}));
  testing::expect_error(ErrorCode::InvalidInput, [&] { Topsis(x, {1, 1, 1}, {Direction::Cost, Direction::Benefit}); },
                        "3 weights given for 2 criteria");
  testing::expect_error(ErrorCode::InvalidInput, [&] { Topsis(x, {1, 1}, {Direction::Cost}); },
                        "1 criterion types given for 2");
}

// Zhao, H., Peng, Y., & Li, W. (2013). Revised PROMETHEE II for improving efficiency in
// emergency response. Procedia Computer Science 17:181–188 (usual criterion).
TEST(Promethee, ZhaoPengLiExample) {
  auto x = matrix(3, 3, {4, 3, 2, 3, 2, 4, 5, 1, 3});
  Promethee p(x, {0.5, 0.3, 0.2}, {Direction::Benefit, Direction::Benefit, Direction::Benefit});
  p.run();
  EXPECT_NEAR(p.net_flow()[0], 0.1, 1e-12);
  EXPECT_NEAR(p.net_flow()[1], -0.3, 1e-12);
  EXPECT_NEAR(p.net_flow()[2], 0.2, 1e-12);
  EXPECT_EQ(p.rank()[2], 1u);
}

// The composition B = A ∘ R under the three operators of fuzzy comprehensive evaluation
// (Zadeh's max–min composition and its product and weighted-average variants), worked by hand
// for A = (0.2, 0.5, 0.3) and R rows (0.2 0.5 0.2 0.1), (0.7 0.2 0.1 0), (0 0.4 0.5 0.1):
// max–min b1 = max(min(.2,.2), min(.5,.7), min(.3,0)) = .5 and so on. No published example
// with all three operators was at hand; this one is checked cell by cell in the comments' way.
TEST(FuzzyEvaluation, ThreeOperators) {
  auto r = matrix(3, 4, {0.2, 0.5, 0.2, 0.1, 0.7, 0.2, 0.1, 0, 0, 0.4, 0.5, 0.1});
  FuzzyEvaluation maxmin({0.2, 0.5, 0.3}, r, FuzzyOperator::MaxMin);
  maxmin.run();
  const std::vector<double> mm = {0.5, 0.3, 0.3, 0.1};
  for (size_t j = 0; j < 4; ++j) EXPECT_NEAR(maxmin.membership()[j], mm[j], 1e-12);
  EXPECT_EQ(maxmin.grade(), 0u);
  FuzzyEvaluation prodmax({0.2, 0.5, 0.3}, r, FuzzyOperator::ProductMax);
  prodmax.run();
  EXPECT_NEAR(prodmax.membership()[0], 0.35, 1e-12);
  EXPECT_NEAR(prodmax.membership()[1], 0.12, 1e-12);
  EXPECT_NEAR(prodmax.membership()[2], 0.15, 1e-12);
  EXPECT_NEAR(prodmax.membership()[3], 0.03, 1e-12);
  FuzzyEvaluation sum({0.2, 0.5, 0.3}, r, FuzzyOperator::WeightedSum, {90, 75, 60, 40});
  sum.run();
  const std::vector<double> b = {0.39, 0.32, 0.24, 0.05};
  for (size_t j = 0; j < 4; ++j) EXPECT_NEAR(sum.membership()[j], b[j], 1e-12);
  EXPECT_NEAR(sum.score(), 0.39 * 90 + 0.32 * 75 + 0.24 * 60 + 0.05 * 40, 1e-9);
  auto bad = matrix(1, 2, {0.5, 1.5});
  testing::expect_error(ErrorCode::InvalidInput, [&] { FuzzyEvaluation({1}, bad, FuzzyOperator::MaxMin); },
                        "row 1, column 2 is 1.5");
  testing::expect_error(ErrorCode::InvalidInput, [] { fuzzy_operator_from("min-max"); }, "expected max-min");
}

// The clothing example of Chinese fuzzy-mathematics teaching (因素: 花色, 式样, 耐穿程度, 价格;
// 评判: 很欢迎, 较欢迎, 不太欢迎, 不欢迎) with the 主因素决定型 operator M(∧,∨), as published with
// its MATLAB solution (Example 8_4, https://e-com-net.com/article/1276296104417181696.htm):
// the first customer group B = (0.2, 0.3, 0.4, 0.1) → 不太欢迎, the second (0.35, 0.4, 0.2, 0.1) → 较欢迎.
TEST(FuzzyEvaluation, ClothingExampleMaxMin) {
  auto r = matrix(4, 4, {0.2, 0.5, 0.2, 0.1, 0.7, 0.2, 0.1, 0, 0, 0.4, 0.5, 0.1, 0.2, 0.3, 0.5, 0});
  FuzzyEvaluation first({0.1, 0.2, 0.3, 0.4}, r, FuzzyOperator::MaxMin);
  first.run();
  const std::vector<double> b1 = {0.2, 0.3, 0.4, 0.1};
  for (size_t j = 0; j < 4; ++j) EXPECT_NEAR(first.membership()[j], b1[j], 1e-12) << j;
  EXPECT_EQ(first.grade(), 2u);  // 不太欢迎
  FuzzyEvaluation second({0.4, 0.35, 0.15, 0.1}, r, FuzzyOperator::MaxMin);
  second.run();
  const std::vector<double> b2 = {0.35, 0.4, 0.2, 0.1};
  for (size_t j = 0; j < 4; ++j) EXPECT_NEAR(second.membership()[j], b2[j], 1e-12) << j;
  EXPECT_EQ(second.grade(), 1u);  // 较欢迎
}

TEST(Sensitivity, FindsTheWeightOfARankReversal) {
  // Weighted sum of two criteria: A = (1, 0), B = (0, 1). With w1 = t they tie at t = 0.5.
  auto x = matrix(2, 2, {1, 0, 0, 1});
  WeightSensitivity s({0.7, 0.3}, [&](std::span<const double> w) {
    return std::vector<double>{w[0] * x(0, 0) + w[1] * x(0, 1), w[0] * x(1, 0) + w[1] * x(1, 1)};
  });
  s.run();
  ASSERT_EQ(s.reversals().size(), 2u);  // once when moving criterion 1, once criterion 2
  EXPECT_NEAR(s.reversals()[0].weight, 0.5, 1e-9);
  EXPECT_EQ(s.reversals()[0].ahead_below, 1u);
  EXPECT_EQ(s.reversals()[0].ahead_above, 0u);
  EXPECT_TRUE(s.reversals()[0].changes_top);
  EXPECT_EQ(s.curves().size(), 2u);
  EXPECT_EQ(s.curves()[0].weights.size(), 101u);
}

TEST(Limits, PairwiseMethodsRefuseWhatWouldTakeHours) {
  WeightSensitivity s({0.5, 0.5}, [](std::span<const double>) { return std::vector<double>(2001, 0.5); });
  testing::expect_error(ErrorCode::InvalidInput, [&] { s.run(); }, "at most 2000, not 2001");
  Matrix big(5001, 1, 1);
  testing::expect_error(ErrorCode::InvalidInput, [&] { Promethee(big, {1}, {Direction::Benefit}); },
                        "at most 5,000 alternatives");
}

// Every result getter refuses to answer before run(): empty weights or a CR of 0 read as
// results would be silently wrong ("consistent").
TEST(Mcda, ResultsBeforeRunAreAnInternalError) {
  PairwiseComparison ahp(beverages());
  auto x = matrix(3, 2, {1, 3000, 2, 3750, 5, 4500});
  EntropyWeights entropy(x);
  Topsis topsis(x, {1, 1}, {Direction::Cost, Direction::Benefit});
  Promethee promethee(x, {1, 1}, {Direction::Cost, Direction::Benefit});
  auto r = matrix(1, 2, {0.5, 0.5});
  FuzzyEvaluation fuzzy({1}, r, FuzzyOperator::MaxMin);
  WeightSensitivity sensitivity({0.5, 0.5},
                                [](std::span<const double> w) { return std::vector<double>(w.begin(), w.end()); });
  const std::vector<std::pair<std::string, std::function<void()>>> reads = {
      {"PairwiseComparison", [&] { ahp.weights(); }},
      {"PairwiseComparison", [&] { ahp.lambda_max(); }},
      {"PairwiseComparison", [&] { ahp.ci(); }},
      {"PairwiseComparison", [&] { ahp.ri(); }},
      {"PairwiseComparison", [&] { ahp.cr(); }},
      {"PairwiseComparison", [&] { ahp.consistent(); }},
      {"PairwiseComparison", [&] { ahp.worst_judgements(1); }},
      {"PairwiseComparison", [&] { ahp.iterations(); }},
      {"EntropyWeights", [&] { entropy.weights(); }},
      {"EntropyWeights", [&] { entropy.entropies(); }},
      {"Topsis", [&] { topsis.closeness(); }},
      {"Topsis", [&] { topsis.distance_to_ideal(); }},
      {"Topsis", [&] { topsis.distance_to_anti_ideal(); }},
      {"Topsis", [&] { topsis.rank(); }},
      {"Promethee", [&] { promethee.positive_flow(); }},
      {"Promethee", [&] { promethee.negative_flow(); }},
      {"Promethee", [&] { promethee.net_flow(); }},
      {"Promethee", [&] { promethee.rank(); }},
      {"FuzzyEvaluation", [&] { fuzzy.membership(); }},
      {"FuzzyEvaluation", [&] { fuzzy.normalised_membership(); }},
      {"FuzzyEvaluation", [&] { fuzzy.grade(); }},
      {"FuzzyEvaluation", [&] { fuzzy.score(); }},
      {"WeightSensitivity", [&] { sensitivity.reversals(); }},
      {"WeightSensitivity", [&] { sensitivity.curves(); }},
  };
  for (size_t i = 0; i < reads.size(); ++i) {
    SCOPED_TRACE("read " + std::to_string(i) + " of " + reads[i].first);
    testing::expect_error(ErrorCode::Internal, reads[i].second,
                          reads[i].first + ": run() must be called before its results are read");
  }
  EXPECT_EQ(sensitivity.weights_with(0, 1.0), (std::vector<double>{1.0, 0.0}));  // from the constructor's weights
  ahp.run();
  EXPECT_TRUE(ahp.consistent());  // and answers once it has run
}

// Diakoulaki, Mavrotas & Papayannakis (1995), Computers & Operations Research 22(7):763–770:
// the CRITIC example (8 alternatives, 3 criteria to maximise). The weights are those
// scikit-criteria asserts for the standard method (min-max scaling, Pearson correlation).
Matrix diakoulaki() {
  return matrix(8, 3, {61, 1.08, 4.33, 20.7, 0.26, 4.34, 16.3, 1.98, 2.53, 9.0, 3.29, 1.65,  //
                       5.4, 2.77, 2.33, 4.0, 4.12, 1.21, -6.1, 3.52, 2.10, -34.6, 3.31, 0.98});
}

TEST(Critic, DiakoulakiMavrotasPapayannakisExample) {
  const Matrix x = diakoulaki();
  CriticWeights c(x, {});
  c.run();
  EXPECT_NEAR(c.weights()[0], 0.20222554, 1e-8);
  EXPECT_NEAR(c.weights()[1], 0.48090173, 1e-8);
  EXPECT_NEAR(c.weights()[2], 0.31687273, 1e-8);
}

TEST(Critic, CostColumnsConstantColumnsAndBadInput) {
  // A cost criterion holding the negated values is the same criterion.
  Matrix flipped = diakoulaki();
  for (size_t i = 0; i < flipped.rows; ++i) flipped(i, 1) = -flipped(i, 1);
  CriticWeights c(flipped, {Direction::Benefit, Direction::Cost, Direction::Benefit});
  c.run();
  EXPECT_NEAR(c.weights()[1], 0.48090173, 1e-8);
  // A constant column carries no information: weight 0, and the others' weights unchanged.
  Matrix wider(8, 4);
  const Matrix x = diakoulaki();
  for (size_t i = 0; i < 8; ++i) {
    for (size_t j = 0; j < 3; ++j) wider(i, j) = x(i, j);
    wider(i, 3) = 7;
  }
  CriticWeights w(wider, {});
  w.run();
  EXPECT_EQ(w.weights()[3], 0.0);
  EXPECT_NEAR(w.weights()[0], 0.20222554, 1e-8);
  EXPECT_NEAR(w.weights()[2], 0.31687273, 1e-8);
  const Matrix one_row = matrix(1, 2, {1, 2});
  CriticWeights short_matrix(one_row, {});
  EXPECT_THROW(short_matrix.run(), Error);
  const Matrix nan = matrix(2, 2, {1, 2, std::nan(""), 3});
  CriticWeights not_finite(nan, {});
  EXPECT_THROW(not_finite.run(), Error);
}

// Tzeng & Huang (2011), Multiple Attribute Decision Making: Methods and Applications, the
// TOPSIS example (vector normalisation, weights 0.3, 0.4, 0.3, every criterion a benefit):
// closeness 0.5037, 0.6581, 0.7482, 0.3340.
TEST(Topsis, TzengHuangExample) {
  const Matrix x = matrix(4, 3, {5, 8, 4, 7, 6, 8, 8, 8, 6, 7, 4, 6});
  Topsis t(x, {0.3, 0.4, 0.3}, std::vector<Direction>(3, Direction::Benefit), Normalisation::Vector);
  t.run();
  const std::vector<double> want = {0.5037, 0.6581, 0.7482, 0.3340};
  for (size_t i = 0; i < 4; ++i) EXPECT_NEAR(t.closeness()[i], want[i], 5e-5);
}

}  // namespace
}  // namespace xinzhi::mcda
