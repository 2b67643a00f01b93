#include "modules/matching/assignment_service.h"

#include <algorithm>
#include <chrono>

#include "base/error.h"
#include "engines/assign/linear_assignment.h"
#include "ingest/assignment_tables.h"

namespace xinzhi::matching {

namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

bool all_equal(const std::vector<int32_t>& v, int32_t x) {
  return std::all_of(v.begin(), v.end(), [x](int32_t y) { return y == x; });
}

// Jonker–Volgenant when nothing but the scores matters: every pair a candidate, one supplier
// per request and one request per supplier, coverage first, no pass that needs the flow.
bool one_to_one_dense(const assign::AssignmentProblem& p, const ingest::ScoreMatrix* matrix, size_t alternates) {
  return matrix != nullptr && matrix->complete() && all_equal(p.demand, 1) && all_equal(p.max_load, 1) &&
         all_equal(p.min_load, 0) && p.forced.empty() && p.forbidden.empty() && !p.unmet_penalty && !p.raise_floor &&
         alternates == 0;
}

}  // namespace

AssignmentAnswer assign_from_files(const AssignmentFiles& files) {
  auto start = std::chrono::steady_clock::now();
  if (files.scores.empty() == files.candidates.empty())
    fail_keyed(ErrorCode::InvalidInput, "assign_scores_source", {}, "give either --scores (a matrix) or --candidates (pairs)");
  assign::AssignmentProblem p;
  p.demand = ingest::read_count_column(files.demand, "demand");
  p.max_load = ingest::read_count_column(files.max_load, "max load");
  if (!files.min_load.empty()) p.min_load = ingest::read_count_column(files.min_load, "min load");
  p.requests = uint32_t(p.demand.size());
  p.suppliers = uint32_t(p.max_load.size());
  ingest::ScoreMatrix matrix;
  if (!files.scores.empty()) {
    matrix = ingest::read_score_matrix(files.scores);
    auto mismatch = [&](const char* what, size_t given, const char* file_of, size_t expected) {
      fail_keyed(ErrorCode::InvalidInput, "assign_size",
                 {{"what", what}, {"given", std::to_string(given)}, {"expected", std::to_string(expected)}},
                 files.scores + ": " + std::to_string(given) + " " + what + " but " + file_of + " has " + std::to_string(expected));
    };
    if (matrix.columns != p.requests) mismatch("columns (requests)", matrix.columns, "the demand file", p.requests);
    if (matrix.rows != p.suppliers) mismatch("rows (suppliers)", matrix.rows, "the max-load file", p.suppliers);
  } else {
    for (const auto& c : ingest::read_scored_pairs(files.candidates)) p.candidates.push_back({c.supplier, c.request, c.score});
  }
  auto read_pairs = [](const std::string& path, std::vector<assign::SupplierRequest>& into) {
    if (!path.empty())
      for (const auto& [s, r] : ingest::read_index_pairs(path)) into.push_back({s, r});
  };
  read_pairs(files.forced, p.forced);
  read_pairs(files.forbidden, p.forbidden);
  p.unmet_penalty = files.unmet_penalty;
  p.raise_floor = files.raise_floor;

  AssignmentAnswer a;
  a.suppliers = p.suppliers;
  a.requests = p.requests;
  bool dense = one_to_one_dense(p, files.scores.empty() ? nullptr : &matrix, files.alternates);
  if (!files.scores.empty() && !dense)
    for (uint32_t s = 0; s < matrix.rows; ++s)
      for (uint32_t r = 0; r < matrix.columns; ++r)
        if (matrix.present[size_t(s) * matrix.columns + r]) p.candidates.push_back({s, r, matrix.values[size_t(s) * matrix.columns + r]});
  a.candidates = dense ? size_t(p.suppliers) * p.requests : p.candidates.size();
  a.read_seconds = seconds_since(start);

  if (dense) {
    a.solver = "lapjv";
    assign::LinearAssignment lap(matrix.values, p.suppliers, p.requests);
    start = std::chrono::steady_clock::now();
    lap.run();
    std::vector<char> served(p.requests, 0);
    for (uint32_t s = 0; s < p.suppliers; ++s)
      if (int32_t r = lap.column_of_row()[s]; r >= 0) {
        a.pairs.push_back({s, uint32_t(r), matrix.values[size_t(s) * p.requests + size_t(r)]});
        served[size_t(r)] = 1;
      }
    a.total = lap.total();
    for (uint32_t r = 0; r < p.requests; ++r)
      if (!served[r]) a.unmet.push_back({r, 1, assign::UnmetReason::CandidatesFull, p.suppliers});
    a.missing = int64_t(a.unmet.size());
    a.solve_seconds = seconds_since(start);
    return a;
  }
  a.solver = "network_simplex";
  assign::Assignment engine(std::move(p));
  start = std::chrono::steady_clock::now();
  engine.run();
  a.solve_seconds = seconds_since(start);
  a.total = engine.total();
  a.pairs = engine.pairs();
  std::sort(a.pairs.begin(), a.pairs.end(), [](const assign::ChosenPair& x, const assign::ChosenPair& y) {
    return std::tie(x.supplier, x.request) < std::tie(y.supplier, y.request);
  });
  a.unmet = engine.unmet();
  a.missing = engine.missing();
  a.floor_before = engine.floor_before();
  a.floor_after = engine.floor_after();
  a.total_before_floor = engine.total_before_floor();
  if (files.alternates > 0)
    for (uint32_t r = 0; r < a.requests; ++r) a.alternates.emplace_back(r, engine.alternates(r, files.alternates));
  return a;
}

}  // namespace xinzhi::matching
