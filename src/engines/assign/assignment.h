// assign::Assignment: who serves which request when suppliers (engineers, labs, technologies)
// have minimum and maximum loads and requests need a number of suppliers each: a min-cost flow
// over the candidate graph, solved by LEMON's network simplex, maximising the total score.
//
// The network: source → supplier (lower = minimum load, upper = maximum load) → request (one
// unit per candidate pair, cost −score; forced pairs have lower 1, conflicts are left out) →
// sink (exactly the request's demand). Demand nobody can serve goes through an "unmet" node:
//   - with no penalty set, coverage comes first: the fewest missing units (a first solve with
//     cost 1 per missing unit, run only when the direct solve is infeasible), then the best
//     total among assignments that miss no more — lexicographic, with no big-M constant;
//   - with a penalty, a missing unit costs that many score points and the solver trades them.
// Scores become integers for the solver: ×10^d when every score has at most d ≤ 9 decimals
// (so the optimum is exact for scores read from text), else scaled to 2^40 over the largest.
// The fairness pass (raise_floor) first maximises the weakest chosen pair's score under the
// same coverage (bisection over the distinct scores), then the total above that floor.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/run_guard.h"

namespace xinzhi::assign {

struct Candidate {
  uint32_t supplier;
  uint32_t request;
  double score;  // higher is better; may be negative
};

struct SupplierRequest {
  uint32_t supplier;
  uint32_t request;
};

struct AssignmentProblem {
  uint32_t suppliers = 0;
  uint32_t requests = 0;
  std::vector<Candidate> candidates;   // a pair at most once
  std::vector<int32_t> demand;         // per request: how many suppliers it needs (≥ 0)
  std::vector<int32_t> max_load;       // per supplier (≥ 0)
  std::vector<int32_t> min_load;       // per supplier; empty: no minimum
  std::vector<SupplierRequest> forced;     // pairs that must be chosen (each a candidate)
  std::vector<SupplierRequest> forbidden;  // conflicts: never chosen, even when a candidate
  std::optional<double> unmet_penalty;     // score points per missing unit; none: coverage first
  bool raise_floor = false;                // the fairness pass
};

// Why a request is short of suppliers, in the order they are tested.
enum class UnmetReason {
  NoCandidates,      // nobody may serve it (no candidate, or every candidate a conflict)
  TooFewCandidates,  // fewer candidates than its demand
  CandidatesFull,    // its other candidates are at their maximum load serving other requests
  BelowPenalty,      // serving it would lower the total by more than the penalty
};
std::string_view unmet_reason_name(UnmetReason reason);

struct Unmet {
  uint32_t request;
  int32_t missing;
  UnmetReason reason;
  uint32_t candidates;  // how many suppliers may serve it
};

struct ChosenPair {
  uint32_t supplier;
  uint32_t request;
  double score;
};

// Another supplier for a request and what forcing it onto the request would cost the total
// (the cheapest cycle through that pair in the residual graph: exact for one more unit).
struct Alternate {
  uint32_t supplier;
  double score;
  double loss;  // ≥ 0; how much lower the best total would be
};

class Assignment {
 public:
  explicit Assignment(AssignmentProblem problem);
  ~Assignment();
  Assignment(Assignment&&) noexcept;
  void run();

  const std::vector<ChosenPair>& pairs() const;  // by request, then supplier
  const std::vector<Unmet>& unmet() const;       // by request
  double total() const;                          // Σ score of the chosen pairs
  int64_t missing() const;                       // Σ missing units
  std::vector<int32_t> loads() const;            // per supplier
  // Set by the fairness pass: the weakest chosen pair's score and the total without the pass
  // and with it (equal when the pass is off).
  double floor_before() const;
  double floor_after() const;
  double total_before_floor() const;
  // The best `top` suppliers not chosen for `request`, least loss first (ties: higher score,
  // then lower index); suppliers that cannot be moved onto it (every exchange infeasible) left out.
  std::vector<Alternate> alternates(uint32_t request, size_t top) const;

 private:
  struct Network;
  AssignmentProblem problem_;
  std::vector<ChosenPair> pairs_;
  std::vector<Unmet> unmet_;
  double total_ = 0, floor_before_ = 0, floor_after_ = 0, total_before_floor_ = 0;
  int64_t missing_ = 0;
  std::vector<int32_t> loads_;
  std::unique_ptr<Network> solved_;  // kept for alternates()
  RunGuard guard_;
};

}  // namespace xinzhi::assign
