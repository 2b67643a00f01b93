#include "engines/series/field_heat_map.h"

#include "engines/series/periods.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "support/test_support.h"

namespace xinzhi::series {
namespace {

ClassifiedRecords records(std::initializer_list<std::pair<uint32_t, std::vector<uint32_t>>> rows) {
  ClassifiedRecords r;
  for (const auto& [p, f] : rows) r.add(p, f.data(), f.size());
  return r;
}

TEST(FieldHeatMap, WholeAndFractionalCounting) {
  // Period 0: {0,1}, {0}; period 1: {0,1,2}, {1,1} (field 1 twice counts once), and one
  // record outside the window.
  auto r = records({{0, {0, 1}}, {0, {0}}, {1, {0, 1, 2}}, {1, {1, 1}}, {ClassifiedRecords::kOutside, {0}}});
  FieldHeatMap whole(r, 3, 2);
  whole.run();
  EXPECT_EQ(whole.records_per_period(), (std::vector<uint64_t>{2, 2}));
  EXPECT_EQ(whole.count(0, 0), 2);
  EXPECT_EQ(whole.count(1, 1), 2);
  EXPECT_EQ(whole.count(2, 1), 1);
  EXPECT_DOUBLE_EQ(whole.share(0, 0), 1.0);

  HeatMapParameters p;
  p.counting = Counting::Fractional;
  FieldHeatMap frac(r, 3, 2, p);
  frac.run();
  EXPECT_DOUBLE_EQ(frac.count(0, 0), 1.5);       // 1/2 + 1
  EXPECT_DOUBLE_EQ(frac.count(1, 1), 1.0 / 3 + 1);  // {0,1,2} and {1}
  double sum = 0;
  for (size_t f = 0; f < 3; ++f) sum += frac.summary(f).total;
  EXPECT_DOUBLE_EQ(sum, 4.0);  // fractional counts add up to the records
  EXPECT_EQ(frac.summary(1).records, 3u);  // whole count kept beside it
}

TEST(FieldHeatMap, GrowthFirstAppearanceAndCagr) {
  ClassifiedRecords r;
  // Field 0: 4, 8, 16 records in periods 0..2; field 1 appears in period 1.
  uint32_t f0 = 0, f1 = 1;
  for (uint32_t t = 0; t < 3; ++t)
    for (int i = 0; i < (4 << t); ++i) r.add(t, &f0, 1);
  r.add(1, &f1, 1);
  HeatMapParameters p;
  p.growth_window = 2;
  FieldHeatMap m(r, 2, 3, p);
  m.run();
  double g = 0;
  ASSERT_TRUE(m.growth(0, 2, g));
  EXPECT_DOUBLE_EQ(g, 1.0);  // (16/4)^(1/2) − 1
  EXPECT_FALSE(m.growth(0, 1, g));  // window reaches before the first period
  EXPECT_DOUBLE_EQ(m.summary(0).cagr, 1.0);  // the growth window ending at the last period
  EXPECT_EQ(m.summary(1).first_period, 1);
  EXPECT_FALSE(m.summary(1).cagr_defined);  // starts at 0
}

TEST(FieldHeatMap, AnIncompleteLastPeriodIsLeftOutOfGrowth) {
  // 10, 20, 40 records, then 1 in a period the data stops early in: the CAGR ends at the last
  // complete period (2 periods, (40/10)^(1/2) − 1 = 1), not at the cut (which read −73 %).
  ClassifiedRecords r;
  uint32_t f0 = 0;
  const int per[] = {10, 20, 40, 1};
  for (uint32_t t = 0; t < 4; ++t)
    for (int i = 0; i < per[t]; ++i) r.add(t, &f0, 1);
  HeatMapParameters p;
  p.growth_window = 2;
  p.complete_periods = 3;
  FieldHeatMap m(r, 1, 4, p);
  m.run();
  double g = 0;
  EXPECT_FALSE(m.growth(0, 3, g));  // the incomplete period has no growth
  ASSERT_TRUE(m.growth(0, 2, g));
  EXPECT_DOUBLE_EQ(g, 1.0);
  ASSERT_TRUE(m.summary(0).cagr_defined);
  EXPECT_DOUBLE_EQ(m.summary(0).cagr, 1.0);
  EXPECT_EQ(m.count(0, 3), 1);  // still counted
  p.complete_periods = SIZE_MAX;  // the old reading, every period complete
  FieldHeatMap all(r, 1, 4, p);
  all.run();
  EXPECT_NEAR(all.summary(0).cagr, std::sqrt(1.0 / 20) - 1, 1e-12);
  p.complete_periods = 0;
  FieldHeatMap none(r, 1, 4, p);
  none.run();
  EXPECT_FALSE(none.summary(0).cagr_defined);
}

TEST(FieldHeatMap, EmergenceScoreByHand) {
  // 100 records in each of 10 periods; the field has 0,0,1 in the base periods and
  // a = 1,1,1,2,3,4,5 in the active ones. √T = 10, so:
  // active trend = (a4+a5+a6)/30 − (a0+a1+a2)/30 = (12 − 3)/30 = 0.3;
  // recent trend = 10·((a5+a6)/20 − (a3+a4)/20) = 10·(9 − 5)/20 = 2;
  // slope = 10·(a6/10 − a3/10)/3 = 10·0.3/3 = 1; score = 2·0.3 + 2 + 1 = 3.6.
  const uint64_t field[10] = {0, 0, 1, 1, 1, 1, 2, 3, 4, 5};
  ClassifiedRecords r;
  uint32_t f0 = 0, other = 1;
  for (uint32_t t = 0; t < 10; ++t)
    for (uint64_t i = 0; i < 100; ++i) r.add(t, i < field[t] ? &f0 : &other, 1);
  FieldHeatMap m(r, 2, 10);
  m.run();
  ASSERT_TRUE(m.summary(0).emergence_defined);
  EXPECT_NEAR(m.summary(0).emergence, 3.6, 1e-12);
  EXPECT_TRUE(m.summary(0).emergence_candidate);
  EXPECT_FALSE(m.summary(1).emergence_candidate);  // base share far above 15%

  ClassifiedRecords nine;
  for (uint32_t t = 0; t < 9; ++t) nine.add(t, &f0, 1);
  FieldHeatMap m9(nine, 1, 9);
  m9.run();
  EXPECT_FALSE(m9.summary(0).emergence_defined);
}

TEST(FieldHeatMap, BurstsAreKleinbergOnTheFieldRow) {
  // Field 0 takes 5% of 200 records per period except periods 4–6 with 40%.
  ClassifiedRecords r;
  uint32_t f0 = 0, other = 1;
  const size_t P = 10;
  std::vector<uint64_t> row(P), d(P, 200);
  for (uint32_t t = 0; t < P; ++t) {
    row[t] = (t >= 4 && t <= 6) ? 80 : 10;
    for (uint64_t i = 0; i < 200; ++i) r.add(t, i < row[t] ? &f0 : &other, 1);
  }
  HeatMapParameters p;
  p.min_duration = 2;
  FieldHeatMap m(r, 2, P, p);
  m.run();
  KleinbergBursts direct(row, d, p.s, p.gamma, p.min_duration);
  direct.run();
  ASSERT_EQ(m.summary(0).bursts.size(), 1u);
  EXPECT_EQ(m.summary(0).bursts[0].start, 4u);
  EXPECT_EQ(m.summary(0).bursts[0].end, 6u);
  EXPECT_DOUBLE_EQ(m.summary(0).bursts[0].strength, direct.bursts()[0].strength);
  for (size_t t = 0; t < P; ++t) EXPECT_EQ(m.burst_state(0, t), direct.states()[t]);
  EXPECT_EQ(m.order(FieldOrder::Strength).front(), 0u);
  EXPECT_EQ(m.order(FieldOrder::Total).front(), 1u);
}

TEST(FieldHeatMap, SimilarityOrderKeepsAlikeProfilesTogether) {
  // Fields 0 and 2 rise together, fields 1 and 3 fall together.
  ClassifiedRecords r;
  const uint32_t rising[] = {0, 2}, falling[] = {1, 3};
  for (uint32_t t = 0; t < 5; ++t) {
    for (uint32_t i = 0; i < 1 + t; ++i) r.add(t, rising, 2);
    for (uint32_t i = 0; i < 5 - t; ++i) r.add(t, falling, 2);
  }
  FieldHeatMap m(r, 4, 5);
  m.run();
  auto o = m.order(FieldOrder::Similarity);
  ASSERT_EQ(o.size(), 4u);
  auto pos = [&](uint32_t f) { return std::find(o.begin(), o.end(), f) - o.begin(); };
  EXPECT_EQ(std::abs(pos(0) - pos(2)), 1);
  EXPECT_EQ(std::abs(pos(1) - pos(3)), 1);
  EXPECT_LT(pos(1), pos(0));  // the falling fields come first: their records are earlier
}

TEST(FieldHeatMap, BadInputIsRefused) {
  auto r = records({{0, {5}}});
  FieldHeatMap m(r, 3, 1);
  testing::expect_error(ErrorCode::InvalidInput, [&] { m.run(); }, "record 0 has field 5");
  HeatMapParameters p;
  p.s = 1;
  testing::expect_error(ErrorCode::InvalidInput, [&] { FieldHeatMap(r, 6, 1, p); }, "s must be greater than 1");
  p.s = 2, p.gamma = 0;
  testing::expect_error(ErrorCode::InvalidInput, [&] { FieldHeatMap(r, 6, 1, p); }, "gamma must be greater than 0");
  testing::expect_error(ErrorCode::InvalidInput, [] { field_order_named("alphabetical"); },
                        "order 'alphabetical' is not total, strength or similarity");
  testing::expect_error(ErrorCode::InvalidInput, [] { counting_named("half"); },
                        "counting 'half' is not whole or fractional");
}

// Every result getter refuses to answer before run(), including one that failed; the sizes
// given to the constructor may be read at any time.
TEST(FieldHeatMap, ResultsBeforeRunAreAnInternalError) {
  auto r = records({{0, {0, 1}}, {1, {1}}});
  FieldHeatMap m(r, 2, 2);
  auto bad = records({{0, {5}}});
  FieldHeatMap refused(bad, 2, 2);
  testing::expect_error(ErrorCode::InvalidInput, [&] { refused.run(); }, "record 0 has field 5");
  double g = 0;
  const std::vector<std::function<void()>> reads = {
      [&] { m.count(0, 0); },
      [&] { m.whole_count(0, 0); },
      [&] { m.records_per_period(); },
      [&] { m.share(0, 0); },
      [&] { m.growth(0, 1, g); },
      [&] { m.burst_state(0, 0); },
      [&] { m.summary(0); },
      [&] { m.order(FieldOrder::Similarity); },
      [&] { refused.records_per_period(); },
  };
  for (size_t i = 0; i < reads.size(); ++i) {
    SCOPED_TRACE("read " + std::to_string(i));
    testing::expect_error(ErrorCode::Internal, reads[i],
                          "FieldHeatMap: run() must be called before its results are read");
  }
  EXPECT_EQ(m.fields(), 2u);
  EXPECT_EQ(m.periods(), 2u);
  m.run();
  EXPECT_EQ(m.count(1, 1), 1);  // and answers once it has run
}

}  // namespace
}  // namespace xinzhi::series

namespace xinzhi::series {
namespace {

TEST(PeriodAxis, IndexesAgreeWithLabels) {
  PeriodAxis years(Granularity::Year, 2016, 2022);
  EXPECT_EQ(years.size(), 7u);
  EXPECT_EQ(years.index_of(20160704), 0u);
  EXPECT_EQ(years.index_of(20151231), PeriodAxis::kOutside);
  PeriodAxis quarters(Granularity::Quarter, 2020, 2021);
  EXPECT_EQ(quarters.labels()[quarters.index_of(20210815)], "2021-Q3");
  PeriodAxis months(Granularity::Month, 2020, 2020);
  EXPECT_EQ(months.labels()[months.index_of(20201231)], "2020-12");
  // Every day of three years lands in the week whose label period_of gives it.
  PeriodAxis weeks(Granularity::Week, 2019, 2021);
  for (int y = 2019; y <= 2021; ++y)
    for (unsigned m = 1; m <= 12; ++m)
      for (unsigned d = 1; d <= 28; d += 3) {
        char buf[16];
        snprintf(buf, sizeof buf, "%04d%02u%02u", y, m, d);
        uint32_t i = weeks.index_of(static_cast<uint32_t>(std::stoul(buf)));
        ASSERT_NE(i, PeriodAxis::kOutside) << buf;
        EXPECT_EQ(weeks.labels()[i], period_of(buf, Granularity::Week)) << buf;
      }
  EXPECT_EQ(weeks.labels()[weeks.index_of(20190101)], "2019-W01");
  EXPECT_EQ(weeks.labels()[weeks.index_of(20210101)], "2020-W53");
  testing::expect_error(ErrorCode::InvalidInput, [] { PeriodAxis(Granularity::Year, 2022, 2016); },
                        "the period range ends before it starts");
  testing::expect_error(ErrorCode::InvalidInput, [] { PeriodAxis(Granularity::Year, 1700, 2016); },
                        "years must lie between 1800 and 2200");
}

}  // namespace
}  // namespace xinzhi::series
