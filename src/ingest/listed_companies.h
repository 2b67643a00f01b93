// The listed-company table (A-share 股票简称 → 全称 and stock code, chainkg's company.json),
// read and checked line by line, so that a knowledge graph that names firms by their stock
// short name (赣锋锂业) can be resolved to the registered name (江西赣锋锂业股份有限公司).
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace xinzhi::ingest {

struct ListedCompany {
  std::string short_name;  // 股票简称, e.g. 赣锋锂业 (may carry ST marks: *ST德豪)
  std::string full_name;   // 全称, the registered name
  std::string code;        // six digits; an exchange suffix (.SH/.SZ/.BJ) in the file is dropped
  std::string exchange;    // 上海证券交易所 … as the file says; may be empty
  std::string province;    // optional in the file: the registered province, when a table has it
};

class ListedCompanies {
 public:
  // One JSON object per line with string fields name, fullname, code (location and province
  // optional). Any malformed line throws InvalidInput "file:line: what".
  static ListedCompanies read(const std::string& path);
  static ListedCompanies from(std::vector<ListedCompany> rows);

  // Every row whose short name (or, for the second, full name) folds to the same key as
  // `name` (text::name_key): renamed firms keep one short name under two full names.
  std::vector<const ListedCompany*> by_short_name(std::string_view name) const;
  std::vector<const ListedCompany*> by_full_name(std::string_view name) const;
  size_t size() const { return rows_.size(); }
  const std::vector<ListedCompany>& rows() const { return rows_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::vector<ListedCompany> rows_;
  std::multimap<std::string, size_t, std::less<>> short_index_, full_index_;
};

}  // namespace xinzhi::ingest
