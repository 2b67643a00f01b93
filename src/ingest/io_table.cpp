#include "ingest/io_table.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/error.h"
#include "base/text.h"
#include "ingest/labelled_matrix.h"
#include "ingest/table_reader.h"
#include "ingest/xlsx_reader.h"

namespace xinzhi::ingest {

namespace {

struct GridRow {
  size_t line;
  std::vector<std::string> cells;
};

// Labels compared without case, surrounding blanks or the control characters some exports
// carry (the ONS NPISH headers hold a U+001A).
std::string label_key(std::string_view text) {
  std::string out;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20) continue;
    out += (u >= 'A' && u <= 'Z') ? static_cast<char>(u - 'A' + 'a') : c;
  }
  size_t b = out.find_first_not_of(' '), e = out.find_last_not_of(' ');
  return b == std::string::npos ? std::string() : out.substr(b, e - b + 1);
}

bool one_of(const std::string& key, std::initializer_list<const char*> names) {
  return std::any_of(names.begin(), names.end(), [&](const char* n) { return key == n; });
}
bool is_intermediate_total(const std::string& key) {
  return one_of(key, {"total intermediate demand", "total intermediate use", "中间使用合计", "tiu"});
}
bool is_output_row(const std::string& key) {
  return one_of(key, {"total output", "total input", "total inputs", "总投入", "ti"});
}
bool is_output_column(const std::string& key) { return one_of(key, {"total output", "总产出", "go"}); }

std::vector<GridRow> read_grid(const std::string& path) {
  std::vector<GridRow> rows;
  std::string ext = path.size() >= 5 ? label_key(path.substr(path.size() - 5)) : "";
  if (ext == ".xlsx") {
    for (auto& r : read_xlsx_first_sheet(path)) rows.push_back({r.number, std::move(r.cells)});
    return rows;
  }
  bool tsv = path.size() >= 4 && label_key(path.substr(path.size() - 4)) == ".tsv";
  TableReader reader(path, tsv ? TableFormat::Tsv : TableFormat::Csv);
  std::vector<std::string> fields;
  while (reader.next(fields)) rows.push_back({reader.line_number(), fields});
  return rows;
}

[[noreturn]] void fail_at(const std::string& path, size_t line, const std::string& what) {
  invalid_input(path + ":" + std::to_string(line) + ": " + what);
}

}  // namespace

InputOutputTable read_io_table(const std::string& path) {
  auto grid = read_grid(path);
  // Header rows: those holding the total-of-intermediate-use marker, all in one column (NBS
  // has a row of names and a row of codes; ONS one row of names).
  size_t total_col = 0;
  std::vector<size_t> headers;
  for (size_t r = 0; r < grid.size() && headers.size() < 3; ++r) {
    const auto& cells = grid[r].cells;
    for (size_t c = 0; c < cells.size(); ++c)
      if (is_intermediate_total(label_key(cells[c])) && (headers.empty() || c == total_col)) {
        total_col = c;
        headers.push_back(r);
        break;
      }
    if (!headers.empty() && headers.back() != r) break;  // header rows are adjacent
  }
  if (headers.empty())
    invalid_input(path + ": no column of total intermediate use ('Total intermediate demand', '中间使用合计' or 'TIU'); "
                  "the sectors are the columns before it");
  const size_t first_data = headers.back() + 1;
  auto header_texts = [&](size_t c) {
    std::vector<std::string> keys;
    for (size_t h : headers)
      if (c < grid[h].cells.size() && !label_key(grid[h].cells[c]).empty()) keys.push_back(label_key(grid[h].cells[c]));
    return keys;
  };
  // A row's labels: its text cells left of the sector block (found below, so first any of the
  // leading three cells, where every known layout puts names and codes).
  auto row_labels = [&](const GridRow& row, size_t before) {
    std::vector<std::string> keys;
    for (size_t c = 0; c < std::min(before, row.cells.size()); ++c)
      if (auto k = label_key(row.cells[c]); !k.empty()) keys.push_back(k);
    return keys;
  };
  auto label_index = [&](size_t before) {
    std::map<std::string, size_t> index;
    for (size_t r = first_data; r < grid.size(); ++r)
      for (auto& k : row_labels(grid[r], before)) index.emplace(k, r);
    return index;
  };
  auto leading = label_index(std::min<size_t>(3, total_col));
  auto names_a_row = [&](size_t c, const std::map<std::string, size_t>& index) {
    for (auto& k : header_texts(c))
      if (index.count(k)) return true;
    return false;
  };
  size_t first_sector = total_col;
  while (first_sector > 0 && names_a_row(first_sector - 1, leading)) --first_sector;
  // Names and codes take the first columns of every known layout; a block that starts later
  // stopped at a sector column without a row, which would drop the sectors left of it.
  if (first_sector == total_col || first_sector > 3) {
    const auto& head = grid[headers.front()].cells;
    size_t c = first_sector - 1;
    fail_at(path, grid[headers.front()].line,
            "the column '" + std::string(c < head.size() ? text::trim(head[c]) : std::string_view()) + "' (column " +
                std::to_string(c + 1) + ") names no row: each sector needs a row with the same name or code");
  }
  // Now the labels proper: cells left of the first sector column.
  auto index = label_index(first_sector);

  InputOutputTable t;
  t.path = path;
  const size_t n = total_col - first_sector;
  std::vector<size_t> sector_row(n);
  std::set<size_t> seen_rows;
  for (size_t j = 0; j < n; ++j) {
    size_t c = first_sector + j;
    std::string name;
    for (size_t h : headers)  // the first header that is not a bare code names the sector
      if (c < grid[h].cells.size() && name.empty()) {
        auto k = label_key(grid[h].cells[c]);
        bool code = !k.empty() && std::all_of(k.begin(), k.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
        if (!k.empty() && (!code || h == headers.back())) name = std::string(text::trim(grid[h].cells[c]));
      }
    size_t row = 0;
    for (auto& k : header_texts(c))
      if (auto it = index.find(k); it != index.end()) row = it->second;
    if (row == 0) fail_at(path, grid[headers.front()].line, "sector '" + name + "' has no row of the same name");
    if (!seen_rows.insert(row).second)
      fail_at(path, grid[row].line, "two sector columns match this row ('" + name + "')");
    // Strip the control characters some exports carry, keep the published spelling otherwise.
    std::string clean;
    for (char ch : name)
      if (static_cast<unsigned char>(ch) >= 0x20) clean += ch;
    t.sectors.push_back(clean);
    sector_row[j] = row;
  }

  // The walk stops at the first column without a row of its name. When that column holds
  // numbers in the sector rows (not names, not codes the headers list) it is a sector whose
  // row is missing, not a label column: refuse rather than drop the sector.
  {
    size_t c = first_sector - 1;
    std::set<std::string> header_keys;
    for (size_t h : headers)
      for (const auto& cell : grid[h].cells) header_keys.insert(label_key(cell));
    bool numbers = true, any = false;
    for (size_t row : sector_row) {
      const auto& cells = grid[row].cells;
      auto cell = c < cells.size() ? text::trim(cells[c]) : std::string_view();
      if (cell.empty()) continue;
      double v = 0;
      any = true;
      if (!parse_number_or_fraction(std::string(cell), v) || header_keys.count(label_key(cell))) numbers = false;
    }
    if (any && numbers) {
      const auto& head = grid[headers.front()].cells;
      fail_at(path, grid[headers.front()].line,
              "the column '" + std::string(c < head.size() ? text::trim(head[c]) : std::string_view()) + "' (column " +
                  std::to_string(c + 1) + ") holds numbers but names no row: each sector needs a row with the same name or code");
    }
  }

  auto number_at = [&](size_t r, size_t c, const std::string& column) {
    const auto& cells = grid[r].cells;
    std::string cell(c < cells.size() ? text::trim(cells[c]) : std::string_view());
    if (cell.empty()) return 0.0;
    double v = 0;
    if (!parse_number_or_fraction(cell, v) || cell.find('/') != std::string::npos)
      fail_at(path, grid[r].line, "column '" + column + "': '" + cell + "' is not a number");
    return v;
  };
  t.transactions.resize(n * n);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) t.transactions[i * n + j] = number_at(sector_row[i], first_sector + j, t.sectors[j]);

  // Total output: the total-input row (the column totals of the use table), else the
  // total-output column.
  for (size_t r = first_data; r < grid.size() && t.output_from.empty(); ++r)
    for (auto& k : row_labels(grid[r], first_sector))
      if (is_output_row(k)) {
        for (size_t j = 0; j < n; ++j) t.total_output.push_back(number_at(r, first_sector + j, t.sectors[j]));
        t.output_from = "row '" + k + "'";
        break;
      }
  if (t.output_from.empty()) {
    const auto& head = grid[headers.front()].cells;
    for (size_t c = total_col + 1; c < head.size() && t.output_from.empty(); ++c)
      for (auto& k : header_texts(c))
        if (is_output_column(k)) {
          for (size_t i = 0; i < n; ++i) t.total_output.push_back(number_at(sector_row[i], c, head[c]));
          t.output_from = "column '" + k + "'";
          break;
        }
  }
  if (t.output_from.empty())
    invalid_input(path + ": no total output: a row 'Total output' / '总投入' or a column 'Total output' / '总产出'");
  return t;
}

}  // namespace xinzhi::ingest
