// 文献: papers from Web of Science, Scopus and CNKI exports beside the patents, and the
// keyword (or category) bursts and counts per year that CiteSpace users read from them.
// Rules in docs/foresight.md ("Literature").
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "modules/literature/literature_store.h"

namespace xinzhi::literature {

struct ImportReport {
  std::string file, source, format;
  size_t read = 0;
  AddedPapers added;
};

struct BurstQuery {
  std::string by = "keyword";  // keyword | index_keyword | category
  size_t top = 20;             // terms with the strongest bursts
  double s = 2.0, gamma = 1.0;
  size_t min_duration = 1;
  std::string source;  // one source's papers only; empty: every source's
};

class LiteratureService {
 public:
  explicit LiteratureService(LiteratureStore& store) : store_(store) {}
  // format empty: told from the file's first line. source empty: the file's name.
  ImportReport import_file(const std::string& path, const std::string& format, const std::string& source);
  // Kleinberg bursts of every term over the years the papers span (d_t = papers in year t,
  // r_t = papers with the term), strongest first; counts per year for each term listed.
  nlohmann::json bursts(const BurstQuery& q);

 private:
  LiteratureStore& store_;
};

nlohmann::json to_json(const ImportReport& r);

}  // namespace xinzhi::literature
