// scenario::ScenarioStore: the SQL behind 场景创新合伙人 (lists, scenarios, indicator trees,
// experts, applications, judgements, scores, stage events). ScenarioPartners holds the rules.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "modules/scenario/scenario_types.h"
#include "store/audit_trail.h"
#include "store/database.h"

namespace xinzhi::scenario {

// Rows carry ids only: organisation and account names come from the accounts module's
// directory, so the service fills ScenarioList::org, Scenario::owner_org and Application::org.
struct StoredJudgement {
  int64_t account_id = 0, parent_id = 0;
  std::vector<double> matrix;
};

struct StoredScore {
  int64_t application_id = 0, account_id = 0, indicator_id = 0;
  double score = 0;
};

// The reads, both outside a write and inside one (where they see the write's own changes,
// so that the rules check the state they are about to change).
class ScenarioReader {
 public:
  virtual ~ScenarioReader() = default;
  // Newest first; `drafts`: lists still in draft too.
  virtual std::vector<ScenarioList> lists(bool drafts) = 0;
  virtual std::optional<ScenarioList> list(int64_t id) = 0;
  // By id; list_id 0: every list's; `drafts`: scenarios of draft lists too.
  virtual std::vector<Scenario> scenarios(int64_t list_id, bool drafts) = 0;
  virtual std::optional<Scenario> scenario(int64_t id) = 0;
  // By parent, then position.
  virtual std::vector<Indicator> indicators(int64_t scenario_id) = 0;
  virtual std::vector<int64_t> expert_accounts(int64_t scenario_id) = 0;
  virtual bool is_expert(int64_t scenario_id, int64_t account_id) = 0;
  // By id; org_id nullopt: every organisation's.
  virtual std::vector<Application> applications(int64_t scenario_id, std::optional<int64_t> org_id) = 0;
  virtual std::optional<Application> application(int64_t id) = 0;
  virtual std::vector<StoredJudgement> judgements(int64_t scenario_id) = 0;
  // Every expert's scores of the scenario's applications.
  virtual std::vector<StoredScore> scores(int64_t scenario_id) = 0;
};

// The writes one transaction may make. Which to make, and whether they are allowed, is
// decided by ScenarioPartners; a conflict with a stored row is a return value, not an error.
class ScenarioWriter : public ScenarioReader {
 public:
  virtual int64_t insert_list(const std::string& title, const std::string& description, int64_t org_id) = 0;
  virtual bool publish_list(int64_t id) = 0;  // false: no list in draft has that id
  // Stores list_id, title, field, owner_org_id, location, needs, budget, deadline, weighting and
  // ranking; the scenario starts in 征集 with no indicators. Returns its id.
  virtual int64_t insert_scenario(const Scenario& s) = 0;
  // 0: the parent (0: the top level) has an indicator of that name already.
  virtual int64_t add_indicator(int64_t scenario_id, int64_t parent_id, const std::string& name, int position) = 0;
  // Removes the indicator tree with the judgements made on it.
  virtual void clear_indicators(int64_t scenario_id) = 0;
  // Sets title, field, owner_org_id, location, needs, budget, deadline, weighting, ranking of s.id.
  virtual void update_scenario(const Scenario& s) = 0;
  // Moves the scenario to `to` and records the event (from, to, note, who).
  virtual void set_stage(int64_t id, const std::string& from, const std::string& to, const std::string& note,
                         const std::string& account) = 0;
  virtual void set_decision(int64_t id, int64_t application_id, const std::string& decision) = 0;
  virtual bool add_expert(int64_t scenario_id, int64_t account_id) = 0;  // false: already an expert on it
  // The application's id; 0: the organisation has applied for the scenario already.
  virtual int64_t add_application(int64_t scenario_id, int64_t org_id, const std::string& solution,
                                  const std::string& evidence, int trl) = 0;
  // Both replace what the expert gave before for the same parent / application and indicator.
  virtual void put_judgement(int64_t scenario_id, int64_t account_id, int64_t parent_id,
                             const std::vector<double>& matrix) = 0;
  virtual void put_score(int64_t application_id, int64_t account_id, int64_t indicator_id, double score) = 0;
  // An entry in the audit trail, inside this transaction.
  virtual void audit(const store::AuditChange& change) = 0;
};

class ScenarioStore : public ScenarioReader {
 public:
  // One write transaction: `work` reads and writes through the writer and is committed when
  // it returns; if it throws, nothing it wrote is kept.
  virtual void write(const std::function<void(ScenarioWriter&)>& work) = 0;
};

std::unique_ptr<ScenarioStore> sql_scenario_store(store::Database& db);

}  // namespace xinzhi::scenario
