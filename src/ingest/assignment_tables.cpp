#include "ingest/assignment_tables.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "base/error.h"
#include "base/text.h"
#include "ingest/labelled_matrix.h"
#include "ingest/table_reader.h"

namespace xinzhi::ingest {

namespace {

std::string_view trimmed(std::string_view s) { return text::trim(s); }

// A finite number filling the whole cell.
bool parse_finite(std::string_view cell, double& out) {
  cell = trimmed(cell);
  if (!cell.empty() && cell.front() == '+') cell.remove_prefix(1);
  auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), out);
  return ec == std::errc() && end == cell.data() + cell.size() && std::isfinite(out);
}

bool parse_whole(std::string_view cell, int64_t& out) {
  cell = trimmed(cell);
  auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), out);
  return ec == std::errc() && end == cell.data() + cell.size() && !cell.empty();
}

std::string column_text(size_t column) { return "column " + std::to_string(column + 1); }

// Splits a CSV line at commas (these files hold numbers only: no quoting).
void split(std::string_view line, std::vector<std::string_view>& cells) {
  cells.clear();
  size_t at = 0;
  while (true) {
    size_t comma = line.find(',', at);
    cells.push_back(line.substr(at, comma == std::string_view::npos ? std::string_view::npos : comma - at));
    if (comma == std::string_view::npos) break;
    at = comma + 1;
  }
}

bool is_header(const std::vector<std::string_view>& cells, std::initializer_list<const char*> names) {
  if (cells.size() < names.size()) return false;
  size_t k = 0;
  for (const char* name : names)
    if (trimmed(cells[k++]) != name) return false;
  return true;
}

uint32_t index_cell(const LineReader& in, std::string_view cell, size_t column, const char* what) {
  int64_t v = 0;
  if (!parse_whole(cell, v) || v < 0 || v > int64_t(UINT32_MAX - 1))
    in.fail_here(column_text(column) + " (" + what + "): '" + std::string(trimmed(cell)) + "' is not a 0-based index");
  return uint32_t(v);
}

// Rows of `columns.size()` cells (a first row naming the columns is skipped), handed to visit
// with the reader for errors; blank lines skipped, a row of another width refused.
template <typename Visit>
void for_each_pair_row(const std::string& path, std::initializer_list<const char*> columns, Visit&& visit) {
  LineReader in(path);
  std::string line, names;
  for (const char* c : columns) names += (names.empty() ? "" : ",") + std::string(c);
  std::vector<std::string_view> cells;
  bool first = true;
  while (in.next(line)) {
    if (trimmed(line).empty()) continue;
    split(line, cells);
    bool header = first && is_header(cells, columns);
    first = false;
    if (header) continue;
    if (cells.size() != columns.size())
      in.fail_here("expected " + std::to_string(columns.size()) + " columns (" + names + "), found " + std::to_string(cells.size()));
    visit(in, cells);
  }
}

}  // namespace

bool ScoreMatrix::complete() const { return std::all_of(present.begin(), present.end(), [](uint8_t p) { return p != 0; }); }

ScoreMatrix read_score_matrix(const std::string& path) {
  ScoreMatrix m;
  if (text::ends_with(path, ".npy")) {
    auto dense = read_labelled_matrix(path);
    m.rows = uint32_t(dense.rows());
    m.columns = uint32_t(dense.cols());
    m.values = std::move(dense.values);
    m.present.assign(m.values.size(), 1);
    return m;
  }
  LineReader in(path);
  std::string line;
  std::vector<std::string_view> cells;
  while (in.next(line)) {
    if (trimmed(line).empty()) continue;
    split(line, cells);
    if (m.rows == 0) {
      m.columns = uint32_t(cells.size());
    } else if (cells.size() != m.columns) {
      in.fail_here("this row has " + std::to_string(cells.size()) + " cells, the first row " + std::to_string(m.columns) +
                   " (one column per request in every row)");
    }
    for (size_t k = 0; k < cells.size(); ++k) {
      double v = 0;
      auto cell = trimmed(cells[k]);
      if (cell.empty()) {
        m.values.push_back(0);
        m.present.push_back(0);
      } else if (parse_finite(cell, v)) {
        m.values.push_back(v);
        m.present.push_back(1);
      } else {
        in.fail_here(column_text(k) + ": '" + std::string(cell) + "' is not a number (leave the cell empty for no candidate)");
      }
    }
    ++m.rows;
  }
  if (m.rows == 0) fail_keyed(ErrorCode::InvalidInput, "file_empty", {{"file", path}}, path + ": no scores");
  return m;
}

std::vector<ScoredPair> read_scored_pairs(const std::string& path) {
  std::vector<ScoredPair> out;
  for_each_pair_row(path, {"supplier", "request", "score"}, [&](const LineReader& in, const std::vector<std::string_view>& cells) {
    ScoredPair p{index_cell(in, cells[0], 0, "supplier"), index_cell(in, cells[1], 1, "request"), 0};
    if (!parse_finite(cells[2], p.score)) in.fail_here("column 3 (score): '" + std::string(trimmed(cells[2])) + "' is not a number");
    out.push_back(p);
  });
  return out;
}

std::vector<int32_t> read_count_column(const std::string& path, const char* what) {
  std::vector<int32_t> out;
  LineReader in(path);
  std::string line;
  std::vector<std::string_view> cells;
  while (in.next(line)) {
    if (trimmed(line).empty()) continue;
    split(line, cells);
    int64_t v = 0;
    double d = 0;
    // "3" or "3.0" (spreadsheets write whole numbers so); "2.5" is refused.
    if (!parse_whole(cells[0], v)) {
      if (!parse_finite(cells[0], d) || d != std::floor(d))
        in.fail_here(std::string(what) + ": '" + std::string(trimmed(cells[0])) + "' is not a whole number");
      if (std::fabs(d) > 2147483647.0) in.fail_here(std::string(what) + ": " + std::string(trimmed(cells[0])) + " is too large");
      v = int64_t(d);
    }
    if (v > INT32_MAX || v < INT32_MIN) in.fail_here(std::string(what) + ": " + std::to_string(v) + " is too large");
    out.push_back(int32_t(v));
  }
  return out;
}

std::vector<std::pair<uint32_t, uint32_t>> read_index_pairs(const std::string& path) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for_each_pair_row(path, {"supplier", "request"}, [&](const LineReader& in, const std::vector<std::string_view>& cells) {
    out.emplace_back(index_cell(in, cells[0], 0, "supplier"), index_cell(in, cells[1], 1, "request"));
  });
  return out;
}

}  // namespace xinzhi::ingest
