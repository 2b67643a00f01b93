#include "engines/series/bursts.h"

#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <random>

#include "engines/series/periods.h"
#include "support/test_support.h"

namespace xinzhi::series {

// Every one of the 2^n state sequences, for the cheapest one.
std::pair<double, std::vector<int>> brute_force(const KleinbergBursts& k, size_t n) {
  double best = std::numeric_limits<double>::infinity();
  std::vector<int> best_states;
  for (uint32_t mask = 0; mask < (1u << n); ++mask) {
    std::vector<int> states(n);
    for (size_t t = 0; t < n; ++t) states[t] = (mask >> t) & 1;
    double c = k.sequence_cost(states);
    if (c < best - 1e-12) best = c, best_states = states;
  }
  return {best, best_states};
}

TEST(KleinbergBursts, ViterbiEqualsBruteForceOnShortSeries) {
  std::mt19937 rng(5);
  for (int trial = 0; trial < 200; ++trial) {
    size_t n = 2 + rng() % 9;
    std::vector<uint64_t> r(n), d(n);
    for (size_t t = 0; t < n; ++t) {
      d[t] = 20 + rng() % 200;
      r[t] = rng() % (d[t] / (1 + rng() % 6) + 1);
    }
    double s = 1.5 + (rng() % 30) / 10.0, gamma = (rng() % 30) / 10.0;
    KleinbergBursts k(r, d, s, gamma);
    k.run();
    auto [cost, states] = brute_force(k, n);
    EXPECT_NEAR(k.cost(), cost, 1e-9 * std::max(1.0, cost)) << "trial " << trial;
    EXPECT_NEAR(k.sequence_cost(k.states()), k.cost(), 1e-9 * std::max(1.0, cost)) << "trial " << trial;
  }
}

TEST(KleinbergBursts, FindsAnObviousBurstWithItsStrength) {
  std::vector<uint64_t> d(8, 100), r = {5, 5, 5, 30, 35, 30, 5, 5};
  KleinbergBursts k(r, d, 2.0, 1.0);
  k.run();
  EXPECT_NEAR(k.p0(), 120.0 / 800, 1e-12);
  EXPECT_NEAR(k.p1(), 0.3, 1e-12);
  ASSERT_EQ(k.bursts().size(), 1u);
  EXPECT_EQ(k.bursts()[0].start, 3u);
  EXPECT_EQ(k.bursts()[0].end, 5u);
  double strength = 0;
  for (size_t t = 3; t <= 5; ++t) {
    auto ll = [&](double p) { return r[t] * std::log(p) + (d[t] - r[t]) * std::log1p(-p); };
    strength += ll(0.3) - ll(0.15);  // σ0 − σ1; the binomial coefficient cancels
  }
  EXPECT_NEAR(k.bursts()[0].strength, strength, 1e-9);
}

TEST(KleinbergBursts, AnEvenSeriesHasNoBurst) {
  std::vector<uint64_t> d = {50, 100, 200, 400, 80}, r = {5, 10, 20, 40, 8};  // r = 0.1 · d everywhere
  KleinbergBursts k(r, d, 2.0, 0.0);
  k.run();
  EXPECT_TRUE(k.bursts().empty());
  for (int s : k.states()) EXPECT_EQ(s, 0);
}

TEST(KleinbergBursts, GammaAndMinimumDurationBehaveAsDocumented) {
  std::vector<uint64_t> d(10, 100), r = {5, 25, 5, 5, 30, 30, 30, 5, 5, 5};
  KleinbergBursts loose(r, d, 2.0, 0.0);
  loose.run();
  EXPECT_EQ(loose.bursts().size(), 2u);  // the one-period spike and the three-period run
  KleinbergBursts longer(r, d, 2.0, 0.0, 2);
  longer.run();
  ASSERT_EQ(longer.bursts().size(), 1u);  // the spike is shorter than two periods
  EXPECT_EQ(longer.bursts()[0].start, 4u);
  KleinbergBursts strict(r, d, 2.0, 100.0);
  strict.run();
  EXPECT_TRUE(strict.bursts().empty());  // going up costs too much
}

TEST(KleinbergBursts, RefusesBadInput) {
  testing::expect_error(ErrorCode::InvalidInput, [] { KleinbergBursts({1, 2}, {5}); },
                        "r and d must have one value per period");
  testing::expect_error(ErrorCode::InvalidInput, [] { KleinbergBursts({6}, {5}); },
                        "period 0 has more items than documents");
  testing::expect_error(ErrorCode::InvalidInput, [] { KleinbergBursts({1}, {5}, 1.0); }, "s must be greater than 1");
  testing::expect_error(ErrorCode::InvalidInput, [] { KleinbergBursts({1}, {5}, 2.0, -1); },
                        "gamma must not be negative");
  KleinbergBursts empty({0, 0}, {0, 0});
  empty.run();
  EXPECT_TRUE(empty.bursts().empty());
}

TEST(Periods, YearQuarterMonthAndIsoWeek) {
  EXPECT_EQ(period_of("2016-07-15", Granularity::Year), "2016");
  EXPECT_EQ(period_of("20160715", Granularity::Quarter), "2016-Q3");
  EXPECT_EQ(period_of("2016-07-15", Granularity::Month), "2016-07");
  EXPECT_EQ(period_of("2016-07-15", Granularity::Week), "2016-W28");  // Python isocalendar
  EXPECT_EQ(period_of("2021-01-01", Granularity::Week), "2020-W53");
  EXPECT_EQ(period_of("2016-12-31", Granularity::Week), "2016-W52");
  EXPECT_EQ(period_of("2019-12-30", Granularity::Week), "2020-W01");
  testing::expect_error(ErrorCode::InvalidInput, [] { period_of("2016-13-01", Granularity::Year); },
                        "date '2016-13-01' is not a calendar date");
  testing::expect_error(ErrorCode::InvalidInput, [] { period_of("2016", Granularity::Year); },
                        "date '2016' is not YYYY-MM-DD or YYYYMMDD");
  EXPECT_EQ(granularity_named("quarter"), Granularity::Quarter);
  testing::expect_error(ErrorCode::InvalidInput, [] { granularity_named("decade"); },
                        "period 'decade' is not year, quarter, month or week");
}

// Every result getter refuses to answer before run(): zeros and empty vectors read as results
// would be silently wrong.
TEST(KleinbergBursts, ResultsBeforeRunAreAnInternalError) {
  KleinbergBursts k({5, 30}, {100, 100});
  const std::vector<std::function<void()>> reads = {
      [&] { k.states(); }, [&] { k.bursts(); }, [&] { k.cost(); },
      [&] { k.p0(); },     [&] { k.p1(); },     [&] { k.sequence_cost({0, 0}); },
  };
  for (size_t i = 0; i < reads.size(); ++i) {
    SCOPED_TRACE("read " + std::to_string(i));
    testing::expect_error(ErrorCode::Internal, reads[i],
                          "KleinbergBursts: run() must be called before its results are read");
  }
  k.run();
  EXPECT_EQ(k.states().size(), 2u);  // and answers once it has run
}

}  // namespace xinzhi::series
