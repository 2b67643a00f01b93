// The plain records of 任务清单制: national demands, local bodies' capability profiles, their
// matches, and the pre-research pool 储备 → 成熟 → 申报 with each move's gate criteria, shared by
// the pool (task_pool.h) and its store (task_store.h).
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "modules/transfer/transfer_types.h"

namespace xinzhi::tasks {

struct NationalTask {
  int64_t id = 0;
  int year = 0;
  std::string ref, title, field, text, department, deadline, source, imported_at;
};

struct TaskImport {
  int64_t added = 0, updated = 0;
};

// What a local lab or firm can do, as the platform knows it: the patents it filed first
// (foresight; bodies with at least two), the chain segments it sits in (atlas), the scenarios
// whose first trial it won (projects).
struct CapabilityProfile {
  std::string org, kind;  // kind: lab (universities and institutes) or firm
  int64_t patents = 0;
  std::string first_filed, last_filed;
  std::vector<std::pair<std::string, int64_t>> subclasses;  // IPC subclass, patents
  std::vector<std::string> titles;    // its newest patent titles
  std::vector<std::string> segments;  // "chain · segment"
  std::vector<std::string> projects;  // "scenario（首试首用）"
};

struct TaskMatch {
  int64_t task_id = 0;
  std::string org, kind;
  double score = 0, coverage = 0;  // BM25; share of the task's term weight the profile has
  std::vector<transfer::SharedTerm> terms;
  int64_t patents = 0;
  std::vector<std::string> segments;
  int64_t candidate_id = 0;  // in the pool already, 0 when not
  std::string stage;
};

// The pool's stages in order; 退出 leaves the pool from any stage.
inline constexpr std::array<const char*, 3> kStages = {"储备", "成熟", "申报"};
inline constexpr const char* kWithdrawn = "退出";

// The gate into a stage: criteria every candidate must meet to move there, recorded with the move.
struct Gate {
  const char* stage;
  std::array<const char*, 3> criteria;
};
inline constexpr std::array<Gate, 2> kGates = {{
    {"成熟", {"team", "prior_results", "partner"}},            // 团队、前期成果、合作单位
    {"申报", {"materials", "matching_funds", "endorsement"}},  // 申报材料、配套资金、推荐单位
}};

struct PoolMove {
  int64_t id = 0;
  std::string from, to;
  std::string criteria;  // JSON {criterion: true} of what was met, as recorded
  std::string note, moved_by, moved_at;
};

struct Candidate {
  int64_t id = 0, task_id = 0;
  std::string task_title, org, kind, stage = "储备";
  double score = 0;
  std::string explanation;  // the match's shared terms and evidence as JSON, kept as proposed
  std::string created_by, created_at, updated_at;
  std::vector<PoolMove> moves;  // oldest first
};

}  // namespace xinzhi::tasks
