#include "ingest/national_tasks.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "base/error.h"
#include "base/text.h"
#include "ingest/table_reader.h"
#include "ingest/technology_listings.h"
#include "ingest/xlsx_reader.h"

namespace xinzhi::ingest {

namespace {

// Each field under the names a list's header may give it.
const std::map<std::string, std::vector<std::string>>& header_names() {
  static const std::map<std::string, std::vector<std::string>> names = {
      {"ref", {"编号", "序号", "ref", "id"}},
      {"title", {"需求名称", "名称", "任务名称", "title"}},
      {"field", {"领域", "技术领域", "field"}},
      {"text", {"需求描述", "描述", "主要内容", "text", "description"}},
      {"department", {"提出部门", "部门", "department"}},
      {"deadline", {"截止日期", "截止时间", "deadline"}},
  };
  return names;
}

struct Row {
  size_t line;
  std::vector<std::string> cells;
};

std::vector<Row> rows_of(const std::string& path) {
  std::vector<Row> rows;
  if (text::ends_with(path, ".xlsx")) {
    for (auto& r : read_xlsx_first_sheet(path)) rows.push_back({r.number, std::move(r.cells)});
    return rows;
  }
  TableReader reader(path, TableFormat::Csv);
  std::vector<std::string> fields;
  while (reader.next(fields)) rows.push_back({reader.line_number(), fields});
  return rows;
}

[[noreturn]] void refuse(const std::string& key, ErrorParams params, const std::string& message) {
  fail_keyed(ErrorCode::InvalidInput, key, std::move(params), message);
}

// A deadline as lists write it: ISO, "2026/9/30", "2026年9月30日", the forms listings use, or an
// Excel date cell (a serial day count from 1899-12-30, as the workbook stores it).
bool parse_deadline(const std::string& raw, std::string& iso) {
  if (parse_listing_date(raw, iso)) return true;
  std::string t(text::trim(raw));
  int y = 0, m = 0, d = 0, used = 0;
  if ((std::sscanf(t.c_str(), "%4d/%2d/%2d%n", &y, &m, &d, &used) == 3 ||
       std::sscanf(t.c_str(), "%4d年%2d月%2d日%n", &y, &m, &d, &used) == 3) &&
      used == static_cast<int>(t.size())) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return parse_listing_date(buf, iso);  // checks the day exists
  }
  if (t.size() == 5 && t.find_first_not_of("0123456789") == std::string::npos) {
    // Days since 1899-12-30 (Excel's 1900 system, its phantom 29 Feb 1900 included): civil
    // date from days since 1970-01-01 by Hinnant's algorithm.
    long z = std::stol(t) - 25569 + 719468;
    long era = z / 146097, doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = static_cast<int>(yoe + era * 400 + (m <= 2));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return parse_listing_date(buf, iso);
  }
  return false;
}

bool blank(const std::vector<std::string>& cells) {
  return std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return text::trim(c).empty(); });
}

}  // namespace

std::vector<NationalDemand> read_national_demands(const std::string& path) {
  auto rows = rows_of(path);
  if (rows.empty()) refuse("task_file_empty", {{"file", path}}, path + ": no header row, no demands");
  std::map<std::string, size_t> at;
  for (size_t i = 0; i < rows[0].cells.size(); ++i) {
    std::string name(text::trim(rows[0].cells[i]));
    for (auto& c : name)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    for (const auto& [field, names] : header_names())
      for (const auto& n : names)
        if (name == n && !at.count(field)) at[field] = i;
  }
  const std::string header_line = std::to_string(rows[0].line);
  if (!at.count("title"))
    refuse("task_column_missing", {{"file", path}, {"line", header_line}, {"column", "需求名称"}},
           path + ":" + header_line + ": no column 需求名称 (title) in the header");
  auto cell = [&](const Row& r, const char* field) {
    auto it = at.find(field);
    return it == at.end() || it->second >= r.cells.size() ? std::string() : std::string(text::trim(r.cells[it->second]));
  };
  std::vector<NationalDemand> out;
  std::map<std::string, size_t> seen;
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (blank(r.cells)) continue;  // a spreadsheet's empty rows (",,,,")
    NationalDemand d;
    d.line = r.line;
    const std::string line = std::to_string(r.line);
    d.title = cell(r, "title");
    if (d.title.empty())
      refuse("task_field_invalid", {{"file", path}, {"line", line}, {"field", "title"}, {"value", ""}},
             path + ":" + line + ": the title is empty");
    d.ref = cell(r, "ref");
    if (d.ref.empty()) d.ref = "L" + line;
    if (auto [it, fresh] = seen.emplace(d.ref, r.line); !fresh)
      refuse("task_duplicate", {{"file", path}, {"line", line}, {"ref", d.ref}, {"first", std::to_string(it->second)}},
             path + ":" + line + ": number " + d.ref + " is listed already on line " + std::to_string(it->second));
    d.field = cell(r, "field");
    d.text = cell(r, "text");
    d.department = cell(r, "department");
    std::string deadline = cell(r, "deadline");
    if (!parse_deadline(deadline, d.deadline))
      refuse("task_field_invalid", {{"file", path}, {"line", line}, {"field", "deadline"}, {"value", text::printable(deadline)}},
             path + ":" + line + ": the deadline '" + text::printable(deadline) + "' is not a date (2027-06-30)");
    out.push_back(std::move(d));
  }
  if (out.empty()) refuse("task_file_empty", {{"file", path}}, path + ": a header row and no demands");
  return out;
}

}  // namespace xinzhi::ingest
