#include "ingest/listed_companies.h"

#include <cctype>

#include "base/text.h"
#include "ingest/table_reader.h"

namespace xinzhi::ingest {

namespace {
// "field 'KEY' WHAT", built with append (g++ -O3 warns falsely on chains of operator+).
std::string field_problem(const char* key, const char* what) {
  std::string m = "field '";
  m.append(key).append("' ").append(what);
  return m;
}

// The file writes codes both as 301079 and 603661.SH; the six digits identify the firm.
bool normalise_code(std::string& code) {
  auto dot = code.find('.');
  if (dot != std::string::npos) code.resize(dot);
  if (code.size() != 6) return false;
  for (char c : code)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

std::vector<const ListedCompany*> lookup(const std::multimap<std::string, size_t, std::less<>>& index,
                                         const std::vector<ListedCompany>& rows, std::string_view name) {
  std::vector<const ListedCompany*> out;
  auto [lo, hi] = index.equal_range(text::name_key(name));
  for (auto it = lo; it != hi; ++it) out.push_back(&rows[it->second]);
  return out;
}
}  // namespace

ListedCompanies ListedCompanies::read(const std::string& path) {
  JsonLinesReader reader(path);
  std::vector<ListedCompany> rows;
  nlohmann::json j;
  while (reader.next(j)) {
    if (!j.is_object()) reader.fail_here("expected a JSON object with name, fullname and code");
    auto field = [&](const char* key, bool required) -> std::string {
      auto it = j.find(key);
      if (it == j.end() || it->is_null()) {
        if (required) reader.fail_here(field_problem(key, "is missing"));
        return "";
      }
      if (!it->is_string()) reader.fail_here(field_problem(key, "is not a string"));
      std::string value(text::trim(it->get<std::string>()));
      if (required && value.empty()) reader.fail_here(field_problem(key, "is empty"));
      return value;
    };
    ListedCompany c{field("name", true), field("fullname", true), field("code", true), field("location", false),
                    field("province", false)};
    if (!normalise_code(c.code))
      reader.fail_here(std::string("code '").append(text::printable(c.code)).append("' is not a six-digit stock code"));
    rows.push_back(std::move(c));
  }
  auto table = from(std::move(rows));
  table.path_ = path;
  return table;
}

ListedCompanies ListedCompanies::from(std::vector<ListedCompany> rows) {
  ListedCompanies t;
  t.rows_ = std::move(rows);
  for (size_t i = 0; i < t.rows_.size(); ++i) {
    t.short_index_.emplace(text::name_key(t.rows_[i].short_name), i);
    t.full_index_.emplace(text::name_key(t.rows_[i].full_name), i);
  }
  return t;
}

std::vector<const ListedCompany*> ListedCompanies::by_short_name(std::string_view name) const {
  return lookup(short_index_, rows_, name);
}

std::vector<const ListedCompany*> ListedCompanies::by_full_name(std::string_view name) const {
  return lookup(full_index_, rows_, name);
}

}  // namespace xinzhi::ingest
