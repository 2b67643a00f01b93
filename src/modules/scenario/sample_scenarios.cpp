#include "modules/scenario/sample_scenarios.h"

#include "modules/accounts/directory.h"
#include "modules/scenario/scenario_partners.h"
#include "modules/scenario/scenario_store.h"
#include "store/audit_trail.h"

namespace xinzhi::scenario {

namespace {
accounts::Principal as(store::Database& db, const std::string& username) {
  return accounts::AccountDirectory(db).principal(username);
}
}  // namespace

bool seed_sample_scenarios(store::Database& db) {
  // Any list at all, drafts included: the demo is seeded into an empty module only.
  if (!sql_scenario_store(db)->lists(true).empty()) return false;
  ScenarioPartners partners(db);
  auto analyst = as(db, "analyst");
  store::ActingAs acting(analyst.actor("demo"));
  auto list = partners.add_list("2026年天津市重大应用场景清单（第一批·示例）",
                                "港口、制造、城市治理领域的重大应用场景，面向新技术首试首用（示例数据）", analyst);
  auto port = partners.add_scenario(
      list.id,
      {"港口集装箱无人集卡协同调度（示例）", "港口", std::nullopt, "天津港北疆港区（示例）",
       "在自动化码头实现 50 台以上无人集卡与岸桥、场桥的协同调度，作业效率不低于人工驾驶", "2027-06-30",
       std::nullopt, std::nullopt, 1200.0},
      analyst);
  partners.add_scenario(list.id,
                        {"智能工厂视觉质检（示例）", "制造", std::nullopt, "滨海高新区（示例）",
                         "汽车零部件表面缺陷在线检测，漏检率低于 0.1%", "2027-03-31", std::nullopt, std::nullopt, 300.0},
                        analyst);
  partners.add_scenario(list.id,
                        {"城市生命线燃气管网监测（示例）", "城市治理", std::nullopt, "和平区、河西区（示例）",
                         "燃气管网泄漏的分钟级发现与定位", "2027-09-30", std::nullopt, std::nullopt, 800.0},
                        analyst);
  partners.publish_list(list.id, analyst);

  const char* applicants[] = {"enterprise", "enterprise2", "lab"};
  const char* solutions[] = {"基于车路协同的无人集卡调度平台（示例）", "多智能体强化学习调度算法与数字孪生仿真（示例）",
                             "港口场景自主可控高精定位与调度原型（示例）"};
  const int trl[] = {7, 6, 5};
  std::vector<int64_t> apps;
  for (int i = 0; i < 3; ++i) {
    auto applicant = as(db, applicants[i]);
    store::ActingAs acting_applicant(applicant.actor("demo"));  // the trail names who applied
    apps.push_back(partners.apply(port.id, solutions[i], "试点运行报告、第三方检测报告（示例）", trl[i], applicant).id);
  }
  for (const char* e : {"analyst", "park", "admin"}) partners.assign_expert(port.id, e, analyst);
  partners.advance(port.id, "评估", "征集截止，进入专家评估（示例）", analyst);

  // Each expert's pairwise judgements: the top level, then within each top-level indicator.
  auto indicators = partners.indicators(port.id, analyst);
  std::vector<int64_t> tops, leaves;
  for (const auto& i : indicators) (i.parent_id == 0 ? tops : leaves).push_back(i.id);
  const std::vector<std::vector<double>> top_judgements = {
      {1, 2, 3, 1.0 / 2, 1, 2, 1.0 / 3, 1.0 / 2, 1},
      {1, 3, 2, 1.0 / 3, 1, 1.0 / 2, 1.0 / 2, 2, 1},
      {1, 1, 3, 1, 1, 2, 1.0 / 3, 1.0 / 2, 1}};
  const std::vector<double> within = {1, 2, 4, 1.0 / 2, 1, 2, 1.0 / 4, 1.0 / 2, 1};
  const char* experts[] = {"analyst", "park", "admin"};
  // Scores by expert, application and leaf (nine leaves in tree order).
  const double scores[3][3][9] = {
      {{88, 84, 70, 86, 78, 80, 75, 82, 70}, {80, 76, 74, 90, 85, 84, 78, 80, 72}, {66, 70, 92, 72, 70, 68, 80, 86, 74}},
      {{90, 80, 72, 84, 80, 78, 72, 80, 68}, {78, 74, 70, 86, 88, 86, 76, 78, 70}, {62, 68, 90, 70, 66, 64, 82, 84, 76}},
      {{86, 86, 68, 88, 76, 82, 74, 84, 72}, {82, 78, 76, 88, 82, 80, 80, 82, 70}, {68, 72, 94, 74, 72, 70, 78, 88, 72}}};
  for (int e = 0; e < 3; ++e) {
    auto by = as(db, experts[e]);
    store::ActingAs acting_expert(by.actor("demo"));
    partners.judge(port.id, 0, top_judgements[e], by);
    for (auto top : tops) partners.judge(port.id, top, within, by);
    for (int a = 0; a < 3; ++a) {
      std::map<int64_t, double> s;
      // Leaves are listed by parent, then position: the same order as the score table.
      for (size_t j = 0; j < leaves.size(); ++j) s[leaves[j]] = scores[e][a][j];
      partners.score(port.id, apps[a], s, by);
    }
  }
  return true;
}

}  // namespace xinzhi::scenario
