// 场景创新合伙人: scenario lists a bureau publishes, scenarios with their indicator trees and
// experts, enterprises' applications, experts' pairwise judgements and scores, and the
// lifecycle 征集 → 评估 → 首试首用 → 推广 with each decision recorded. Reads are limited to
// what the caller may see; every write is audited.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/json_writer.h"
#include "modules/accounts/principal.h"
#include "modules/scenario/scenario_types.h"
#include "store/database.h"
#include "store/migrations.h"

namespace xinzhi::scenario {

std::vector<store::Migration> migrations();

class ScenarioStore;

class ScenarioPartners {
 public:
  // Over the SQLite store on this connection (scenario_store.h).
  explicit ScenarioPartners(store::Database& db);
  ScenarioPartners(ScenarioPartners&&) noexcept;
  ~ScenarioPartners();

  ScenarioList add_list(const std::string& title, const std::string& description, const accounts::Principal& by);
  void publish_list(int64_t id, const accounts::Principal& by);
  // Published lists for everyone; drafts too for scenario.manage.
  std::vector<ScenarioList> lists(const accounts::Principal& by);

  // A scenario starts in 征集 with the standard indicator tree (editable until 评估).
  Scenario add_scenario(int64_t list_id, const ScenarioFields& f, const accounts::Principal& by);
  Scenario update_scenario(int64_t id, const ScenarioFields& f, const accounts::Principal& by);
  Scenario scenario(int64_t id, const accounts::Principal& by);
  std::vector<Scenario> scenarios(int64_t list_id, const accounts::Principal& by);
  // Moves along the lifecycle (one step forward, or to 终止) and records the note.
  Scenario advance(int64_t id, const std::string& to, const std::string& note, const accounts::Principal& by);
  // Chooses the application that gets its first trial: 评估 → 首试首用.
  Scenario decide(int64_t id, int64_t application_id, const std::string& decision, const accounts::Principal& by);

  std::vector<Indicator> indicators(int64_t scenario_id, const accounts::Principal& by);
  // Replaces the tree (only in 征集): top-level names with their children's names.
  void set_indicators(int64_t scenario_id, const std::vector<std::pair<std::string, std::vector<std::string>>>& tree,
                      const accounts::Principal& by);

  void assign_expert(int64_t scenario_id, const std::string& username, const accounts::Principal& by);
  // Ordered by username; everyone who may see the scenario sees who its experts are.
  std::vector<Expert> experts(int64_t scenario_id, const accounts::Principal& by);

  Application apply(int64_t scenario_id, const std::string& solution, const std::string& evidence, int trl,
                    const accounts::Principal& by, int64_t org_id = 0);
  // Managers and the scenario's experts see every application; an applicant only its own.
  std::vector<Application> applications(int64_t scenario_id, const accounts::Principal& by);

  // An expert's pairwise comparison of a parent's children (parent 0: the top level).
  void judge(int64_t scenario_id, int64_t parent_id, const std::vector<double>& matrix, const accounts::Principal& by,
             const std::string& expert = "");
  // An expert's scores (0–100) of one application on leaf indicators.
  void score(int64_t scenario_id, int64_t application_id, const std::map<int64_t, double>& scores,
             const accounts::Principal& by, const std::string& expert = "");
  std::vector<Judgement> judgements(int64_t scenario_id);
  std::vector<ExpertScore> scores(int64_t scenario_id);
  // The calling expert's own judgements and scores, to show them again in the form.
  std::pair<std::vector<Judgement>, std::vector<ExpertScore>> own_review(int64_t scenario_id, const accounts::Principal& by);

 private:
  store::Database& db_;  // for the accounts module's directory: names, accounts, organisations
  std::unique_ptr<ScenarioStore> store_;
};

// The standard tree: 技术成熟度, 商业模式适配度, 社会效益贡献度, three sub-indicators each.
const std::vector<std::pair<std::string, std::vector<std::string>>>& standard_indicators();

void write_json(JsonWriter& w, const ScenarioList& l);
void write_json(JsonWriter& w, const Scenario& s);
void write_json(JsonWriter& w, const Indicator& i);
void write_json(JsonWriter& w, const Application& a);
void write_json(JsonWriter& w, const Expert& e);

}  // namespace xinzhi::scenario
