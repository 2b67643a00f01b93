#include "ingest/assignment_tables.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "base/error.h"
#include "ingest/labelled_matrix.h"
#include "ingest/table_reader.h"

namespace xinzhi::ingest {

namespace {

bool ends_with(const std::string& s, const char* suffix) {
  std::string_view x(suffix);
  return s.size() >= x.size() && std::equal(x.rbegin(), x.rend(), s.rbegin());
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

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

}  // namespace

bool ScoreMatrix::complete() const { return std::all_of(present.begin(), present.end(), [](uint8_t p) { return p != 0; }); }

ScoreMatrix read_score_matrix(const std::string& path) {
  ScoreMatrix m;
  if (ends_with(path, ".npy")) {
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
  LineReader in(path);
  std::string line;
  std::vector<std::string_view> cells;
  bool first = true;
  while (in.next(line)) {
    if (trimmed(line).empty()) continue;
    split(line, cells);
    if (first && is_header(cells, {"supplier", "request", "score"})) {
      first = false;
      continue;
    }
    first = false;
    if (cells.size() != 3) in.fail_here("expected 3 columns (supplier,request,score), found " + std::to_string(cells.size()));
    ScoredPair p{index_cell(in, cells[0], 0, "supplier"), index_cell(in, cells[1], 1, "request"), 0};
    if (!parse_finite(cells[2], p.score)) in.fail_here("column 3 (score): '" + std::string(trimmed(cells[2])) + "' is not a number");
    out.push_back(p);
  }
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
  LineReader in(path);
  std::string line;
  std::vector<std::string_view> cells;
  bool first = true;
  while (in.next(line)) {
    if (trimmed(line).empty()) continue;
    split(line, cells);
    if (first && is_header(cells, {"supplier", "request"})) {
      first = false;
      continue;
    }
    first = false;
    if (cells.size() != 2) in.fail_here("expected 2 columns (supplier,request), found " + std::to_string(cells.size()));
    out.emplace_back(index_cell(in, cells[0], 0, "supplier"), index_cell(in, cells[1], 1, "request"));
  }
  return out;
}

}  // namespace xinzhi::ingest
