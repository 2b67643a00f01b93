// engines/dea on published examples (DEAP 2.1's EG1 and EG4 output files; Coelli, Rao &
// Battese 1998; Tone 2001's SBM example), on the test vectors of DataEnvelopmentAnalysis.jl (cross-checked by its authors
// against R's Benchmarking), and the simplex against GLPK on the same programs.
#include <gtest/gtest.h>
#include <glpk.h>

#include <cmath>
#include <random>

#include "engines/dea/envelopment.h"
#include "engines/dea/linear_program.h"
#include "engines/dea/malmquist.h"
#include "engines/dea/radial_efficiency.h"
#include "engines/dea/slacks_based.h"
#include "support/test_support.h"

namespace xinzhi::dea {
namespace {

// Units named "1", "2", …; x and y row by row.
Technology technology(size_t inputs, size_t outputs, std::vector<double> x, std::vector<double> y,
                      size_t undesirables = 0, std::vector<double> b = {}) {
  Technology t;
  for (size_t i = 0; i < inputs; ++i) t.input_names.push_back("x" + std::to_string(i + 1));
  for (size_t r = 0; r < outputs; ++r) t.output_names.push_back("y" + std::to_string(r + 1));
  for (size_t k = 0; k < undesirables; ++k) t.undesirable_names.push_back("b" + std::to_string(k + 1));
  for (size_t u = 0; u < x.size() / inputs; ++u) t.units.push_back(std::to_string(u + 1));
  t.x = std::move(x);
  t.y = std::move(y);
  t.b = std::move(b);
  return t;
}

void expect_near_all(const std::vector<double>& got, const std::vector<double>& want, double tol) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(got[i], want[i], tol) << "at " << i;
}

// DEAP 2.1 EG1 (Coelli 1996; Coelli, Rao & Battese 1998, Example 1, p. 165, Table 6.2 p. 167):
// 5 firms, inputs x1, x2, output y, CRS input orientation. EG1-out.txt prints the scores, the
// slack of firm 1 on x2 and the peers with their weights to three decimals.
TEST(RadialEfficiency, DeapEg1ConstantReturnsInputOriented) {
  RadialEfficiency r(technology(2, 1, {2, 5, 2, 4, 6, 6, 3, 2, 6, 2}, {1, 2, 3, 1, 2}), {});
  r.run();
  expect_near_all(r.efficiency(), {0.5, 1.0, 0.833, 0.714, 1.0}, 5e-4);
  EXPECT_NEAR(r.input_slack()[0 * 2 + 1], 0.5, 1e-9);  // firm 1: x2 slack after the radial cut
  for (size_t u = 1; u < 5; ++u) EXPECT_NEAR(r.input_slack()[u * 2 + 1] + r.input_slack()[u * 2], 0, 1e-9);
  // Peers: firm 1 → firm 2 (0.5); firm 3 → 5 (0.5), 2 (1.0); firm 4 → 5 (0.286), 2 (0.214).
  const auto& l = r.lambda();
  EXPECT_NEAR(l[0 * 5 + 1], 0.5, 1e-9);
  EXPECT_NEAR(l[2 * 5 + 4], 0.5, 1e-9);
  EXPECT_NEAR(l[2 * 5 + 1], 1.0, 1e-9);
  EXPECT_NEAR(l[3 * 5 + 4], 0.286, 5e-4);
  EXPECT_NEAR(l[3 * 5 + 1], 0.214, 5e-4);
}

// Coelli, Rao & Battese (1998) Example 2 = year 1 of DEAP's EG4: one input, one output. EG4-out
// prints the output-oriented CRS and VRS scores.
TEST(RadialEfficiency, DeapEg4YearOneOutputOrientedVariableReturns) {
  RadialEfficiency r(technology(1, 1, {2, 4, 3, 5, 6}, {1, 2, 3, 4, 5}), {Returns::Variable, Orientation::Output});
  r.run();
  expect_near_all(r.efficiency(), {1.0, 0.545, 1.0, 0.923, 1.0}, 5e-4);
  expect_near_all(r.crs_efficiency(), {0.5, 0.5, 1.0, 0.8, 0.833}, 5e-4);
  // Firm 2 is below the VRS frontier: scale 0.5 / 0.545; firm 5 is past the most productive
  // scale (decreasing returns), firm 1 before it (increasing).
  EXPECT_NEAR(r.scale_efficiency()[1], 0.5 / (6.0 / 11.0), 1e-9);
  EXPECT_EQ(r.returns_to_scale()[0], "irs");
  EXPECT_EQ(r.returns_to_scale()[2], "crs");
  EXPECT_EQ(r.returns_to_scale()[4], "drs");
}

// Fried, Lovell & Schmidt (2008) data as in DataEnvelopmentAnalysis.jl's test/dea.jl ("tested
// against results with R"): 11 units, inputs x1, x2, output y, ten-digit scores.
Technology fls() {
  return technology(2, 1, {5, 13, 16, 12, 16, 26, 17, 15, 18, 14, 23, 6, 25, 10, 27, 22, 37, 14, 42, 25, 5, 17},
                    {12, 14, 25, 26, 8, 9, 27, 30, 31, 26, 12});
}

TEST(RadialEfficiency, FriedLovellSchmidtAllFourModels) {
  RadialEfficiency in_crs(fls(), {Returns::Constant, Orientation::Input});
  in_crs.run();
  expect_near_all(in_crs.efficiency(),
                  {1.0, 0.6222896791, 0.8198562444, 1.0, 0.3103709311, 0.5555555556, 1.0, 0.7576690896, 0.8201058201,
                   0.4905660377, 1.0},
                  1e-8);
  EXPECT_NEAR(in_crs.input_slack()[5 * 2 + 0], 4.444444444, 1e-8);
  EXPECT_NEAR(in_crs.input_slack()[8 * 2 + 0], 1.640211640, 1e-8);
  EXPECT_NEAR(in_crs.input_slack()[10 * 2 + 1], 4.0, 1e-8);
  EXPECT_NEAR(in_crs.lambda()[1 * 11 + 3], 0.4249783174, 1e-8);
  EXPECT_NEAR(in_crs.lambda()[1 * 11 + 6], 0.10928013877, 1e-8);
  EXPECT_NEAR(in_crs.lambda()[8 * 11 + 6], 1.14814814815, 1e-8);

  RadialEfficiency out_crs(fls(), {Returns::Constant, Orientation::Output});
  out_crs.run();
  const std::vector<double> phi = {1.0, 1.606968641, 1.219726027, 1.0, 3.221951220, 1.8, 1.0, 1.319837398,
                                   1.219354839, 2.038461538, 1.0};
  for (size_t u = 0; u < phi.size(); ++u) EXPECT_NEAR(out_crs.efficiency()[u], 1.0 / phi[u], 1e-8) << u;
  EXPECT_NEAR(out_crs.input_slack()[5 * 2 + 0], 8.0, 1e-8);
  EXPECT_NEAR(out_crs.input_slack()[8 * 2 + 0], 2.0, 1e-8);

  RadialEfficiency in_vrs(fls(), {Returns::Variable, Orientation::Input});
  in_vrs.run();
  expect_near_all(in_vrs.efficiency(),
                  {1.0, 0.8699861687, 1.0, 1.0, 0.7116402116, 1.0, 1.0, 1.0, 1.0, 0.4931209269, 1.0}, 1e-8);
  EXPECT_NEAR(in_vrs.output_slack()[4], 2.698412698, 1e-8);
  EXPECT_NEAR(in_vrs.input_slack()[10 * 2 + 1], 4.0, 1e-8);

  RadialEfficiency out_vrs(fls(), {Returns::Variable, Orientation::Output});
  out_vrs.run();
  const std::vector<double> phi_vrs = {1.0, 1.507518797, 1.0, 1.0, 3.203947368, 1.0, 1.0, 1.0, 1.0, 1.192307692, 1.0};
  for (size_t u = 0; u < phi_vrs.size(); ++u) EXPECT_NEAR(out_vrs.efficiency()[u], 1.0 / phi_vrs[u], 1e-8) << u;
  EXPECT_NEAR(out_vrs.input_slack()[9 * 2 + 0], 5.0, 1e-8);
  EXPECT_NEAR(out_vrs.input_slack()[9 * 2 + 1], 11.0, 1e-8);
}

TEST(RadialEfficiency, TheUnitsOfTheDataDoNotChangeTheScores) {
  Technology yuan = fls();
  for (double& v : yuan.x) v *= 1e8;  // 亿元 → 元
  RadialEfficiency a(fls(), {}), b(std::move(yuan), {});
  a.run();
  b.run();
  expect_near_all(b.efficiency(), a.efficiency(), 1e-9);
  EXPECT_NEAR(b.input_slack()[5 * 2], a.input_slack()[5 * 2] * 1e8, 1e-1);
}

Panel panel(const std::vector<Technology>& periods) {
  Panel p;
  for (size_t t = 0; t < periods.size(); ++t) p.periods.push_back(std::to_string(t + 1));
  p.technologies = periods;
  return p;
}

// DEAP 2.1 EG4 (output-oriented Malmquist, 5 firms × 3 years, one input, one output):
// EG4-out.txt's index summary for year 2 and its geometric means. Year 1 is Coelli et al.'s
// Example 2; years 2–3 are read back from the printed distances (year 3 repeats year 2).
TEST(MalmquistIndex, DeapEg4) {
  const Technology y1 = technology(1, 1, {2, 4, 3, 5, 6}, {1, 2, 3, 4, 5});
  const Technology y2 = technology(1, 1, {2, 4, 3, 5, 5}, {1, 3, 4, 3, 5});
  MalmquistIndex m(panel({y1, y2, y2}), Orientation::Output);
  m.run();
  const std::vector<std::vector<double>> year2 = {{0.750, 1.333, 1.000, 0.750, 1.000},
                                                  {1.125, 1.333, 1.222, 0.920, 1.500},
                                                  {1.000, 1.333, 1.000, 1.000, 1.333},
                                                  {0.562, 1.333, 0.650, 0.865, 0.750},
                                                  {0.900, 1.333, 1.000, 0.900, 1.200}};
  for (size_t u = 0; u < 5; ++u) {
    const MalmquistChange& c = m.changes()[u * 2];
    const std::vector<double> got = {c.effch, c.techch, c.pech, c.sech, c.tfpch};
    for (size_t k = 0; k < 5; ++k) EXPECT_NEAR(got[k], year2[u][k], 6e-4) << "firm " << u + 1 << " column " << k;
    const MalmquistChange& still = m.changes()[u * 2 + 1];
    EXPECT_NEAR(still.tfpch, 1.0, 1e-9);
  }
  const MalmquistChange& mean = m.period_means()[0];
  EXPECT_NEAR(mean.effch, 0.844, 6e-4);
  EXPECT_NEAR(mean.techch, 1.333, 6e-4);
  EXPECT_NEAR(mean.pech, 0.955, 6e-4);
  EXPECT_NEAR(mean.sech, 0.883, 6e-4);
  EXPECT_NEAR(mean.tfpch, 1.125, 6e-4);
  // VRS scores of year 2 as printed: 1.000, 0.667, 1.000, 0.600, 1.000.
  expect_near_all({m.vrs_efficiency().begin() + 5, m.vrs_efficiency().begin() + 10}, {1.0, 0.667, 1.0, 0.6, 1.0}, 5e-4);
}

// DataEnvelopmentAnalysis.jl test/malmquist.jl: CRS, input orientation, three periods.
TEST(MalmquistIndex, ThreePeriodVectors) {
  const Technology t1 = technology(1, 1, {2, 3, 5, 4, 4}, {1, 4, 6, 3, 5});
  const Technology t2 = technology(1, 1, {1, 2, 4, 3, 4}, {1, 4, 6, 3, 3});
  const Technology t3 = technology(1, 1, {0.5, 1.5, 3, 2, 4}, {2, 4, 6, 3, 1});
  MalmquistIndex m(panel({t1, t2, t3}), Orientation::Input);
  m.run();
  const std::vector<double> m12 = {2.0, 1.5, 1.25, 4.0 / 3, 0.6}, ec12 = {4.0 / 3, 1.0, 5.0 / 6, 8.0 / 9, 0.4};
  const std::vector<double> m23 = {4.0, 4.0 / 3, 4.0 / 3, 1.5, 1.0 / 3}, ec23 = {2.0, 2.0 / 3, 2.0 / 3, 0.75, 1.0 / 6};
  for (size_t u = 0; u < 5; ++u) {
    EXPECT_NEAR(m.changes()[u * 2].tfpch, m12[u], 1e-9);
    EXPECT_NEAR(m.changes()[u * 2].effch, ec12[u], 1e-9);
    EXPECT_NEAR(m.changes()[u * 2].techch, 1.5, 1e-9);
    EXPECT_NEAR(m.changes()[u * 2 + 1].tfpch, m23[u], 1e-7);
    EXPECT_NEAR(m.changes()[u * 2 + 1].effch, ec23[u], 1e-7);
    EXPECT_NEAR(m.changes()[u * 2 + 1].techch, 2.0, 1e-7);
  }
}

// Bad outputs are weakly disposable (Bλ = (1 − β)b, Chung, Färe & Grosskopf 1997; Oh 2010).
// DataEnvelopmentAnalysis.jl's test/deaenv.jl solves the same period with Bλ ≤ (1 − β)b
// instead: it agrees on every unit but the second, whose 0.4 needs 1.0 of its bad output
// thrown away for free, which weak disposability forbids (here it is on the frontier: 0).
TEST(MalmquistLuenberger, DirectionalDistanceWithWeaklyDisposableBadOutputs) {
  const std::vector<double> x = {1, 1, 1, 1, 1};
  const Technology t = technology(1, 1, x, {7, 5, 1, 3, 4}, 1, {2, 5, 3, 3, 2});
  Envelopment frontier({&t});
  const std::vector<double> want = {0.0, 0.0, 0.8260869565217392, 0.5555555555555556, 0.27272727272727276};
  for (size_t u = 0; u < 5; ++u)
    EXPECT_NEAR(frontier.directional({&t.x[u], 1}, {&t.y[u], 1}, {&t.b[u], 1}, Returns::Constant), want[u], 1e-9) << u;
}

// Derived by hand: x = 1 for both units, period 2 doubles every good output. A (y 2, b 1) is on
// the frontier in both periods; against the global frontier (A's period-2 twin, y 4) A in
// period 1 reaches β = 1/3 (4(1 − β) ≥ 2(1 + β)) and B (y 1, b 1) 3/5, in period 2 B reaches
// 1/3 and A 0. So GML(A) = 4/3 and GML(B) = 1.6/(4/3) = 1.2, all of it technical change: each
// unit's distance to its own period's frontier (A 0, B 1/3) does not change.
TEST(MalmquistLuenberger, GlobalIndexByHand) {
  const Technology p1 = technology(1, 1, {1, 1}, {2, 1}, 1, {1, 1});
  const Technology p2 = technology(1, 1, {1, 1}, {4, 2}, 1, {1, 1});
  MalmquistLuenberger gml(panel({p1, p2}), LuenbergerFrontier::Global);
  gml.run();
  expect_near_all(gml.global_distance(), {1.0 / 3, 3.0 / 5, 0, 1.0 / 3}, 1e-12);
  expect_near_all(gml.own_distance(), {0, 1.0 / 3, 0, 1.0 / 3}, 1e-12);
  EXPECT_NEAR(gml.changes()[0].ml, 4.0 / 3, 1e-12);
  EXPECT_NEAR(gml.changes()[0].ec, 1.0, 1e-12);
  EXPECT_NEAR(gml.changes()[0].tc, 4.0 / 3, 1e-12);
  EXPECT_NEAR(gml.changes()[1].ml, 1.2, 1e-12);
  EXPECT_NEAR(gml.changes()[1].tc, 1.2, 1e-12);
  // Against the contemporaneous frontiers A's period-2 point is out of period 1's reach with
  // inputs fixed and its bad output held (β would need to be ≥ 0 and ≤ −1/3): no index.
  MalmquistLuenberger ml(panel({p1, p2}), LuenbergerFrontier::Contemporaneous);
  ml.run();
  EXPECT_TRUE(std::isnan(ml.changes()[0].ml));
}

// GLPK's simplex on the same program; the objective at optimum, NaN when infeasible.
double glpk_minimum(const LinearProgram& p, LpStatus* status = nullptr) {
  glp_prob* lp = glp_create_prob();
  glp_set_obj_dir(lp, GLP_MIN);
  glp_add_rows(lp, static_cast<int>(p.rows()));
  glp_add_cols(lp, static_cast<int>(p.columns));
  for (size_t i = 0; i < p.rows(); ++i) {
    const int kind = p.senses[i] == RowSense::LessEqual ? GLP_UP : p.senses[i] == RowSense::Equal ? GLP_FX : GLP_LO;
    glp_set_row_bnds(lp, static_cast<int>(i + 1), kind, p.rhs[i], p.rhs[i]);
  }
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0};
  for (size_t j = 0; j < p.columns; ++j) {
    glp_set_col_bnds(lp, static_cast<int>(j + 1), GLP_LO, 0, 0);
    glp_set_obj_coef(lp, static_cast<int>(j + 1), p.objective[j]);
    for (size_t i = 0; i < p.rows(); ++i) {
      if (p.coefficients[i * p.columns + j] == 0) continue;
      ia.push_back(static_cast<int>(i + 1));
      ja.push_back(static_cast<int>(j + 1));
      ar.push_back(p.coefficients[i * p.columns + j]);
    }
  }
  glp_load_matrix(lp, static_cast<int>(ar.size() - 1), ia.data(), ja.data(), ar.data());
  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  glp_simplex(lp, &parm);
  const int s = glp_get_status(lp);
  const double z = glp_get_obj_val(lp);
  glp_delete_prob(lp);
  if (status) *status = s == GLP_OPT ? LpStatus::Optimal : s == GLP_UNBND ? LpStatus::Unbounded : LpStatus::Infeasible;
  return s == GLP_OPT ? z : std::nan("");
}

// The input-oriented CCR program of unit o built here from its definition, for GLPK:
// min θ, Xλ ≤ θ x_o, Yλ ≥ y_o, λ ≥ 0 (columns [θ, λ₁ … λₙ]).
LinearProgram ccr_input_program(const std::vector<double>& x, const std::vector<double>& y, size_t n, size_t m,
                                size_t s, size_t o) {
  LinearProgram lp(1 + n);
  lp.objective[0] = 1;
  std::vector<double> row(1 + n);
  for (size_t i = 0; i < m; ++i) {
    row[0] = -x[o * m + i];
    for (size_t j = 0; j < n; ++j) row[1 + j] = x[j * m + i];
    lp.add_row(row, RowSense::LessEqual, 0);
  }
  for (size_t r = 0; r < s; ++r) {
    row[0] = 0;
    for (size_t j = 0; j < n; ++j) row[1 + j] = y[j * s + r];
    lp.add_row(row, RowSense::GreaterEqual, y[o * s + r]);
  }
  return lp;
}

TEST(DenseSimplex, AgreesWithGlpkOnRandomPrograms) {
  std::mt19937 rng(20261202);
  std::uniform_real_distribution<double> coef(-5, 5), positive(0.1, 10);
  std::uniform_int_distribution<int> sense(0, 2), size(1, 8);
  DenseSimplex simplex;
  size_t optimal = 0, infeasible = 0, unbounded = 0;
  for (int trial = 0; trial < 2000; ++trial) {
    const size_t n = static_cast<size_t>(size(rng)) + 1, m = static_cast<size_t>(size(rng));
    LinearProgram lp(n);
    const size_t rows = m + (trial % 4 == 0 ? 3 : 0);
    for (size_t j = 0; j < n; ++j) lp.objective[j] = coef(rng);
    std::vector<double> row(n);
    for (size_t i = 0; i < m; ++i) {
      for (double& a : row) a = std::round(coef(rng));  // integers: ties and degeneracy happen
      lp.add_row(row, static_cast<RowSense>(sense(rng)), std::round(coef(rng)));
    }
    if (trial % 4 == 0) {
      // Redundant equality rows (a row, itself again and twice itself): an artificial stays in
      // the basis after phase 1, or is pivoted out of a row of zeros.
      for (double& a : row) a = std::round(coef(rng));
      const double b = std::round(coef(rng));
      lp.add_row(row, RowSense::Equal, b);
      lp.add_row(row, RowSense::Equal, b);
      for (double& a : row) a *= 2;
      lp.add_row(row, RowSense::Equal, 2 * b);
    }
    LpStatus peer;
    const double want = glpk_minimum(lp, &peer);
    const LpSolution got = simplex.solve(lp);
    ASSERT_EQ(static_cast<int>(got.status), static_cast<int>(peer)) << "trial " << trial;
    if (peer == LpStatus::Optimal) {
      ++optimal;
      EXPECT_NEAR(got.objective, want, 1e-7 * (1 + std::fabs(want))) << "trial " << trial;
      // The solution satisfies every row.
      for (size_t i = 0; i < rows; ++i) {
        double lhs = 0;
        for (size_t j = 0; j < n; ++j) lhs += lp.coefficients[i * n + j] * got.x[j];
        if (lp.senses[i] != RowSense::GreaterEqual) {
          EXPECT_LE(lhs, lp.rhs[i] + 1e-7);
        }
        if (lp.senses[i] != RowSense::LessEqual) {
          EXPECT_GE(lhs, lp.rhs[i] - 1e-7);
        }
      }
    } else if (peer == LpStatus::Infeasible) {
      ++infeasible;
    } else {
      ++unbounded;
    }
  }
  // The draw covers all three outcomes.
  EXPECT_GT(optimal, 200u);
  EXPECT_GT(infeasible, 100u);
  EXPECT_GT(unbounded, 100u);
}

// Beale (1955): Dantzig's rule with the lowest-index tie break cycles on this program for ever;
// the switch to Bland's rule must end it at the optimum −5/4.
TEST(DenseSimplex, BealesCyclingExampleTerminates) {
  LinearProgram lp(4);
  lp.objective = {-0.75, 20, -0.5, 6};
  lp.add_row(std::vector<double>{0.25, -8, -1, 9}, RowSense::LessEqual, 0);
  lp.add_row(std::vector<double>{0.5, -12, -0.5, 3}, RowSense::LessEqual, 0);
  lp.add_row(std::vector<double>{0, 0, 1, 0}, RowSense::LessEqual, 1);
  DenseSimplex simplex;
  const LpSolution s = simplex.solve(lp);
  ASSERT_EQ(s.status, LpStatus::Optimal);
  EXPECT_NEAR(s.objective, -1.25, 1e-12);
}

// The radial score of random units against random technologies equals GLPK's answer to the
// same envelopment program built here from the definition (CCR input: min θ, Xλ ≤ θx, Yλ ≥ y).
TEST(Envelopment, RadialAndDirectionalAgreeWithGlpk) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> value(1, 100);
  for (int trial = 0; trial < 200; ++trial) {
    const size_t n = 20, m = 3, s = 2;
    std::vector<double> x(n * m), y(n * s), b(n);
    for (double& v : x) v = value(rng);
    for (double& v : y) v = value(rng);
    for (double& v : b) v = value(rng);
    Technology t = technology(m, s, x, y, 1, b);
    Envelopment frontier({&t});
    const size_t o = static_cast<size_t>(trial) % n;
    for (Returns returns : {Returns::Constant, Returns::Variable}) {
      LinearProgram lp = ccr_input_program(x, y, n, m, s, o);
      std::vector<double> row(1 + n);
      if (returns == Returns::Variable) {
        row[0] = 0;
        for (size_t j = 0; j < n; ++j) row[1 + j] = 1;
        lp.add_row(row, RowSense::Equal, 1);
      }
      const double got = frontier.radial({&x[o * m], m}, {&y[o * s], s}, returns, Orientation::Input);
      EXPECT_NEAR(got, glpk_minimum(lp), 1e-8) << "trial " << trial;

      // Directional, against the pooled technology: max β, Xλ ≤ x, Yλ ≥ (1+β)y, Bλ = (1−β)b.
      LinearProgram d(1 + n);
      d.objective[0] = -1;
      for (size_t i = 0; i < m; ++i) {
        row[0] = 0;
        for (size_t j = 0; j < n; ++j) row[1 + j] = x[j * m + i];
        d.add_row(row, RowSense::LessEqual, x[o * m + i]);
      }
      for (size_t r = 0; r < s; ++r) {
        row[0] = -y[o * s + r];
        for (size_t j = 0; j < n; ++j) row[1 + j] = y[j * s + r];
        d.add_row(row, RowSense::GreaterEqual, y[o * s + r]);
      }
      row[0] = b[o];
      for (size_t j = 0; j < n; ++j) row[1 + j] = b[j];
      d.add_row(row, RowSense::Equal, b[o]);
      if (returns == Returns::Variable) {
        row[0] = 0;
        for (size_t j = 0; j < n; ++j) row[1 + j] = 1;
        d.add_row(row, RowSense::Equal, 1);
      }
      EXPECT_NEAR(frontier.directional({&x[o * m], m}, {&y[o * s], s}, {&b[o], 1}, returns), -glpk_minimum(d), 1e-8);
    }
  }
}

// Provincial data spans orders of magnitude (西藏 against 广东): radial scores on data drawn
// log-uniformly from 0.1 to 1e5 still equal GLPK's on the unscaled program.
TEST(Envelopment, BadlyScaledDataAgreesWithGlpk) {
  std::mt19937 rng(99);
  std::uniform_real_distribution<double> exponent(-1, 5);
  const size_t n = 31, m = 2, s = 2;
  std::vector<double> x(n * m), y(n * s);
  for (double& v : x) v = std::pow(10.0, exponent(rng));
  for (double& v : y) v = std::pow(10.0, exponent(rng));
  Technology t = technology(m, s, x, y);
  Envelopment frontier({&t});
  for (size_t o = 0; o < n; ++o) {
    const LinearProgram lp = ccr_input_program(x, y, n, m, s, o);
    const double want = glpk_minimum(lp);
    EXPECT_NEAR(frontier.radial({&x[o * m], m}, {&y[o * s], s}, Returns::Constant, Orientation::Input), want, 1e-7 * want) << o;
  }
}

// The non-oriented SBM equals the enhanced Russell graph measure (Pastor, Ruiz & Sirvent 1999);
// DataEnvelopmentAnalysis.jl test/deaerg.jl: 8 units, one input, one output.
TEST(SlacksBasedEfficiency, EnhancedRussellGraphVectors) {
  const Technology t = technology(1, 1, {2, 4, 8, 12, 6, 14, 14, 9.412}, {1, 5, 8, 9, 3, 7, 9, 2.353});
  SlacksBasedEfficiency crs(t, Returns::Constant);
  crs.run();
  expect_near_all(crs.efficiency(), {0.4, 1.0, 0.8, 0.6, 0.4, 0.4, 0.514285714285650175, 0.2}, 1e-9);
  // Slacks have alternate optima here (unit 4 reaches 0.6 by cutting its input to 7.2 or by
  // raising its output to 15): check that they give the score instead of comparing them.
  for (size_t u = 0; u < 8; ++u)
    EXPECT_NEAR((1 - crs.input_slack()[u] / t.x[u]) / (1 + crs.output_slack()[u] / t.y[u]), crs.efficiency()[u], 1e-9);
  SlacksBasedEfficiency vrs(t, Returns::Variable);
  vrs.run();
  expect_near_all(vrs.efficiency(), {1.0, 1.0, 1.0, 1.0, 0.4, 0.4761904761904763, 0.8571428571428572, 0.2}, 1e-9);
  EXPECT_NEAR(vrs.input_slack()[5], 22.0 / 3, 1e-8);
}

// Tone (2001), "A slacks-based measure of efficiency in data envelopment analysis", EJOR 130:
// 498–509, the example of p. 505 (deaR ships it as Tone2001): five units A–E, two inputs, two
// outputs; SBM ρ* = 0.798, 0.568, 1, 0.667, 1 (CRS). D is radially efficient (CCR θ* = 1) yet
// leaves one unit of y2 short of C: the slack the radial measure does not see.
TEST(SlacksBasedEfficiency, ToneTwoThousandOneExample) {
  const Technology t = technology(2, 2, {4, 3, 6, 3, 8, 1, 8, 1, 2, 4}, {2, 3, 2, 3, 6, 2, 6, 1, 1, 4});
  SlacksBasedEfficiency sbm(t, Returns::Constant);
  sbm.run();
  expect_near_all(sbm.efficiency(), {0.798, 0.568, 1.0, 0.667, 1.0}, 5e-4);
  RadialEfficiency ccr(t, {Returns::Constant, Orientation::Input});
  ccr.run();
  EXPECT_NEAR(ccr.efficiency()[3], 1.0, 1e-9);
  EXPECT_NEAR(sbm.output_slack()[3 * 2 + 1], 1.0, 1e-9);  // D's y2
  for (size_t u = 0; u < 5; ++u) EXPECT_LE(sbm.efficiency()[u], ccr.efficiency()[u] + 1e-12) << u;
}

// Every SBM score, with an undesirable output, equals GLPK on the Charnes–Cooper form built
// here from Tone's definition; and the score never exceeds the CCR score without the bad output
// (Tone 2001, Theorem 4: SBM counts the slacks the radial measure leaves out).
TEST(SlacksBasedEfficiency, WithUndesirableOutputsAgreesWithGlpk) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> value(1, 50);
  const size_t n = 30, m = 2;
  std::vector<double> x(n * m), y(n), b(n);
  for (double& v : x) v = value(rng);
  for (double& v : y) v = value(rng);
  for (double& v : b) v = value(rng);
  for (Returns returns : {Returns::Constant, Returns::Variable}) {
    SlacksBasedEfficiency sbm(technology(m, 1, x, y, 1, b), returns);
    sbm.run();
    for (size_t o = 0; o < n; ++o) {
      // Columns [t, Λ (n), S⁻ (m), Sᵍ, Sᵇ].
      const size_t w = 1 + n + m + 2;
      LinearProgram lp(w);
      lp.objective[0] = 1;
      for (size_t i = 0; i < m; ++i) lp.objective[1 + n + i] = -1.0 / (m * x[o * m + i]);
      std::vector<double> row(w, 0.0);
      row[0] = 1;
      row[1 + n + m] = 1.0 / (2 * y[o]);
      row[1 + n + m + 1] = 1.0 / (2 * b[o]);
      lp.add_row(row, RowSense::Equal, 1);
      for (size_t i = 0; i < m; ++i) {
        std::fill(row.begin(), row.end(), 0.0);
        row[0] = x[o * m + i];
        for (size_t j = 0; j < n; ++j) row[1 + j] = -x[j * m + i];
        row[1 + n + i] = -1;
        lp.add_row(row, RowSense::Equal, 0);
      }
      std::fill(row.begin(), row.end(), 0.0);
      row[0] = y[o];
      for (size_t j = 0; j < n; ++j) row[1 + j] = -y[j];
      row[1 + n + m] = 1;
      lp.add_row(row, RowSense::Equal, 0);
      std::fill(row.begin(), row.end(), 0.0);
      row[0] = b[o];
      for (size_t j = 0; j < n; ++j) row[1 + j] = -b[j];
      row[1 + n + m + 1] = -1;
      lp.add_row(row, RowSense::Equal, 0);
      if (returns == Returns::Variable) {
        std::fill(row.begin(), row.end(), 0.0);
        row[0] = -1;
        for (size_t j = 0; j < n; ++j) row[1 + j] = 1;
        lp.add_row(row, RowSense::Equal, 0);
      }
      EXPECT_NEAR(sbm.efficiency()[o], glpk_minimum(lp), 1e-8) << o;
    }
  }
  SlacksBasedEfficiency plain(technology(m, 1, x, y), Returns::Constant);
  plain.run();
  RadialEfficiency radial(technology(m, 1, x, y), {});
  radial.run();
  for (size_t u = 0; u < n; ++u) EXPECT_LE(plain.efficiency()[u], radial.efficiency()[u] + 1e-9) << u;
}

TEST(Technology, BadDataIsRefusedNamingTheUnitAndColumn) {
  EXPECT_EQ(testing::error_key([] { RadialEfficiency(technology(1, 1, {1, -2}, {1, 1}), {}); }), "dea_value_negative");
  EXPECT_EQ(testing::error_key([] { RadialEfficiency(technology(1, 1, {1, 0}, {1, 1}), {}); }), "dea_zero_inputs");
  EXPECT_EQ(testing::error_key([] { RadialEfficiency(technology(1, 1, {1, 2}, {0, 1}), {}); }), "dea_zero_outputs");
  EXPECT_EQ(testing::error_key([] { RadialEfficiency(technology(1, 1, {1, std::nan("")}, {1, 1}), {}); }),
            "dea_value_not_finite");
  Technology a = technology(1, 1, {1, 2}, {1, 1}), b = a;
  b.units[1] = "other";
  EXPECT_EQ(testing::error_key([&] { MalmquistIndex(panel({a, b}), Orientation::Input); }), "dea_unbalanced_panel");
  EXPECT_EQ(testing::error_key([&] { MalmquistIndex(panel({a}), Orientation::Input); }), "dea_too_few_periods");
  try {
    RadialEfficiency(technology(2, 1, {1, 2, 3, -4}, {1, 1}), {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("unit '2', input 'x2'"), std::string::npos) << e.what();
  }
}

TEST(RadialEfficiency, ResultsBeforeRunAreAnInternalError) {
  RadialEfficiency r(fls(), {});
  EXPECT_THROW(r.efficiency(), Error);
}

}  // namespace
}  // namespace xinzhi::dea
