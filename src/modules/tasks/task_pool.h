// tasks::TaskPool: 任务清单制 — the annual national demand list imported from a workbook, the
// capability profiles of the home province's labs and firms (their patents from foresight, their
// chain segments from the atlas, the scenarios whose first trial they won), each demand matched to them by
// the bilingual terms and BM25 the transfer desk uses, and the pre-research pool 储备 → 成熟 →
// 申报 whose every move records the gate criteria it met.
#pragma once
#include <nlohmann/json.hpp>
#include <map>
#include <string>
#include <vector>

#include "modules/accounts/principal.h"
#include "modules/tasks/task_types.h"

namespace xinzhi::chain {
class ChainService;
}
namespace xinzhi::foresight {
class PatentReader;
}
namespace xinzhi::scenario {
class ScenarioPartners;
}

namespace xinzhi::tasks {

class TaskStore;

// Where profiles come from; any may be null (that source is then not read).
struct ProfileSources {
  foresight::PatentReader* patents = nullptr;
  chain::ChainService* chains = nullptr;
  scenario::ScenarioPartners* scenarios = nullptr;
  std::string province = "天津市";  // the home province: whose bodies are profiled
};

class TaskPool {
 public:
  TaskPool(TaskStore& store, ProfileSources sources);

  // The file's demands as the list of `year`, all or nothing.
  TaskImport import_tasks(const std::string& path, int year, const accounts::Principal& who);
  std::vector<NationalTask> tasks(int year, const accounts::Principal& who);
  NationalTask task(int64_t id, const accounts::Principal& who);

  // Every profiled lab and firm of the home province, most patents first.
  std::vector<CapabilityProfile> profiles(const accounts::Principal& who);
  // The bodies whose profile best answers the task, best first.
  std::vector<TaskMatch> match(int64_t task_id, size_t top, const accounts::Principal& who);

  // A profiled body into 储备 for a task, with its match as the explanation.
  Candidate add_candidate(int64_t task_id, const std::string& org, const accounts::Principal& who);
  // The pool (a firm or lab: its own candidacies), by task then score.
  std::vector<Candidate> candidates(const accounts::Principal& who);
  // One stage forward through its gate (every criterion of kGates met), or to 退出 with a note.
  Candidate move(int64_t candidate_id, const std::string& to, const std::map<std::string, bool>& criteria,
                 const std::string& note, const accounts::Principal& who);

 private:
  TaskStore& store_;
  ProfileSources sources_;
};

nlohmann::json to_json(const NationalTask& t);
nlohmann::json to_json(const CapabilityProfile& p);
nlohmann::json to_json(const TaskMatch& m);
nlohmann::json to_json(const Candidate& c);

}  // namespace xinzhi::tasks
