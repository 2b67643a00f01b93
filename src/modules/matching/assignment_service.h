// 匹配 as a service: an assignment problem read from files and solved by the engine that fits —
// Jonker–Volgenant (LinearAssignment) for a dense one-to-one problem, else the min-cost flow
// (Assignment) with loads, forced pairs, conflicts, penalties, fairness and alternates.
// `xinzhi match assign`; the engineer, transfer and task services build on the same engines.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engines/assign/assignment.h"

namespace xinzhi::matching {

struct AssignmentFiles {
  std::string scores;      // matrix: suppliers × requests, no header (or .npy)
  std::string candidates;  // or pairs "supplier,request,score" (sizes from demand and max_load)
  std::string demand, max_load, min_load, forced, forbidden;
  std::optional<double> unmet_penalty;
  bool raise_floor = false;
  size_t alternates = 0;  // per request, that many alternates (0: none)
};

struct AssignmentAnswer {
  std::string solver;  // "lapjv" or "network_simplex"
  uint32_t suppliers = 0, requests = 0;
  size_t candidates = 0;
  double total = 0;
  std::vector<assign::ChosenPair> pairs;  // by supplier, then request
  std::vector<assign::Unmet> unmet;
  int64_t missing = 0;
  double floor_before = 0, floor_after = 0, total_before_floor = 0;
  std::vector<std::pair<uint32_t, std::vector<assign::Alternate>>> alternates;  // by request
  double read_seconds = 0, solve_seconds = 0;
};

AssignmentAnswer assign_from_files(const AssignmentFiles& files);

}  // namespace xinzhi::matching
