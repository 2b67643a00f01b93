// The shared-engineer platform's records (产业链共享工程师平台): engineers with their skills,
// chain segments and monthly availability; SME requests; dispatch rounds and the proposals
// they make, with the engineer's answer, hours and outcome.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace xinzhi::engineers {

struct SegmentRef {
  std::string chain, segment;
};

struct Engineer {
  int64_t id = 0;
  std::string name, org, region, certification, profile;
  std::vector<std::string> skills;
  std::vector<SegmentRef> segments;
  bool sample = false;
};

struct MonthCapacity {
  int64_t engineer_id = 0;
  std::string month;  // "2026-12"
  int64_t capacity = 0;  // engagements that month
};

// Where a request came from: typed in, a missing or weak link of the chain atlas, or a
// chokepoint row.
inline constexpr const char* kOrigins[] = {"manual", "chain_gap", "chokepoint"};

struct EngineerRequest {
  int64_t id = 0;
  std::string firm, region, chain, segment, origin = "manual", problem, month, status = "open", created_by, created_at;
  std::string org;  // the organisation that asked (firms and labs see their own requests only)
  std::vector<std::string> skills;
  int64_t engineers = 1;
  double budget = 0;
  bool sample = false;
};

// An engineer's answer to a proposal: accepted, or declined with one of these reasons, each of
// which changes later rounds (engineer_desk.cpp says how).
inline constexpr const char* kDeclineReasons[] = {"no_time", "skills_mismatch", "too_far", "conflict", "firm_declined"};

struct Dispatch {
  int64_t id = 0, round_id = 0, request_id = 0, engineer_id = 0;
  std::string engineer, firm, month, status = "proposed", reason, responded_at, outcome;
  double score = 0, hours = 0;
  std::string explanation;  // JSON: score parts, matched terms, alternates
};

struct DispatchRound {
  int64_t id = 0;
  std::string month, created_at, created_by, solver;
  int64_t requests = 0, engineers = 0, pairs = 0, missing = 0;
  double total = 0;
  std::string unmet;  // JSON: [{request, firm, missing, reason}]
};

// One engineer in one month: what was offered, proposed, accepted and done.
struct EngineerLoad {
  int64_t engineer_id = 0;
  std::string engineer, month;
  int64_t capacity = 0, proposed = 0, accepted = 0, done = 0;
  double hours = 0;
};

}  // namespace xinzhi::engineers
