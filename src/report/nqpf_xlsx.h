// The new-quality-productive-forces index as an XLSX workbook: every province and year with its
// index, rank and dimension indices (or what it lacks), the weights with their series, the
// regional gaps per year, and the source with every correction and fill — the same numbers as
// `xinzhi nqpf index --json` and GET /api/nqpf/index.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace xinzhi::report {
// `index` is the JSON of nqpf::to_json (with "source" when it came from the database).
void write_nqpf_xlsx(const nlohmann::json& index, const std::string& path);
std::string nqpf_xlsx_bytes(const nlohmann::json& index);
}  // namespace xinzhi::report
