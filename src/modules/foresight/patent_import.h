// Importing patent exports (CNIPA CSV, JSON Lines) into the store: read and check everything,
// place the first applicant by region, then write once; the same file twice adds nothing.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "base/json_writer.h"
#include "modules/foresight/patent_store.h"

namespace xinzhi::foresight {

struct PatentImportReport {
  std::string file, format;
  size_t read = 0, added = 0, codes = 0;
  size_t codes_without_group = 0;             // subclass valid, group malformed in the source
  std::vector<std::string> skipped;           // file:line: why (with --skip-bad)
  std::map<std::string, size_t> by_year;      // records read per filing / publication year
};

PatentImportReport import_patents(PatentStore& store, const std::string& path, const std::string& format, bool skip_bad);
void write_json(JsonWriter& w, const PatentImportReport& r);

}  // namespace xinzhi::foresight
