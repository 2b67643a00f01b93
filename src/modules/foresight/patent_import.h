// Importing patent exports (CNIPA CSV, JSON Lines, mapped CSV) into the store: read and check everything,
// place the first applicant by region, then write once; the same file twice adds nothing.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "base/json_writer.h"
#include "modules/foresight/patent_cube.h"
#include "modules/foresight/patent_store.h"
#include "modules/kg/graph_read.h"

namespace xinzhi::foresight {

struct PatentImportReport {
  std::string file, format;
  size_t read = 0, added = 0, codes = 0;
  size_t codes_without_group = 0;             // subclass valid, group malformed in the source
  size_t records_without_codes = 0;           // JSON Lines records with an empty cpc list: kept, never on a heat map
  std::vector<std::string> skipped;           // file:line: why (with --skip-bad)
  std::map<std::string, size_t> by_year;      // records read per filing / publication year
  double read_seconds = 0, write_seconds = 0; // reading and checking the file; the database transaction
};

// format: cnipa, jsonl or csv (with map, see ingest::PatentCsvMapping::parse).
PatentImportReport import_patents(PatentStore& store, const std::string& path, const std::string& format, bool skip_bad,
                                  const std::string& map = "");
// A heat map straight from an export, without a database (as CiteSpace reads its files): the
// same reading, checks and de-duplication as import_patents, into memory. Bad rows stop it.
std::shared_ptr<const PatentCube> cube_from_file(const std::string& path, const std::string& format,
                                                 const std::string& map, PatentImportReport& report);
void write_json(JsonWriter& w, const PatentImportReport& r);

struct GraphPatents {
  size_t read = 0;            // patent entities held by a company (持有专利), one record each
  size_t added = 0;           // new in the store
  size_t undated = 0;         // held without a date: left out
  size_t sample_skipped = 0;  // relations of the sample region (示例数据): left out
  size_t with_industry = 0;   // whose holder has a 涉足行业 / 归属于行业 industry
};

// Patents held by companies in the imported knowledge graph (ICKG's 持有专利): the relation's
// date, the first holder as applicant with its region, the holder's industries as fields
// (heat map level "industry"); no IPC codes. Numbered ickg:SOURCE:ENTITY, so a rerun adds
// nothing. Reads the graph through its read interface only.
GraphPatents import_graph_patents(PatentStore& store, kg::GraphReader& graph);

}  // namespace xinzhi::foresight
