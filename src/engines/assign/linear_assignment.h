// assign::LinearAssignment: the dense one-to-one assignment (every row to its own column, every
// pair allowed) by Jonker & Volgenant's LAPJV (Computing 38, 1987): column reduction, reduction
// transfer, two rounds of augmenting row reduction, then shortest augmenting paths. The
// Assignment engine hands its problem here when every demand and load is one and every pair is
// a candidate; scipy's linear_sum_assignment is the peer (bench/match_assign.py).
#pragma once
#include <cstdint>
#include <vector>

#include "base/run_guard.h"

namespace xinzhi::assign {

class LinearAssignment {
 public:
  // `scores` row-major, rows × columns; rows ≤ columns or columns ≤ rows (the shorter side is
  // matched in full). maximise: the largest total, else the smallest.
  LinearAssignment(std::vector<double> scores, uint32_t rows, uint32_t columns, bool maximise = true);
  void run();
  // The column of each row, −1 for rows left over when there are more rows than columns.
  const std::vector<int32_t>& column_of_row() const;
  double total() const;

 private:
  std::vector<double> scores_;
  uint32_t rows_, columns_;
  bool maximise_;
  std::vector<int32_t> column_of_row_;
  double total_ = 0;
  RunGuard guard_;
};

}  // namespace xinzhi::assign
