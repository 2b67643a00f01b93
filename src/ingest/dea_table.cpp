#include "ingest/dea_table.h"

#include <algorithm>
#include <map>

#include "base/error.h"
#include "base/text.h"
#include "ingest/labelled_matrix.h"
#include "ingest/table_reader.h"

namespace xinzhi::ingest {

namespace {

struct DeaRow {
  std::string unit, time;
  std::vector<double> x, y, b;
  size_t line = 0;
};

size_t column_index(const std::vector<std::string>& header, const std::string& name, const std::string& path,
                    const char* option) {
  const auto it = std::find(header.begin(), header.end(), name);
  if (it == header.end()) {
    std::string names;
    for (const auto& h : header) names += (names.empty() ? "" : ", ") + h;
    fail_keyed(ErrorCode::InvalidInput, "dea_no_column", {{"field", name}},
               path + ": no column '" + name + "' (named by " + option + "); the header has " + names);
  }
  return static_cast<size_t>(it - header.begin());
}

std::vector<DeaRow> read_rows(const std::string& path, const DeaColumns& c, bool panel) {
  if (c.inputs.empty()) invalid_input("name at least one input column (--inputs)");
  if (c.outputs.empty()) invalid_input("name at least one output column (--outputs)");
  TableReader reader(path, TableFormat::Csv);
  std::vector<std::string> header, fields;
  if (!reader.next(header)) invalid_input(path + ": the file is empty (a header row is needed)");
  for (auto& h : header) h = std::string(text::trim(h));
  auto indices = [&](const std::vector<std::string>& names, const char* option) {
    std::vector<size_t> out;
    for (const auto& n : names) out.push_back(column_index(header, n, path, option));
    return out;
  };
  const auto xi = indices(c.inputs, "--inputs"), yi = indices(c.outputs, "--outputs"),
             bi = indices(c.undesirable, "--undesirable");
  const size_t unit_at = c.unit.empty() ? SIZE_MAX : column_index(header, c.unit, path, "--unit");
  const size_t time_at = panel ? column_index(header, c.time, path, "--time") : SIZE_MAX;
  std::vector<DeaRow> rows;
  while (reader.next(fields)) {
    if (fields.size() != header.size())
      reader.fail_here("has " + std::to_string(fields.size()) + " fields, the header " + std::to_string(header.size()));
    DeaRow r;
    r.line = reader.line_number();
    r.unit = unit_at == SIZE_MAX ? std::to_string(rows.size() + 1) : std::string(text::trim(fields[unit_at]));
    if (r.unit.empty()) reader.fail_here("column '" + c.unit + "' is empty");
    if (panel) {
      r.time = std::string(text::trim(fields[time_at]));
      if (r.time.empty()) reader.fail_here("column '" + c.time + "' is empty");
    }
    auto numbers = [&](const std::vector<size_t>& at, std::vector<double>& out) {
      for (size_t i : at) {
        double v = 0;
        const std::string cell(text::trim(fields[i]));
        if (!parse_number_or_fraction(cell, v))
          fail_keyed(ErrorCode::InvalidInput, "dea_cell_not_number", {{"field", header[i]}, {"line", std::to_string(r.line)}},
                     path + ":" + std::to_string(r.line) + ": column '" + header[i] + "' is '" + cell +
                         "', not a number (DEA has no treatment for a missing value: drop the unit or fill it)");
        out.push_back(v);
      }
    };
    numbers(xi, r.x);
    numbers(yi, r.y);
    numbers(bi, r.b);
    rows.push_back(std::move(r));
  }
  if (rows.empty()) invalid_input(path + ": no data rows under the header");
  return rows;
}

dea::Technology empty_technology(const DeaColumns& c) {
  dea::Technology t;
  t.input_names = c.inputs;
  t.output_names = c.outputs;
  t.undesirable_names = c.undesirable;
  return t;
}

void append(dea::Technology& t, const DeaRow& r) {
  t.units.push_back(r.unit);
  t.x.insert(t.x.end(), r.x.begin(), r.x.end());
  t.y.insert(t.y.end(), r.y.begin(), r.y.end());
  t.b.insert(t.b.end(), r.b.begin(), r.b.end());
}

bool all_numbers(const std::vector<std::string>& values) {
  return std::all_of(values.begin(), values.end(), [](const std::string& v) {
    double d = 0;
    return parse_number_or_fraction(v, d);
  });
}

}  // namespace

dea::Technology read_dea_technology(const std::string& path, const DeaColumns& columns) {
  const auto rows = read_rows(path, columns, false);
  dea::Technology t = empty_technology(columns);
  std::map<std::string, size_t> seen;
  for (const DeaRow& r : rows) {
    if (auto [it, fresh] = seen.emplace(r.unit, r.line); !fresh)
      invalid_input(path + ":" + std::to_string(r.line) + ": unit '" + r.unit + "' again (first on line " +
                    std::to_string(it->second) + ")");
    append(t, r);
  }
  return t;
}

dea::Panel read_dea_panel(const std::string& path, const DeaColumns& columns) {
  if (columns.unit.empty()) invalid_input("a panel needs its unit column (--unit)");
  if (columns.time.empty()) invalid_input("a panel needs its period column (--time)");
  const auto rows = read_rows(path, columns, true);
  std::vector<std::string> units, periods;
  std::map<std::pair<std::string, std::string>, const DeaRow*> cell;
  for (const DeaRow& r : rows) {
    if (std::find(units.begin(), units.end(), r.unit) == units.end()) units.push_back(r.unit);
    if (std::find(periods.begin(), periods.end(), r.time) == periods.end()) periods.push_back(r.time);
    if (auto [it, fresh] = cell.emplace(std::pair{r.unit, r.time}, &r); !fresh)
      invalid_input(path + ":" + std::to_string(r.line) + ": unit '" + r.unit + "' in period " + r.time +
                    " again (first on line " + std::to_string(it->second->line) + ")");
  }
  if (all_numbers(periods)) {
    std::sort(periods.begin(), periods.end(), [](const std::string& a, const std::string& b) {
      double x = 0, y = 0;
      parse_number_or_fraction(a, x);
      parse_number_or_fraction(b, y);
      return x < y;
    });
  } else {
    std::sort(periods.begin(), periods.end());
  }
  dea::Panel p;
  p.periods = periods;
  for (const std::string& period : periods) {
    dea::Technology t = empty_technology(columns);
    for (const std::string& unit : units) {
      const auto it = cell.find({unit, period});
      if (it == cell.end())
        fail_keyed(ErrorCode::InvalidInput, "dea_unbalanced_panel", {{"unit", unit}, {"period", period}},
                   path + ": unit '" + unit + "' has no row for period " + period +
                       " (the panel must be balanced: every unit in every period)");
      append(t, *it->second);
    }
    p.technologies.push_back(std::move(t));
  }
  return p;
}

}  // namespace xinzhi::ingest
