// Assignment and LinearAssignment against published examples and exhaustive search.
#include "engines/assign/assignment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>

#include "base/error.h"
#include "engines/assign/linear_assignment.h"

namespace xinzhi::assign {
namespace {

// Wikipedia's Hungarian-algorithm example (workers × jobs, costs); the optimum is 140:
// worker 0 → job 2 (69), 1 → 1 (37), 2 → 0 (11), 3 → 3 (23).
const std::vector<double> kWikipediaCosts = {82, 83, 69, 92, 77, 37, 49, 92, 11, 69, 5, 86, 8, 9, 98, 23};

AssignmentProblem dense_problem(const std::vector<double>& scores, uint32_t suppliers, uint32_t requests) {
  AssignmentProblem p;
  p.suppliers = suppliers;
  p.requests = requests;
  for (uint32_t s = 0; s < suppliers; ++s)
    for (uint32_t r = 0; r < requests; ++r) p.candidates.push_back({s, r, scores[s * requests + r]});
  p.demand.assign(requests, 1);
  p.max_load.assign(suppliers, 1);
  return p;
}

TEST(LinearAssignmentTest, WikipediaHungarianExample) {
  LinearAssignment lap(kWikipediaCosts, 4, 4, /*maximise=*/false);
  lap.run();
  EXPECT_DOUBLE_EQ(lap.total(), 140);
  EXPECT_EQ(lap.column_of_row(), (std::vector<int32_t>{2, 1, 0, 3}));
}

TEST(AssignmentTest, WikipediaHungarianExampleAsAFlow) {
  std::vector<double> scores;
  for (double c : kWikipediaCosts) scores.push_back(-c);
  Assignment a(dense_problem(scores, 4, 4));
  a.run();
  EXPECT_DOUBLE_EQ(a.total(), -140);
  ASSERT_EQ(a.pairs().size(), 4u);
  // Pairs come by request: job 0 ← worker 2, job 1 ← 1, job 2 ← 0, job 3 ← 3.
  std::vector<uint32_t> suppliers;
  for (const auto& p : a.pairs()) suppliers.push_back(p.supplier);
  EXPECT_EQ(suppliers, (std::vector<uint32_t>{2, 1, 0, 3}));
  EXPECT_TRUE(a.unmet().empty());
}

double brute_force_lap(const std::vector<double>& c, int n) {
  std::vector<int> perm(static_cast<size_t>(n));
  std::iota(perm.begin(), perm.end(), 0);
  double best = -1e300;
  do {
    double t = 0;
    for (int i = 0; i < n; ++i) t += c[size_t(i * n + perm[size_t(i)])];
    best = std::max(best, t);
  } while (std::next_permutation(perm.begin(), perm.end()));
  return best;
}

TEST(LinearAssignmentTest, MatchesExhaustiveSearchOnRandomMatrices) {
  std::mt19937 rng(11);
  for (int trial = 0; trial < 200; ++trial) {
    int n = 1 + trial % 7;
    // Few distinct values, so that ties (the hard case for augmenting row reduction) are common.
    std::uniform_int_distribution<int> value(trial % 2 ? -3 : -100, trial % 2 ? 3 : 100);
    std::vector<double> c(size_t(n * n));
    for (auto& x : c) x = value(rng);
    LinearAssignment lap(c, uint32_t(n), uint32_t(n));
    lap.run();
    ASSERT_DOUBLE_EQ(lap.total(), brute_force_lap(c, n)) << "trial " << trial;
    auto cols = lap.column_of_row();
    std::sort(cols.begin(), cols.end());
    for (int j = 0; j < n; ++j) ASSERT_EQ(cols[size_t(j)], j);
  }
}

TEST(LinearAssignmentTest, RectangularMatchesTheFlowEngine) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> value(-1, 1);
  for (auto [rows, cols] : {std::pair{30u, 45u}, std::pair{45u, 30u}, std::pair{80u, 80u}}) {
    std::vector<double> s(size_t(rows) * cols);
    for (auto& x : s) x = std::round(value(rng) * 1e6) / 1e6;
    LinearAssignment lap(s, rows, cols);
    lap.run();
    Assignment flow(dense_problem(s, rows, cols));
    flow.run();
    EXPECT_NEAR(lap.total(), flow.total(), 1e-9) << rows << "×" << cols;
    EXPECT_EQ(int64_t(std::count(lap.column_of_row().begin(), lap.column_of_row().end(), -1)),
              int64_t(rows) - int64_t(std::min(rows, cols)));
  }
}

// Exhaustive search over every subset of candidate pairs: the fewest missing units first (or
// the penalty), then the largest total; loads and demands respected.
struct BruteForce {
  int64_t missing = 0;
  double total = -1e300;
  bool feasible = false;
};
BruteForce brute_force(const AssignmentProblem& p) {
  BruteForce best;
  size_t n = p.candidates.size();
  for (uint64_t mask = 0; mask < (uint64_t(1) << n); ++mask) {
    std::vector<int32_t> load(p.suppliers, 0), served(p.requests, 0);
    double total = 0;
    for (size_t k = 0; k < n; ++k)
      if (mask >> k & 1) {
        ++load[p.candidates[k].supplier];
        ++served[p.candidates[k].request];
        total += p.candidates[k].score;
      }
    bool ok = true;
    for (uint32_t s = 0; s < p.suppliers && ok; ++s)
      ok = load[s] <= p.max_load[s] && (p.min_load.empty() || load[s] >= p.min_load[s]);
    int64_t missing = 0;
    for (uint32_t r = 0; r < p.requests && ok; ++r) {
      ok = served[r] <= p.demand[r];
      missing += p.demand[r] - served[r];
    }
    if (!ok) continue;
    bool better;
    if (p.unmet_penalty) {
      double value = total - double(missing) * *p.unmet_penalty;
      better = !best.feasible || value > best.total - double(best.missing) * *p.unmet_penalty + 1e-9;
    } else {
      better = !best.feasible || missing < best.missing || (missing == best.missing && total > best.total + 1e-9);
    }
    if (better) best = {missing, total, true};
  }
  return best;
}

AssignmentProblem random_problem(std::mt19937& rng, bool with_min, bool with_penalty) {
  AssignmentProblem p;
  p.suppliers = 3;
  p.requests = 4;
  std::uniform_int_distribution<int> score(-4, 9), demand(0, 2), load(0, 3), coin(0, 3);
  for (uint32_t s = 0; s < p.suppliers; ++s)
    for (uint32_t r = 0; r < p.requests; ++r)
      if (coin(rng) != 0) p.candidates.push_back({s, r, score(rng) / 2.0});
  for (uint32_t r = 0; r < p.requests; ++r) p.demand.push_back(demand(rng));
  for (uint32_t s = 0; s < p.suppliers; ++s) p.max_load.push_back(load(rng));
  if (with_min)
    for (uint32_t s = 0; s < p.suppliers; ++s) p.min_load.push_back(std::min(p.max_load[s], coin(rng) == 0 ? 1 : 0));
  if (with_penalty) p.unmet_penalty = 1.5;
  return p;
}

TEST(AssignmentTest, MatchesExhaustiveSearchOnRandomInstances) {
  std::mt19937 rng(2026);
  int solved = 0, refused = 0;
  for (int trial = 0; trial < 600; ++trial) {
    auto p = random_problem(rng, trial % 3 == 1, trial % 3 == 2);
    auto expected = brute_force(p);
    Assignment a(p);
    if (!expected.feasible) {
      EXPECT_THROW(a.run(), Error) << "trial " << trial;
      ++refused;
      continue;
    }
    a.run();
    ++solved;
    if (p.unmet_penalty) {
      EXPECT_NEAR(a.total() - double(a.missing()) * *p.unmet_penalty,
                  expected.total - double(expected.missing) * *p.unmet_penalty, 1e-9)
          << "trial " << trial;
    } else {
      EXPECT_EQ(a.missing(), expected.missing) << "trial " << trial;
      EXPECT_NEAR(a.total(), expected.total, 1e-9) << "trial " << trial;
    }
    int64_t unmet = 0;
    for (const auto& u : a.unmet()) unmet += u.missing;
    EXPECT_EQ(unmet, a.missing());
  }
  EXPECT_GT(solved, 400);
  EXPECT_GT(refused, 0);  // some minimum loads cannot be met: the refusal path is exercised
}

TEST(AssignmentTest, AlternatesCostWhatForcingThemCosts) {
  std::vector<double> scores;
  for (double c : kWikipediaCosts) scores.push_back(-c);
  auto base = dense_problem(scores, 4, 4);
  Assignment a(base);
  a.run();
  for (uint32_t r = 0; r < 4; ++r) {
    auto alternates = a.alternates(r, 10);
    EXPECT_EQ(alternates.size(), 3u) << "request " << r;
    for (const auto& alt : alternates) {
      auto forced = base;
      forced.forced.push_back({alt.supplier, r});
      Assignment b(forced);
      b.run();
      EXPECT_NEAR(alt.loss, a.total() - b.total(), 1e-9) << "supplier " << alt.supplier << " onto request " << r;
    }
    EXPECT_TRUE(std::is_sorted(alternates.begin(), alternates.end(),
                               [](const Alternate& x, const Alternate& y) { return x.loss < y.loss; }));
  }
}

TEST(AssignmentTest, UnmetDemandIsExplained) {
  AssignmentProblem p;
  p.suppliers = 2;
  p.requests = 4;
  // Request 0: nobody; 1: one candidate for a demand of 2; 2 and 3 compete for supplier 1.
  p.candidates = {{0, 1, 1}, {1, 2, 5}, {1, 3, 4}, {0, 3, 0.5}};
  p.forbidden = {{0, 3}};
  p.demand = {1, 2, 1, 1};
  p.max_load = {1, 1};
  Assignment a(p);
  a.run();
  ASSERT_EQ(a.unmet().size(), 3u);
  EXPECT_EQ(a.unmet()[0].reason, UnmetReason::NoCandidates);
  EXPECT_EQ(a.unmet()[1].reason, UnmetReason::TooFewCandidates);
  EXPECT_EQ(a.unmet()[1].missing, 1);
  EXPECT_EQ(a.unmet()[2].request, 3u);  // the conflict left supplier 1 alone, and it serves 2 (5 > 4)
  EXPECT_EQ(a.unmet()[2].reason, UnmetReason::CandidatesFull);
  EXPECT_DOUBLE_EQ(a.total(), 6);
  EXPECT_EQ(a.missing(), 3);

  // With a penalty of 0.5 a pair scoring 0.4 is not worth serving.
  AssignmentProblem q;
  q.suppliers = 1;
  q.requests = 1;
  q.candidates = {{0, 0, -0.75}};
  q.demand = {1};
  q.max_load = {1};
  q.unmet_penalty = 0.5;
  Assignment b(q);
  b.run();
  ASSERT_EQ(b.unmet().size(), 1u);
  EXPECT_EQ(b.unmet()[0].reason, UnmetReason::BelowPenalty);
  q.unmet_penalty.reset();  // coverage first serves it anyway
  Assignment c(q);
  c.run();
  EXPECT_TRUE(c.unmet().empty());
  EXPECT_DOUBLE_EQ(c.total(), -0.75);
}

TEST(AssignmentTest, FairnessPassRaisesTheWeakestPair) {
  AssignmentProblem p;
  p.suppliers = 2;
  p.requests = 2;
  // Best total 10 uses a pair scoring 0; the fair answer scores 1 + 6 = 7 with floor 1.
  p.candidates = {{0, 0, 10}, {0, 1, 1}, {1, 0, 6}, {1, 1, 0}};
  p.demand = {1, 1};
  p.max_load = {1, 1};
  Assignment plain(p);
  plain.run();
  EXPECT_DOUBLE_EQ(plain.total(), 10);
  p.raise_floor = true;
  Assignment fair(p);
  fair.run();
  EXPECT_DOUBLE_EQ(fair.total_before_floor(), 10);
  EXPECT_DOUBLE_EQ(fair.floor_before(), 0);
  EXPECT_DOUBLE_EQ(fair.floor_after(), 1);
  EXPECT_DOUBLE_EQ(fair.total(), 7);
  EXPECT_EQ(fair.missing(), 0);
}

TEST(AssignmentTest, ForcedPairsAreHonoured) {
  std::vector<double> scores;
  for (double c : kWikipediaCosts) scores.push_back(-c);
  auto p = dense_problem(scores, 4, 4);
  p.forced = {{0, 0}};
  Assignment a(p);
  a.run();
  EXPECT_EQ(a.pairs()[0].supplier, 0u);
  EXPECT_EQ(a.pairs()[0].request, 0u);
}

std::string refusal_key(const AssignmentProblem& p) {
  try {
    Assignment a(p);
    a.run();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidInput) << e.what();
    return e.key();
  }
  return "accepted";
}

TEST(AssignmentTest, BadInputIsRefusedWithAReason) {
  AssignmentProblem ok;
  ok.suppliers = 2;
  ok.requests = 2;
  ok.candidates = {{0, 0, 1}, {1, 1, 1}, {0, 1, 0.5}};
  ok.demand = {1, 1};
  ok.max_load = {1, 1};
  EXPECT_EQ(refusal_key(ok), "accepted");

  auto p = ok;
  p.max_load = {-1, 1};
  EXPECT_EQ(refusal_key(p), "assign_negative");
  p = ok;
  p.demand = {1};
  EXPECT_EQ(refusal_key(p), "assign_size");
  p = ok;
  p.forced = {{0, 1}};
  p.forbidden = {{0, 1}};
  EXPECT_EQ(refusal_key(p), "assign_forced_conflict");
  p = ok;
  p.forced = {{1, 0}};
  EXPECT_EQ(refusal_key(p), "assign_forced_not_candidate");
  p = ok;
  p.forced = {{0, 0}, {0, 1}};
  EXPECT_EQ(refusal_key(p), "assign_forced_over_load");
  p = ok;
  p.candidates.push_back({0, 0, 2});
  EXPECT_EQ(refusal_key(p), "assign_pair_twice");
  p = ok;
  p.candidates.push_back({2, 0, 2});
  EXPECT_EQ(refusal_key(p), "assign_pair_range");
  p = ok;
  p.forbidden = {{0, 4}};  // would have read as pair (1, 0) through supplier × requests + request
  EXPECT_EQ(refusal_key(p), "assign_pair_range");
  p = ok;
  p.forced = {{5, 0}};
  EXPECT_EQ(refusal_key(p), "assign_pair_range");
  p = ok;
  p.requests = 0;
  p.demand = {};
  p.candidates = {};
  p.forced = {{0, 0}};
  EXPECT_EQ(refusal_key(p), "assign_pair_range");
  p = ok;
  p.candidates[0].score = std::nan("");
  EXPECT_EQ(refusal_key(p), "assign_score");
  p = ok;
  p.min_load = {2, 0};
  EXPECT_EQ(refusal_key(p), "assign_min_above_max");
  p = ok;
  p.max_load = {3, 3};
  p.min_load = {2, 1};
  EXPECT_EQ(refusal_key(p), "assign_min_above_demand");
  p = ok;
  p.max_load = {3, 3};
  p.min_load = {0, 2};  // supplier 1 has one candidate
  EXPECT_EQ(refusal_key(p), "assign_min_unreachable");
  p = ok;
  p.unmet_penalty = -1;
  EXPECT_EQ(refusal_key(p), "assign_penalty");
}

TEST(AssignmentTest, EmptyProblemsAndResultsBeforeRun) {
  AssignmentProblem p;
  Assignment a(p);
  EXPECT_THROW(a.total(), Error);
  a.run();
  EXPECT_TRUE(a.pairs().empty());
  EXPECT_DOUBLE_EQ(a.total(), 0);
  LinearAssignment lap({}, 0, 0);
  lap.run();
  EXPECT_TRUE(lap.column_of_row().empty());
}

}  // namespace
}  // namespace xinzhi::assign
