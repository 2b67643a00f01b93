#include "ingest/chainkg.h"

#include <filesystem>

#include "base/text.h"
#include "ingest/table_reader.h"

namespace xinzhi::ingest {

namespace {
// A required, non-empty string field of the current line.
std::string text_field(const nlohmann::json& j, const JsonLinesReader& reader, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string())
    reader.fail_here(std::string("field '").append(key).append("' is missing or not a string"));
  std::string value(text::trim(it->get<std::string>()));
  if (value.empty()) reader.fail_here(std::string("field '").append(key).append("' is empty"));
  return value;
}

// Each line of a chainkg file: a JSON object, handed to `row`.
template <class Row>
void each_object(const std::string& path, Row row) {
  JsonLinesReader reader(path);
  nlohmann::json j;
  while (reader.next(j)) {
    if (!j.is_object()) reader.fail_here("expected a JSON object");
    row(j, reader);
  }
}

std::string six_digits(std::string code, const JsonLinesReader& reader) {
  auto dot = code.find('.');
  if (dot != std::string::npos) code.resize(dot);
  if (code.size() != 6 || code.find_first_not_of("0123456789") != std::string::npos)
    reader.fail_here(std::string("code '").append(text::printable(code)).append("' is not six digits"));
  return code;
}
}  // namespace

ChainkgDataset read_chainkg(const std::string& dir) {
  auto file = [&](const char* name) { return (std::filesystem::path(dir) / name).string(); };
  ChainkgDataset d;
  each_object(file("industry.json"), [&](const nlohmann::json& j, const JsonLinesReader& r) {
    d.industries.push_back({six_digits(text_field(j, r, "code"), r), text_field(j, r, "name")});
  });
  each_object(file("industry_industry.json"), [&](const nlohmann::json& j, const JsonLinesReader& r) {
    d.parents.push_back({text_field(j, r, "from_industry"), text_field(j, r, "to_industry"), 0});
  });
  each_object(file("industry_up.json"), [&](const nlohmann::json& j, const JsonLinesReader& r) {
    auto industry = text_field(j, r, "industry");
    auto ups = j.find("ups");
    if (ups == j.end() || !ups->is_object()) r.fail_here("field 'ups' is missing or not an object");
    for (auto& [up, count] : ups->items()) {
      if (!count.is_number_integer() || count.get<int64_t>() < 1 || count.get<int64_t>() > 1000000000)
        r.fail_here(std::string("ups['").append(text::printable(up)).append("'] is not a count from 1 to 1000000000"));
      if (text::trim(up).empty()) r.fail_here("ups has an empty industry name");
      d.upstream.push_back({std::string(text::trim(up)), industry, static_cast<int>(count.get<int64_t>())});
    }
  });
  d.companies = ListedCompanies::read(file("company.json"));
  each_object(file("company_industry.json"), [&](const nlohmann::json& j, const JsonLinesReader& r) {
    d.company_industries.push_back({six_digits(text_field(j, r, "company_code"), r),
                                    six_digits(text_field(j, r, "industry_code"), r)});
  });
  return d;
}

}  // namespace xinzhi::ingest
