// Reading the files of an assignment problem (xinzhi match assign): a score matrix with one row
// per supplier and one column per request and no header (an empty cell: not a candidate), a
// list of candidate pairs, one number per line (demands, loads) and lists of pairs (forced,
// conflicts). Errors name file:line and the column; ragged rows are refused.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace xinzhi::ingest {

struct ScoreMatrix {
  uint32_t rows = 0, columns = 0;
  std::vector<double> values;   // row by row; 0 where absent
  std::vector<uint8_t> present;  // 1 where the cell holds a score
  bool complete() const;        // every cell holds a score
};

// CSV without a header (numbers only), or a .npy matrix (every cell present).
ScoreMatrix read_score_matrix(const std::string& path);

struct ScoredPair {
  uint32_t supplier, request;
  double score;
};
// CSV rows "supplier,request,score" (0-based indices); a header row of those names is allowed.
std::vector<ScoredPair> read_scored_pairs(const std::string& path);

// One whole number per line (the first column of a CSV), `what` naming it in errors; negative
// numbers are read (the engine refuses them with the supplier or request they belong to).
std::vector<int32_t> read_count_column(const std::string& path, const char* what);

// CSV rows "supplier,request" (0-based); a header row "supplier,request" is allowed.
std::vector<std::pair<uint32_t, uint32_t>> read_index_pairs(const std::string& path);

}  // namespace xinzhi::ingest
