// The plain records of 场景创新合伙人 (lists, scenarios, indicators, applications, judgements,
// scores), shared by the service (scenario_partners.h) and its store (scenario_store.h).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace xinzhi::scenario {

// The stages, in order; 终止 ends a scenario without adoption.
inline const std::vector<std::string> kStages = {"征集", "评估", "首试首用", "推广", "终止"};

// Top-level indicator names with their children's names, in position order.
using IndicatorTree = std::vector<std::pair<std::string, std::vector<std::string>>>;

struct ScenarioList {
  int64_t id = 0;
  std::string title, description;
  int64_t org_id = 0;
  std::string org, status, published_at, created_at;  // status: draft, published, closed
  int64_t scenarios = 0;
};

struct Scenario {
  int64_t id = 0, list_id = 0;
  std::string list_title, list_status, title, field;
  int64_t owner_org_id = 0;
  std::string owner_org, location, needs;
  double budget = 0;  // 万元
  std::string deadline, stage, weighting, ranking, decision;
  int64_t decided_application = 0;
  std::string created_at;
  int64_t applications = 0;
};

struct ScenarioFields {
  std::optional<std::string> title, field, owner_org, location, needs, deadline, weighting, ranking;
  std::optional<double> budget;
};

struct Indicator {
  int64_t id = 0, parent_id = 0;  // parent 0: a top-level indicator
  std::string name, description;
  int position = 0;
};

struct Application {
  int64_t id = 0, scenario_id = 0, org_id = 0;
  std::string org, solution, evidence;
  int trl = 0;  // self-assessed technology readiness level, GB/T 22900 scale 1–9
  std::string submitted_at;
};

// An expert on a scenario as people know them: the display name beside the username.
struct Expert {
  std::string username, display_name;
};

struct ExpertScore {
  int64_t application_id = 0;
  std::string expert;
  int64_t indicator_id = 0;
  double score = 0;  // 0–100
};

struct Judgement {
  std::string expert;
  int64_t parent_id = 0;
  std::vector<double> matrix;  // n × n over the parent's children in position order
};

}  // namespace xinzhi::scenario
