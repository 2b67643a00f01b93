#include "engines/assign/linear_assignment.h"

#include <cmath>
#include <limits>

#include "base/error.h"

namespace xinzhi::assign {

namespace {

// LAPJV on a square n × n cost matrix read through c(i, j) (minimum total); returns the column of
// each row. The matrix is read in place, never copied (a 2,000² copy costs as much as the solve).
template <typename Cost>
std::vector<int32_t> lapjv(const Cost& c, int32_t n) {
  constexpr double big = std::numeric_limits<double>::infinity();
  const size_t size = static_cast<size_t>(n);
  std::vector<int32_t> row_sol(size, -1), col_sol(size, -1), free_rows(size), col_list(size), matches(size, 0), pred(size);
  std::vector<double> v(size), d(size);

  // Column reduction: each column's cheapest row takes it if that row is still free.
  for (int32_t j = n - 1; j >= 0; --j) {
    double lowest = c(0, j);
    int32_t best = 0;
    for (int32_t i = 1; i < n; ++i)
      if (c(i, j) < lowest) {
        lowest = c(i, j);
        best = i;
      }
    v[size_t(j)] = lowest;
    if (++matches[size_t(best)] == 1) {
      row_sol[size_t(best)] = j;
      col_sol[size_t(j)] = best;
    } else {
      col_sol[size_t(j)] = -1;
    }
  }
  // Reduction transfer for rows that got exactly one column; rows with none are free.
  int32_t free_count = 0;
  for (int32_t i = 0; i < n; ++i) {
    if (matches[size_t(i)] == 0) {
      free_rows[size_t(free_count++)] = i;
    } else if (matches[size_t(i)] == 1) {
      int32_t j1 = row_sol[size_t(i)];
      double lowest = big;
      for (int32_t j = 0; j < n; ++j)
        if (j != j1 && c(i, j) - v[size_t(j)] < lowest) lowest = c(i, j) - v[size_t(j)];
      v[size_t(j1)] -= lowest;
    }
    // A row that won several columns keeps the first; the others stayed unassigned.
  }

  // Augmenting row reduction, twice. A displaced row can bounce for long by tiny price steps
  // (uniform random 2,000²: a bound of 64n steps a round was hit in both rounds, 0.44 s of a
  // 0.56 s solve). Past 2n steps a round (O(n²) work, as one augmentation) rows are placed
  // without price changes and the rest left to the augmentation: 0.14 s on the same matrix.
  for (int round = 0; round < 2; ++round) {
    int32_t k = 0, previous_free = free_count;
    int64_t steps = 0;
    free_count = 0;
    while (k < previous_free) {
      int32_t i = free_rows[size_t(k++)];
      double u1 = c(i, 0) - v[0], u2 = big;
      int32_t j1 = 0, j2 = -1;
      for (int32_t j = 1; j < n; ++j) {
        double h = c(i, j) - v[size_t(j)];
        if (h < u2) {
          if (h >= u1) {
            u2 = h;
            j2 = j;
          } else {
            u2 = u1;
            u1 = h;
            j2 = j1;
            j1 = j;
          }
        }
      }
      int32_t i0 = col_sol[size_t(j1)];
      bool lowers = u1 < u2;
      if (steps++ < 2 * int64_t(n)) {
        if (lowers) {
          v[size_t(j1)] -= u2 - u1;
        } else if (i0 >= 0 && j2 >= 0) {
          j1 = j2;
          i0 = col_sol[size_t(j2)];
        }
        if (i0 >= 0) {
          if (lowers)
            free_rows[size_t(--k)] = i0;  // try the displaced row again at once
          else
            free_rows[size_t(free_count++)] = i0;
        }
      } else if (i0 >= 0) {
        free_rows[size_t(free_count++)] = i0;
      }
      if (i0 >= 0) row_sol[size_t(i0)] = -1;
      row_sol[size_t(i)] = j1;
      col_sol[size_t(j1)] = i;
    }
  }

  // Shortest augmenting paths (Dijkstra over reduced costs) for the rows still free.
  for (int32_t f = 0; f < free_count; ++f) {
    int32_t free_row = free_rows[size_t(f)];
    for (int32_t j = 0; j < n; ++j) {
      d[size_t(j)] = c(free_row, j) - v[size_t(j)];
      pred[size_t(j)] = free_row;
      col_list[size_t(j)] = j;
    }
    int32_t low = 0, up = 0, last = 0, end_of_path = -1;
    double lowest = 0;
    bool found = false;
    do {
      if (up == low) {
        // The columns at the next smallest distance move to col_list[low, up).
        last = low - 1;
        lowest = d[size_t(col_list[size_t(up++)])];
        for (int32_t k = up; k < n; ++k) {
          int32_t j = col_list[size_t(k)];
          double h = d[size_t(j)];
          if (h <= lowest) {
            if (h < lowest) {
              up = low;
              lowest = h;
            }
            col_list[size_t(k)] = col_list[size_t(up)];
            col_list[size_t(up++)] = j;
          }
        }
        for (int32_t k = low; k < up; ++k)
          if (col_sol[size_t(col_list[size_t(k)])] < 0) {
            end_of_path = col_list[size_t(k)];
            found = true;
            break;
          }
      }
      if (!found) {
        int32_t j1 = col_list[size_t(low++)];
        int32_t i = col_sol[size_t(j1)];
        double h = c(i, j1) - v[size_t(j1)] - lowest;
        for (int32_t k = up; k < n; ++k) {
          int32_t j = col_list[size_t(k)];
          double v2 = c(i, j) - v[size_t(j)] - h;
          if (v2 < d[size_t(j)]) {
            pred[size_t(j)] = i;
            if (v2 == lowest) {
              if (col_sol[size_t(j)] < 0) {
                end_of_path = j;
                found = true;
                break;
              }
              col_list[size_t(k)] = col_list[size_t(up)];
              col_list[size_t(up++)] = j;
            }
            d[size_t(j)] = v2;
          }
        }
      }
    } while (!found);
    // Update the column prices of the columns scanned, then flip the path.
    for (int32_t k = 0; k <= last; ++k) {
      int32_t j1 = col_list[size_t(k)];
      v[size_t(j1)] += d[size_t(j1)] - lowest;
    }
    int32_t i;
    do {
      i = pred[size_t(end_of_path)];
      col_sol[size_t(end_of_path)] = i;
      int32_t next = row_sol[size_t(i)];
      row_sol[size_t(i)] = end_of_path;
      end_of_path = next;
    } while (i != free_row);
  }
  return row_sol;
}

}  // namespace

LinearAssignment::LinearAssignment(std::vector<double> scores, uint32_t rows, uint32_t columns, bool maximise)
    : scores_(std::move(scores)), rows_(rows), columns_(columns), maximise_(maximise) {
  if (scores_.size() != size_t(rows_) * columns_)
    fail_keyed(ErrorCode::InvalidInput, "assign_size",
               {{"what", "scores"}, {"given", std::to_string(scores_.size())}, {"expected", std::to_string(size_t(rows_) * columns_)}},
               "assignment: " + std::to_string(scores_.size()) + " scores for a " + std::to_string(rows_) + " × " +
                   std::to_string(columns_) + " matrix");
  for (size_t k = 0; k < scores_.size(); ++k)
    if (!std::isfinite(scores_[k]))
      fail_keyed(ErrorCode::InvalidInput, "assign_score",
                 {{"supplier", std::to_string(k / columns_)}, {"request", std::to_string(k % columns_)}},
                 "assignment: the score in row " + std::to_string(k / columns_) + ", column " + std::to_string(k % columns_) +
                     " is not a finite number");
}

void LinearAssignment::run() {
  int32_t n = int32_t(std::max(rows_, columns_));
  column_of_row_.assign(rows_, -1);
  total_ = 0;
  if (n == 0 || rows_ == 0 || columns_ == 0) {
    guard_.mark_finished();
    return;
  }
  const double sign = maximise_ ? -1 : 1;
  const double* s = scores_.data();
  const size_t columns = columns_;
  std::vector<int32_t> row_sol;
  if (rows_ == columns_) {
    row_sol = lapjv([s, sign, columns](int32_t i, int32_t j) { return sign * s[size_t(i) * columns + size_t(j)]; }, n);
  } else {
    // The shorter side padded with zero-cost dummies; they take what the real side leaves.
    const int32_t rows = int32_t(rows_), cols = int32_t(columns_);
    row_sol = lapjv(
        [=](int32_t i, int32_t j) { return i < rows && j < cols ? sign * s[size_t(i) * columns + size_t(j)] : 0.0; }, n);
  }
  for (uint32_t i = 0; i < rows_; ++i) {
    int32_t j = row_sol[i];
    if (j >= 0 && uint32_t(j) < columns_) {
      column_of_row_[i] = j;
      total_ += scores_[size_t(i) * columns_ + size_t(j)];
    }
  }
  guard_.mark_finished();
}

const std::vector<int32_t>& LinearAssignment::column_of_row() const {
  guard_.assure_finished("LinearAssignment");
  return column_of_row_;
}

double LinearAssignment::total() const {
  guard_.assure_finished("LinearAssignment");
  return total_;
}

}  // namespace xinzhi::assign
