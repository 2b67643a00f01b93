#include "ingest/technology_listings.h"

#include <array>
#include <cstdio>
#include <map>
#include <set>

#include "base/error.h"
#include "base/text.h"
#include "ingest/table_reader.h"

namespace xinzhi::ingest {

namespace {

constexpr std::array<const char*, 12> kMonths = {"january", "february", "march",     "april",   "may",      "june",
                                                  "july",    "august",   "september", "october", "november", "december"};

bool valid_day(int y, int m, int d) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

std::string iso_date(int y, int m, int d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

[[noreturn]] void bad_field(const std::string& path, size_t line, const std::string& field, const std::string& value,
                            const std::string& expected) {
  fail_keyed(ErrorCode::InvalidInput, "listing_field_invalid",
             {{"file", path}, {"line", std::to_string(line)}, {"field", field}, {"value", text::printable(value)},
              {"expected", expected}},
             path + ":" + std::to_string(line) + ": " + field + " is '" + text::printable(value) + "', expected " + expected);
}

std::string lower(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::string ip_status_of(const std::string& patent_status) {
  std::string s = lower(std::string(text::trim(patent_status)));
  if (s == "issued" || s == "granted" || s == "授权") return "granted";
  if (s == "application" || s == "pending" || s == "申请" || s == "在审") return "pending";
  return "unknown";
}

// The columns of a header row by name; InvalidInput naming the first required one missing.
std::map<std::string, size_t> columns(const std::vector<std::string>& header, const std::vector<std::string>& required,
                                      const std::string& path, size_t line) {
  std::map<std::string, size_t> at;
  for (size_t i = 0; i < header.size(); ++i) at[lower(std::string(text::trim(header[i])))] = i;
  for (const auto& r : required)
    if (!at.count(r))
      fail_keyed(ErrorCode::InvalidInput, "listing_column_missing",
                 {{"file", path}, {"line", std::to_string(line)}, {"column", r}},
                 path + ":" + std::to_string(line) + ": no column '" + r + "' in the header");
  return at;
}

std::string cell(const std::vector<std::string>& row, const std::map<std::string, size_t>& at, const std::string& name) {
  auto it = at.find(name);
  if (it == at.end() || it->second >= row.size()) return "";
  return std::string(text::trim(row[it->second]));
}

}  // namespace

bool parse_listing_date(const std::string& raw, std::string& iso) {
  std::string t(text::trim(raw));
  iso.clear();
  if (t.empty()) return true;
  int y = 0, m = 0, d = 0;
  char month[16] = {0};
  int used = 0;
  if (std::sscanf(t.c_str(), "%4d-%2d-%2d%n", &y, &m, &d, &used) == 3 && used == static_cast<int>(t.size())) {
  } else if (std::sscanf(t.c_str(), "%2d/%2d/%4d%n", &m, &d, &y, &used) == 3 && used == static_cast<int>(t.size())) {
  } else if (std::sscanf(t.c_str(), "%2d %15[A-Za-z] %4d%n", &d, month, &y, &used) == 3 &&
             used == static_cast<int>(t.size())) {
    m = 0;
    for (size_t i = 0; i < kMonths.size(); ++i)
      if (lower(month) == kMonths[i]) m = static_cast<int>(i) + 1;
  } else {
    return false;
  }
  if (!valid_day(y, m, d)) return false;
  iso = iso_date(y, m, d);
  return true;
}

std::vector<TechnologyListing> read_technology_listings(const std::string& path, ListingFormat format) {
  TableReader reader(path, TableFormat::Csv, format == ListingFormat::Nasa ? ';' : ',');
  std::vector<std::string> row;
  if (!reader.next(row))
    fail_keyed(ErrorCode::InvalidInput, "listing_file_empty", {{"file", path}}, path + ": no header row, no listings");
  const bool nasa = format == ListingFormat::Nasa;
  auto at = nasa ? columns(row, {"center", "status", "case number", "title"}, path, reader.line_number())
                 : columns(row, {"ref", "title"}, path, reader.line_number());
  std::vector<TechnologyListing> out;
  std::map<std::string, size_t> seen;
  while (reader.next(row)) {
    TechnologyListing l;
    l.line = reader.line_number();
    l.ref = cell(row, at, nasa ? "case number" : "ref");
    l.title = cell(row, at, "title");
    if (l.ref.empty()) bad_field(path, l.line, nasa ? "Case Number" : "ref", "", "a case number");
    if (l.title.empty()) bad_field(path, l.line, "title", "", "the technology's title");
    if (auto [it, fresh] = seen.emplace(l.ref, l.line); !fresh)
      fail_keyed(ErrorCode::InvalidInput, "listing_duplicate",
                 {{"file", path}, {"line", std::to_string(l.line)}, {"ref", l.ref}, {"first", std::to_string(it->second)}},
                 path + ":" + std::to_string(l.line) + ": case number " + l.ref + " is listed already on line " +
                     std::to_string(it->second));
    std::string date = cell(row, at, nasa ? "patent expiration date" : "expires");
    if (!parse_listing_date(date, l.expires))
      bad_field(path, l.line, nasa ? "Patent Expiration Date" : "expires", date, "a date like 10 March 2015 or 06/16/2024");
    if (nasa) {
      l.owner = cell(row, at, "center");
      l.country = "US";
      l.patent_status = cell(row, at, "status");
      l.application = cell(row, at, "application sn");
      l.licence = "";  // the portfolio export states no terms: shown as not stated
    } else {
      l.owner = cell(row, at, "owner");
      l.country = cell(row, at, "country");
      l.title_zh = cell(row, at, "title_zh");
      l.summary = cell(row, at, "summary");
      l.patent_status = cell(row, at, "status");
      l.application = cell(row, at, "application");
      l.licence = cell(row, at, "licence");
      std::string trl = cell(row, at, "trl");
      if (!trl.empty()) {
        if (trl.size() != 1 || trl[0] < '1' || trl[0] > '9') bad_field(path, l.line, "trl", trl, "a whole number 1 to 9");
        l.trl = trl[0] - '0';
      }
    }
    l.ip_status = ip_status_of(l.patent_status);
    out.push_back(std::move(l));
  }
  if (out.empty())
    fail_keyed(ErrorCode::InvalidInput, "listing_file_empty", {{"file", path}}, path + ": a header row and no listings");
  return out;
}

}  // namespace xinzhi::ingest
