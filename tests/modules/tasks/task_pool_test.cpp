// The task pool on the sample region with the real CNIPA VR patents: profiles from patents and
// chain segments, a demand matched to the bodies that hold its terms, the pool's gates, who
// sees which candidacies, bad input.
#include "modules/tasks/task_pool.h"

#include <gtest/gtest.h>

#include <functional>

#include "base/error.h"
#include "modules/foresight/patent_import.h"
#include "modules/registry.h"
#include "modules/services.h"
#include "support/principals.h"
#include "support/test_support.h"

namespace xinzhi::tasks {
namespace {

const accounts::Principal kAnalyst = testing::person(accounts::Role::Analyst, "天津市科学技术局（示例）");

using testing::person;

template <class Fn>
std::string key_of(Fn fn) {
  return testing::error_key(fn);
}

struct Fixture {
  testing::ScratchDir dir;
  store::Database db{dir.database("x.db")};
  std::unique_ptr<modules::Services> services;
  explicit Fixture(bool patents) {
    modules::migrate(db);
    modules::seed_sample_region(db);
    if (patents) {
      modules::Services s(db);
      foresight::import_patents(s.patents(), testing::shared_data() + "/patents/cn-vr-2022.csv", "cnipa", false);
    }
    services = std::make_unique<modules::Services>(db);
    pool().import_tasks(std::string(XINZHI_SOURCE_DIR) + "/data/tasks/sample-national-demands-2026.csv", 2026, kAnalyst);
  }
  TaskPool& pool() { return services->tasks(); }
  int64_t task(const std::string& title_start) {
    for (const auto& t : pool().tasks(2026, kAnalyst))
      if (t.title.rfind(title_start, 0) == 0) return t.id;
    return 0;
  }
};

TEST(TaskPool, ProfilesAndMatchesComeFromPatentsAndChainSegments) {
  XINZHI_REQUIRE_DATA(testing::shared_data() + "/patents/cn-vr-2022.csv");
  Fixture f(true);
  auto profiles = f.pool().profiles(kAnalyst);
  ASSERT_FALSE(profiles.empty());
  // Most patents first; a body with patents is Tianjin's (first applicant placed there).
  EXPECT_GT(profiles[0].patents, 1);
  for (size_t i = 1; i < profiles.size(); ++i) EXPECT_LE(profiles[i].patents, profiles[i - 1].patents);
  bool chain_firm = false;
  for (const auto& p : profiles) chain_firm = chain_firm || !p.segments.empty();
  EXPECT_TRUE(chain_firm);
  // The VR training demand goes to bodies holding VR patents, 虚拟现实 among the shared terms.
  auto vr = f.pool().match(f.task("虚拟现实"), 5, kAnalyst);
  ASSERT_FALSE(vr.empty());
  EXPECT_GT(vr[0].patents, 0);
  bool term = false;
  for (const auto& t : vr[0].terms) term = term || t.zh == "虚拟现实";
  EXPECT_TRUE(term) << vr[0].org;
  // The battery demand goes to a firm on the sample chain's 动力电池 segment.
  auto battery = f.pool().match(f.task("高安全长寿命动力电池"), 3, kAnalyst);
  ASSERT_FALSE(battery.empty());
  EXPECT_EQ(battery[0].kind, "firm");
  bool segment = false;
  for (const auto& s : battery[0].segments) segment = segment || s.find("动力电池") != std::string::npos;
  EXPECT_TRUE(segment) << battery[0].org;
}

TEST(TaskPool, CandidatesMoveThroughTheGatesOnly) {
  Fixture f(false);
  auto battery = f.task("高安全长寿命动力电池");
  auto best = f.pool().match(battery, 1, kAnalyst).at(0);
  auto c = f.pool().add_candidate(battery, best.org, kAnalyst);
  EXPECT_EQ(c.stage, "储备");
  ASSERT_EQ(c.moves.size(), 1u);
  EXPECT_EQ(key_of([&] { f.pool().add_candidate(battery, best.org, kAnalyst); }), "candidate_exists");
  EXPECT_EQ(key_of([&] { f.pool().add_candidate(battery, "火星实验室", kAnalyst); }), "profile_not_found");
  EXPECT_EQ(f.pool().match(battery, 1, kAnalyst).at(0).stage, "储备");
  // 储备 → 申报 skips a gate; 成熟 needs all three of its criteria; unknown ones are named.
  EXPECT_EQ(key_of([&] { f.pool().move(c.id, "申报", {}, "", kAnalyst); }), "stage_move_invalid");
  EXPECT_EQ(key_of([&] { f.pool().move(c.id, "成熟", {{"team", true}, {"partner", true}}, "", kAnalyst); }), "gate_not_met");
  EXPECT_EQ(key_of([&] { f.pool().move(c.id, "成熟", {{"team", true}, {"prior_results", false}, {"partner", true}}, "", kAnalyst); }),
            "gate_not_met");
  EXPECT_EQ(key_of([&] { f.pool().move(c.id, "成熟", {{"luck", true}}, "", kAnalyst); }), "gate_criteria_unknown");
  c = f.pool().move(c.id, "成熟", {{"team", true}, {"prior_results", true}, {"partner", true}}, "中试线已建成", kAnalyst);
  EXPECT_EQ(c.stage, "成熟");
  ASSERT_EQ(c.moves.size(), 2u);
  EXPECT_EQ(c.moves[1].criteria, R"({"partner":true,"prior_results":true,"team":true})");
  EXPECT_EQ(c.moves[1].note, "中试线已建成");
  c = f.pool().move(c.id, "申报", {{"materials", true}, {"matching_funds", true}, {"endorsement", true}}, "", kAnalyst);
  EXPECT_EQ(c.stage, "申报");
  EXPECT_EQ(key_of([&] { f.pool().move(c.id, "退出", {}, " ", kAnalyst); }), "field_missing");
  c = f.pool().move(c.id, "退出", {}, "国家指南调整", kAnalyst);
  EXPECT_EQ(c.stage, "退出");
  EXPECT_EQ(key_of([&] { f.pool().move(c.id, "退出", {}, "再次", kAnalyst); }), "candidate_withdrawn");
  EXPECT_EQ(key_of([&] { f.pool().move(9999, "成熟", {}, "", kAnalyst); }), "candidate_not_found");
  EXPECT_TRUE(store::verify_audit(f.db).ok);
}

TEST(TaskPool, FirmsSeeTheirOwnCandidaciesAndImportsAreWhole) {
  Fixture f(false);
  auto battery = f.task("高安全长寿命动力电池");
  auto best = f.pool().match(battery, 1, kAnalyst).at(0);
  f.pool().add_candidate(battery, best.org, kAnalyst);
  auto own = person(accounts::Role::Enterprise, best.org);
  auto other = person(accounts::Role::Lab, "海河实验室（示例）");
  EXPECT_EQ(f.pool().candidates(own).size(), 1u);
  EXPECT_EQ(f.pool().candidates(other).size(), 0u);
  EXPECT_EQ(f.pool().candidates(kAnalyst).size(), 1u);
  EXPECT_EQ(key_of([&] { f.pool().add_candidate(battery, best.org, own); }), "role_forbidden");
  EXPECT_EQ(key_of([&] { f.pool().tasks(0, person(accounts::Role::Viewer, "审计署（示例）")); }), "role_forbidden");
  // A second import of the list updates in place; a bad file changes nothing.
  auto again = f.pool().import_tasks(std::string(XINZHI_SOURCE_DIR) + "/data/tasks/sample-national-demands-2026.csv", 2026, kAnalyst);
  EXPECT_EQ(again.added, 0);
  EXPECT_EQ(again.updated, 6);
  auto bad = f.dir.write("bad.csv", "编号,需求名称,截止日期\n新-1,新需求,2027-01-01\n新-2,坏日期,2027-02-30\n");
  EXPECT_EQ(key_of([&] { f.pool().import_tasks(bad, 2027, kAnalyst); }), "task_field_invalid");
  EXPECT_EQ(f.pool().tasks(0, kAnalyst).size(), 6u);
  EXPECT_EQ(key_of([&] { f.pool().import_tasks(bad, 1066, kAnalyst); }), "task_year_invalid");
  // A number with candidates that now names another demand (a renumbered list) is refused whole.
  auto renumbered = f.dir.write("r.csv", "编号,需求名称\n2026-XX-01,虚拟现实沉浸式训练仿真平台（示例）\n2026-XX-03,别的需求\n");
  EXPECT_EQ(key_of([&] { f.pool().import_tasks(renumbered, 2026, kAnalyst); }), "task_title_changed");
  EXPECT_EQ(f.pool().task(battery, kAnalyst).title, "高安全长寿命动力电池（示例）");
  EXPECT_EQ(key_of([&] { f.pool().match(777, 3, kAnalyst); }), "task_not_found");
}

}  // namespace
}  // namespace xinzhi::tasks
