// Where the task pool's records live (national_task, task_candidate, task_move); SQL only in
// sql_task_store.cpp.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "modules/tasks/task_types.h"
#include "store/audit_trail.h"
#include "store/database.h"
#include "store/migrations.h"

namespace xinzhi::tasks {

class TaskStore {
 public:
  virtual ~TaskStore() = default;
  // A year's list in one transaction: new numbers added, known ones updated in place (their
  // candidates stay), audited; Conflict (task_title_changed) and nothing written when a number
  // with candidates comes under another title.
  virtual TaskImport put_tasks(int year, const std::string& source, const std::vector<NationalTask>& tasks,
                               const store::AuditChange& change) = 0;
  virtual std::vector<NationalTask> tasks(int year) = 0;  // 0: every year; by year, then number
  virtual std::optional<NationalTask> task(int64_t id) = 0;

  // Into 储备; Conflict (candidate_exists) when the body is a candidate for the task already.
  virtual int64_t add_candidate(const Candidate& c, const store::AuditChange& change) = 0;
  virtual std::vector<Candidate> candidates() = 0;  // by task, then score; with their moves
  virtual std::optional<Candidate> candidate(int64_t id) = 0;
  // The move recorded and the stage changed, only while the candidate is still in `m.from`,
  // else Conflict (candidate_moved) and nothing written.
  virtual void move(int64_t candidate_id, const PoolMove& m, const store::AuditChange& change) = 0;
};

std::unique_ptr<TaskStore> sql_task_store(store::Database& db);
std::vector<store::Migration> migrations();

}  // namespace xinzhi::tasks
