// The scenario round without HTTP: the demo list, who sees what, the lifecycle rules, and an
// evaluation whose numbers are recomputed here from the stored judgements and scores.
#include <gtest/gtest.h>

#include <cmath>

#include "engines/mcda/ahp.h"
#include "engines/mcda/topsis.h"
#include "engines/mcda/weights.h"
#include "modules/accounts/demo_accounts.h"
#include "modules/registry.h"
#include "modules/scenario/sample_scenarios.h"
#include "modules/scenario/scenario_evaluation.h"
#include "modules/scenario/scenario_store.h"
#include "support/test_support.h"

namespace xinzhi::scenario {
namespace {

class ScenarioRound : public ::testing::Test {
 protected:
  void SetUp() override {
    modules::migrate(db);
    accounts::seed_demo_accounts(db, {1, 8192});
    ASSERT_TRUE(seed_sample_scenarios(db));
    ASSERT_FALSE(seed_sample_scenarios(db));  // once
  }
  accounts::Principal as(const std::string& username) { return accounts::AccountDirectory(db).principal(username); }
  int64_t port() { return partners.scenarios(0, as("analyst"))[0].id; }
  testing::ScratchDir dir;
  store::Database db{dir.database("s.db")};
  ScenarioPartners partners{db};
};

TEST_F(ScenarioRound, EvaluationRecomputedFromTheStoredInputs) {
  auto e = evaluate(partners, port(), as("analyst"));
  ASSERT_EQ(e.applications.size(), 3u);
  ASSERT_EQ(e.leaves.size(), 9u);
  EXPECT_EQ(e.leaves[0], "技术成熟度/技术就绪水平");
  // The top level: the geometric mean of the three experts' matrices, then the eigenvector.
  std::vector<mcda::Matrix> top;
  for (const auto& j : partners.judgements(port()))
    if (j.parent_id == 0) {
      mcda::Matrix m(3, 3);
      m.values = j.matrix;
      top.push_back(m);
    }
  ASSERT_EQ(top.size(), 3u);
  mcda::PairwiseComparison ahp(mcda::geometric_mean(top));
  ahp.run();
  ASSERT_EQ(e.groups[0].parent_id, 0);
  for (size_t i = 0; i < 3; ++i) EXPECT_NEAR(e.groups[0].local_weights[i], ahp.weights()[i], 1e-12);
  EXPECT_NEAR(e.groups[0].cr, ahp.cr(), 1e-12);
  // Within each top indicator all experts judged (1 2 4 / ½ 1 2 / ¼ ½ 1): weights 4/7, 2/7, 1/7.
  const double within[] = {4.0 / 7, 2.0 / 7, 1.0 / 7};
  for (size_t leaf = 0; leaf < 9; ++leaf) EXPECT_NEAR(e.ahp_weights[leaf], ahp.weights()[leaf / 3] * within[leaf % 3], 1e-9);
  // Scores are the experts' means: the first application's first leaf is (88 + 90 + 86) / 3.
  EXPECT_NEAR(e.scores(0, 0), 88, 1e-12);
  EXPECT_NEAR(e.scores(2, 2), (92 + 90 + 94) / 3.0, 1e-12);
  // Combined weights ∝ AHP × entropy, and TOPSIS on the mean scores with them.
  mcda::EntropyWeights ent(e.scores);
  ent.run();
  auto combined = mcda::combined_weights(e.ahp_weights, ent.weights());
  for (size_t j = 0; j < 9; ++j) EXPECT_NEAR(e.weights[j], combined[j], 1e-12);
  mcda::Topsis t(e.scores, combined, std::vector<mcda::Direction>(9, mcda::Direction::Benefit));
  t.run();
  for (size_t i = 0; i < 3; ++i) EXPECT_NEAR(e.closeness[i], t.closeness()[i], 1e-12);
  EXPECT_EQ(e.rank, t.rank());
  // FCE: memberships are shares of expert scores per band, weighted; each row sums to 1.
  for (size_t i = 0; i < 3; ++i) {
    double sum = 0;
    for (size_t k = 0; k < 4; ++k) sum += e.fce_membership(i, k);
    EXPECT_NEAR(sum, 1, 1e-12);
  }
  EXPECT_EQ(e.curves.size(), 9u);
}

TEST_F(ScenarioRound, WhoSeesWhat) {
  auto id = port();
  EXPECT_EQ(partners.applications(id, as("analyst")).size(), 3u);
  EXPECT_EQ(partners.applications(id, as("park")).size(), 3u);  // an expert on it
  auto own = partners.applications(id, as("enterprise"));
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0].org, "天津海河智能装备有限公司（示例）");
  EXPECT_TRUE(partners.applications(id, as("viewer")).empty());
  testing::expect_error(ErrorCode::Forbidden, [&] { evaluate(partners, id, as("enterprise")); }, "only managers");
  testing::expect_error(ErrorCode::Forbidden, [&] { partners.judge(id, 0, {1, 1, 1, 1, 1, 1, 1, 1, 1}, as("lab")); },
                                   "not an expert on scenario");
  testing::expect_error(ErrorCode::Conflict, [&] { partners.apply(id, "x", "", 5, as("enterprise")); }, "applying happens in stage 征集");
  testing::expect_error(ErrorCode::InvalidInput, [&] { partners.score(id, 1, {{1, 50}}, as("analyst")); }, "not a leaf indicator");
  // A draft list's scenarios are invisible to everyone but managers.
  auto draft = partners.add_list("草稿清单", "", as("analyst"));
  auto hidden = partners.add_scenario(draft.id, {"草稿场景", {}, {}, {}, {}, {}, {}, {}, {}}, as("analyst"));
  testing::expect_error(ErrorCode::NotFound, [&] { partners.scenario(hidden.id, as("enterprise")); }, "no scenario with id");
  EXPECT_EQ(partners.scenario(hidden.id, as("auditor")).title, "草稿场景");
}

TEST_F(ScenarioRound, LifecycleWithTheDecisionRecorded) {
  auto id = port();
  auto analyst = as("analyst");
  testing::expect_error(ErrorCode::Conflict, [&] { partners.advance(id, "首试首用", "", analyst); }, "choose the application");
  testing::expect_error(ErrorCode::Conflict, [&] { partners.advance(id, "推广", "", analyst); }, "cannot move to 推广");
  auto apps = partners.applications(id, analyst);
  auto s = partners.decide(id, apps[0].id, "综合排名第一，首试首用（示例）", analyst);
  EXPECT_EQ(s.stage, "首试首用");
  EXPECT_EQ(s.decided_application, apps[0].id);
  s = partners.advance(id, "推广", "试点成功，推广至南疆港区（示例）", analyst);
  EXPECT_EQ(s.stage, "推广");
  testing::expect_error(ErrorCode::Conflict, [&] { partners.advance(id, "终止", "", analyst); }, "cannot move to 终止");
  EXPECT_TRUE(store::verify_audit(db).ok);
  store::AuditFilter f;
  f.action = "scenario.";
  EXPECT_GE(store::list_audit(db, f).size(), 20u);
}

TEST_F(ScenarioRound, BadScenarioInputIsNamed) {
  auto analyst = as("analyst");
  auto list = partners.add_list("第三批", "", analyst);
  testing::expect_error(ErrorCode::InvalidInput, 
      [&] { partners.add_scenario(list.id, {"x", {}, {}, {}, {}, std::string("2026-02-30"), {}, {}, {}}, analyst); },
      "expected a date YYYY-MM-DD");
  testing::expect_error(ErrorCode::InvalidInput, 
      [&] { partners.add_scenario(list.id, {"x", {}, {}, {}, {}, {}, std::string("magic"), {}, {}}, analyst); },
      "weighting is 'magic'");
  auto s = partners.add_scenario(list.id, {"x", {}, {}, {}, {}, std::string("2028-02-29"), {}, {}, {}}, analyst);
  testing::expect_error(ErrorCode::InvalidInput, [&] { partners.update_scenario(s.id, {{}, {}, {}, {}, {}, {}, {}, std::string("vote"), {}}, analyst); },
                                   "ranking is 'vote'");
  partners.publish_list(list.id, analyst);
  // The console applies for a named organisation, which must be an enterprise or a lab.
  auto console = accounts::Principal::console("test");
  console.role = accounts::Role::Enterprise;
  auto bureau = accounts::AccountDirectory(db).find_org("天津市科学技术局（示例）").id;
  testing::expect_error(ErrorCode::InvalidInput, [&] { partners.apply(s.id, "方案", "", 5, console, bureau); }, "applications come from");
  auto lab = accounts::AccountDirectory(db).find_org("海河实验室（示例）").id;
  EXPECT_EQ(partners.apply(s.id, "方案", "", 5, console, lab).org, "海河实验室（示例）");
}

TEST_F(ScenarioRound, AMissingScoreIsNamed) {
  auto analyst = as("analyst");
  auto list = partners.add_list("第二批", "", analyst);
  auto s = partners.add_scenario(list.id, {"测试场景", {}, {}, {}, {}, {}, {}, {}, {}}, analyst);
  partners.publish_list(list.id, analyst);
  partners.apply(s.id, "方案甲", "", 6, as("enterprise"));
  partners.apply(s.id, "方案乙", "", 4, as("enterprise2"));
  partners.assign_expert(s.id, "analyst", analyst);
  partners.advance(s.id, "评估", "", analyst);
  auto leaves = partners.indicators(s.id, analyst);
  std::map<int64_t, double> all;
  for (const auto& i : leaves)
    if (i.parent_id) all[i.id] = 80;
  auto apps = partners.applications(s.id, analyst);
  partners.score(s.id, apps[0].id, all, analyst);
  all.erase(all.begin());
  partners.score(s.id, apps[1].id, all, analyst);
  testing::expect_error(ErrorCode::InvalidInput, [&] { evaluate(partners, s.id, analyst); }, "has no score on indicator 技术成熟度/技术就绪水平");
  testing::expect_error(ErrorCode::InvalidInput, [&] { partners.score(s.id, apps[1].id, {{leaves.back().id, 101}}, analyst); }, "expected 0 to 100");
}

TEST_F(ScenarioRound, ConflictsAreNamedAndLeaveNothingBehind) {
  auto analyst = as("analyst");
  auto list = partners.add_list("第四批", "", analyst);
  testing::expect_error(ErrorCode::NotFound, [&] { partners.publish_list(list.id + 100, analyst); }, "no scenario list with id");
  partners.publish_list(list.id, analyst);
  testing::expect_error(ErrorCode::Conflict, [&] { partners.publish_list(list.id, analyst); }, "is already published");
  auto s = partners.add_scenario(list.id, {"冲突场景", {}, {}, {}, {}, {}, {}, {}, {}}, analyst);
  EXPECT_FALSE(s.owner_org.empty());  // the name comes from the accounts directory
  partners.apply(s.id, "方案", "", 5, as("enterprise"));
  testing::expect_error(ErrorCode::Conflict, [&] { partners.apply(s.id, "方案二", "", 6, as("enterprise")); },
                        "has already applied for scenario");
  EXPECT_EQ(partners.applications(s.id, analyst).size(), 1u);
  // A duplicate name anywhere in a new tree leaves the old tree as it was.
  auto names = [&] {
    std::vector<std::pair<int64_t, std::string>> out;
    for (const auto& i : partners.indicators(s.id, analyst)) out.emplace_back(i.parent_id, i.name);
    return out;
  };
  auto standard = names();
  ASSERT_EQ(standard.size(), 12u);
  testing::expect_error(ErrorCode::InvalidInput, [&] { partners.set_indicators(s.id, {{"甲", {"a", "b"}}, {"甲", {}}}, analyst); },
                        "indicator '甲' appears twice");
  testing::expect_error(ErrorCode::InvalidInput, [&] { partners.set_indicators(s.id, {{"甲", {"a", "a"}}}, analyst); },
                        "sub-indicator 'a' appears twice under '甲'");
  EXPECT_EQ(names(), standard);
  partners.set_indicators(s.id, {{"甲", {"a", "b"}}, {"乙", {"a"}}}, analyst);  // one name under two parents is fine
  auto tree = partners.indicators(s.id, analyst);
  ASSERT_EQ(tree.size(), 5u);
  // Assigning an expert twice changes nothing and leaves one audit entry.
  partners.assign_expert(s.id, "park", analyst);
  partners.assign_expert(s.id, "park", analyst);
  // The expert with the display name people know them by (it was the username only).
  auto experts = partners.experts(s.id, analyst);
  ASSERT_EQ(experts.size(), 1u);
  EXPECT_EQ(experts[0].username, "park");
  EXPECT_EQ(experts[0].display_name, "园区运营（示例）");
  store::AuditFilter f;
  f.action = "scenario.expert";
  size_t assigned = 0;
  for (const auto& e : store::list_audit(db, f)) assigned += e.target_id == std::to_string(s.id);
  EXPECT_EQ(assigned, 1u);
  partners.advance(s.id, "评估", "", analyst);
  int64_t yi = 0;
  for (const auto& i : tree)
    if (i.name == "乙") yi = i.id;
  testing::expect_error(ErrorCode::NotFound, [&] { partners.judge(s.id, yi, {1}, as("park")); }, "fewer than 2 children");
  auto elsewhere = partners.applications(port(), analyst)[0].id;
  testing::expect_error(ErrorCode::NotFound, [&] { partners.decide(s.id, elsewhere, "x", analyst); }, "has no application");
  testing::expect_error(ErrorCode::NotFound, [&] { partners.score(s.id, elsewhere, {{tree.back().id, 50}}, as("park")); },
                        "has no application");
  EXPECT_TRUE(store::verify_audit(db).ok);
}

TEST_F(ScenarioRound, StorePrimitivesReportConflictsAndRollBack) {
  auto rows = sql_scenario_store(db);
  auto s = rows->scenarios(0, true).at(0);
  auto app = rows->applications(s.id, std::nullopt).at(0);
  EXPECT_EQ(rows->applications(s.id, app.org_id).size(), 1u);
  rows->write([&](ScenarioWriter& w) {
    EXPECT_EQ(w.add_application(s.id, app.org_id, "again", "", 5), 0);
    EXPECT_FALSE(w.add_expert(s.id, w.expert_accounts(s.id).at(0)));
    EXPECT_EQ(w.add_indicator(s.id, 0, w.indicators(s.id).at(0).name, 9), 0);
    EXPECT_FALSE(w.publish_list(s.list_id));  // published already
  });  // nothing changed, so no audit entry is owed
  // Work that throws keeps none of its writes; inside, the writer reads its own.
  EXPECT_THROW(rows->write([&](ScenarioWriter& w) {
    w.set_stage(s.id, s.stage, "终止", "", "test");
    EXPECT_EQ(w.scenario(s.id)->stage, "终止");
    throw std::runtime_error("a rule said no");
  }),
               std::runtime_error);
  EXPECT_EQ(rows->scenario(s.id)->stage, s.stage);
  EXPECT_FALSE(rows->scenario(s.id + 1000).has_value());
  EXPECT_FALSE(rows->list(s.list_id + 1000).has_value());
}

}  // namespace
}  // namespace xinzhi::scenario
