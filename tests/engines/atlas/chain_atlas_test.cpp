// A six-firm chain worked out by hand: segments A, A1 (inside A) and B; provinces
// 0 天津 (local), 1 北京 (partner), 2 广东; firm 4 has no known province.
#include "engines/atlas/chain_atlas.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "engines/atlas/leaders.h"
#include "support/test_support.h"

namespace xinzhi::atlas {

ChainSnapshot hand_chain() {
  ChainSnapshot c;
  c.segment_parent = {-1, 0, -1};              // A, A1 ⊂ A, B
  c.firm_province = {0, 1, 1, 2, -1, 0};       // f0 津, f1 京, f2 京, f3 粤, f4 ?, f5 津
  c.firm_patents = {3, 1, 7, 0, 1, 0};
  c.province_count = 3;
  c.memberships = {{1, 0}, {0, 1}, {1, 1}, {2, 2}, {2, 3}, {2, 4}, {1, 5}};
  c.ties = {{2, 3, TieKind::Supply}, {1, 0, TieKind::Investment}};
  return c;
}

std::vector<Zone> zones() {
  return {Zone::Local, Zone::Partner, Zone::Partner, Zone::Elsewhere, Zone::Elsewhere, Zone::Local};
}

TEST(ChainAtlas, CountsSharesConcentrationAndPatents) {
  auto c = hand_chain();
  ChainAtlas atlas(c, zones(), {0.7, 10});
  atlas.run();
  const auto& a = atlas.segments()[0];  // A holds f0, f5 (through A1) and f1
  EXPECT_EQ(a.total, 3u);
  EXPECT_EQ(a.local, 2u);
  EXPECT_EQ(a.partner, 1u);
  EXPECT_NEAR(a.local_share, 2.0 / 3, 1e-12);
  EXPECT_NEAR(a.hhi, 10000 * (4.0 / 9 + 1.0 / 9), 1e-9);  // 天津 2/3, 北京 1/3
  EXPECT_EQ(a.patents, 4u);
  EXPECT_FALSE(a.missing);
  EXPECT_TRUE(a.weak);  // 0.667 < 0.7
  const auto& b = atlas.segments()[2];
  EXPECT_EQ(b.total, 3u);
  EXPECT_TRUE(b.missing);
  EXPECT_NEAR(b.hhi, 5000, 1e-9);  // f4's unknown province is left out: 北京 1/2, 广东 1/2
  EXPECT_EQ(b.by_province, (std::vector<uint32_t>{0, 1, 1}));
  EXPECT_NEAR(atlas.coverage(), 2.0 / 3, 1e-12);
  EXPECT_EQ(atlas.firms_of(0), (std::vector<uint32_t>{0, 1, 5}));
}

TEST(ChainAtlas, WeakShareThresholdAndSingleLocalFirm) {
  auto c = hand_chain();
  ChainAtlas loose(c, zones(), {0.5, 10});
  loose.run();
  EXPECT_FALSE(loose.segments()[0].weak);  // two local firms, share 0.667 ≥ 0.5
  EXPECT_FALSE(loose.segments()[0].weak_single_firm || loose.segments()[0].weak_low_share);
  c.memberships.pop_back();                // without f5 A has one local firm
  ChainAtlas single(c, zones(), {0.0, 10});
  single.run();
  EXPECT_TRUE(single.segments()[0].weak);
  // The reason the page states: one local firm, whatever its share (here 1/2 ≥ 0).
  EXPECT_TRUE(single.segments()[0].weak_single_firm);
  EXPECT_FALSE(single.segments()[0].weak_low_share);
  // Both reasons at once: one local firm of two, below a threshold of 0.6.
  ChainAtlas strict(c, zones(), {0.6, 10});
  strict.run();
  EXPECT_TRUE(strict.segments()[0].weak_single_firm && strict.segments()[0].weak_low_share);
  // A missing segment is neither.
  EXPECT_FALSE(strict.segments()[2].weak_single_firm || strict.segments()[2].weak_low_share);
}

TEST(ChainAtlas, CandidatesPartnersFirstThenStrength) {
  auto c = hand_chain();
  ChainAtlas atlas(c, zones());
  atlas.run();
  // strength = direct segments + ties + log2(1 + patents)
  EXPECT_NEAR(atlas.firm_strength()[2], 1 + 1 + 3, 1e-12);
  EXPECT_NEAR(atlas.firm_strength()[3], 1 + 1 + 0, 1e-12);
  EXPECT_NEAR(atlas.firm_strength()[4], 1 + 0 + 1, 1e-12);
  EXPECT_EQ(atlas.candidates(2), (std::vector<uint32_t>{2, 3, 4}));
  EXPECT_EQ(atlas.candidates(0), (std::vector<uint32_t>{1}));
}

// Issue 14: a firm whose place is too coarse to tell (f4, no province) is missing data. It
// neither lowers the local share nor makes B a gap; B waits until the firm is placed.
TEST(ChainAtlas, AFirmOfUnknownPlaceIsLeftOutOfTheShareAndUnsettlesAGap) {
  auto c = hand_chain();
  auto z = zones();
  z[4] = Zone::Unplaced;
  ChainAtlas atlas(c, z, {0.2, 10});
  atlas.run();
  const auto& b = atlas.segments()[2];  // f2 京, f3 粤, f4 ?
  EXPECT_EQ(b.unplaced, 1u);
  EXPECT_EQ(b.placed(), 2u);
  EXPECT_FALSE(b.missing);
  EXPECT_TRUE(b.unsettled);
  EXPECT_FALSE(b.weak);
  EXPECT_NEAR(atlas.coverage(), 2.0 / 3, 1e-12);  // covered: a local firm is known
  // Partners first, then the firm that may be local after all, then the rest.
  EXPECT_EQ(atlas.candidates(2), (std::vector<uint32_t>{2, 4, 3}));
  // With a local firm beside it, the share is over the placed firms: 1 of 2, not 1 of 3.
  c.memberships.push_back({2, 0});
  ChainAtlas with_local(c, z, {0.2, 10});
  with_local.run();
  const auto& b2 = with_local.segments()[2];
  EXPECT_EQ(b2.total, 4u);
  EXPECT_NEAR(b2.local_share, 1.0 / 3, 1e-12);  // f0 津 of f0, f2, f3
  EXPECT_FALSE(b2.unsettled || b2.missing);
  EXPECT_TRUE(b2.weak_single_firm);
  // A segment of unplaced firms only has no share at all (0, placed() = 0), and is unsettled.
  ChainSnapshot lone;
  lone.segment_parent = {-1};
  lone.firm_province = {-1};
  lone.firm_patents = {0};
  lone.memberships = {{0, 0}};
  ChainAtlas only_unplaced(lone, {Zone::Unplaced});
  only_unplaced.run();
  EXPECT_EQ(only_unplaced.segments()[0].placed(), 0u);
  EXPECT_TRUE(only_unplaced.segments()[0].unsettled);
  EXPECT_EQ(only_unplaced.coverage(), 0);
}

TEST(ChainAtlas, RejectsMismatchedInput) {
  auto c = hand_chain();
  testing::expect_error(ErrorCode::InvalidInput, [&] { ChainAtlas(c, {Zone::Local}); }, "one zone per firm is needed");
  c.memberships.push_back({9, 0});
  ChainAtlas atlas(c, zones());
  testing::expect_error(ErrorCode::InvalidInput, [&] { atlas.run(); }, "membership names an unknown segment or firm");
  LeaderRanking ranking(c);
  testing::expect_error(ErrorCode::InvalidInput, [&] { ranking.run(); }, "membership names an unknown segment or firm");
  c.memberships.back() = {0, 9};
  LeaderRanking unknown_firm(c);
  testing::expect_error(ErrorCode::InvalidInput, [&] { unknown_firm.run(); },
                        "membership names an unknown segment or firm");
}

// A refused run neither counts as a run nor spoils an earlier one.
TEST(ChainAtlas, ARefusedRerunKeepsTheEarlierResults) {
  auto c = hand_chain();
  ChainAtlas atlas(c, zones());
  atlas.run();
  c.memberships.push_back({9, 0});
  testing::expect_error(ErrorCode::InvalidInput, [&] { atlas.run(); }, "membership names an unknown segment or firm");
  EXPECT_EQ(atlas.firms_of(0), (std::vector<uint32_t>{0, 1, 5}));
}

// Every result getter refuses to answer before run(): an empty atlas read as results would be
// silently wrong.
TEST(ChainAtlas, ResultsBeforeRunAreAnInternalError) {
  auto c = hand_chain();
  ChainAtlas atlas(c, zones());
  LeaderRanking leaders(c);
  const std::vector<std::pair<std::string, std::function<void()>>> reads = {
      {"ChainAtlas", [&] { atlas.segments(); }},
      {"ChainAtlas", [&] { atlas.coverage(); }},
      {"ChainAtlas", [&] { atlas.candidates(0); }},
      {"ChainAtlas", [&] { atlas.firm_strength(); }},
      {"ChainAtlas", [&] { atlas.firms_of(0); }},
      {"LeaderRanking", [&] { leaders.ranked(); }},
  };
  for (size_t i = 0; i < reads.size(); ++i) {
    SCOPED_TRACE("read " + std::to_string(i) + " of " + reads[i].first);
    testing::expect_error(ErrorCode::Internal, reads[i].second,
                          reads[i].first + ": run() must be called before its results are read");
  }
  atlas.run();
  EXPECT_EQ(atlas.firms_of(0), (std::vector<uint32_t>{0, 1, 5}));  // and answers once it has run
}

TEST(LeaderRanking, ScoresByTheDocumentedWeights) {
  auto c = hand_chain();
  LeaderRanking ranking(c);
  ranking.run();
  const auto& r = ranking.ranked();
  ASSERT_EQ(r.size(), 6u);
  // f1: 0.30·2/2 + 0.20·1/1 (investment) + 0.15·ln2/ln8 + 0.15·(1/5)/(1/5)
  EXPECT_EQ(r[0].firm, 1u);
  EXPECT_NEAR(r[0].score, 0.30 + 0.20 + 0.15 * std::log(2) / std::log(8) + 0.15, 1e-12);
  // f2: 0.30·1/2 + 0.20·1 (supply) + 0.15·1 (patents) + 0.15·1
  EXPECT_EQ(r[1].firm, 2u);
  EXPECT_NEAR(r[1].score, 0.15 + 0.20 + 0.15 + 0.15, 1e-12);
  EXPECT_EQ(r[2].firm, 0u);
  EXPECT_NEAR(r[2].score, 0.15 + 0.15 * std::log(4) / std::log(8) + 0.15, 1e-12);
  EXPECT_EQ(r[1].supply, 1u);
  EXPECT_NEAR(r[0].centrality, 0.2, 1e-12);
}

}  // namespace xinzhi::atlas
