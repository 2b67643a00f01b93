// 产业关联: what each sector of an input–output table pulls from the economy (Type I output
// multipliers, backward and forward linkages, key sectors), for `xinzhi io multipliers` and
// the chain atlas. Rules and sources in docs/linkage.md.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ingest/io_table.h"

namespace xinzhi::linkage {

struct SectorLinkage {
  std::string name;
  double output_multiplier = 0;  // output in all sectors per unit of final demand for this one
  double backward_linkage = 0;   // the multiplier over the mean multiplier (Rasmussen)
  double forward_linkage = 0;    // the Ghosh row sum over its mean
  bool key_sector() const { return backward_linkage > 1 && forward_linkage > 1; }
};

struct LinkageReport {
  std::string table;        // the file read
  std::string output_from;  // which row or column gave total output
  std::vector<SectorLinkage> sectors;  // in the table's order
  double read_seconds = 0;             // reading the file, for benchmarks (sector_linkages_of)
};

LinkageReport sector_linkages(const ingest::InputOutputTable& table);
// The table in the file (ingest::read_io_table), read and computed.
LinkageReport sector_linkages_of(const std::string& path);
// {"table": {...}, "method": "...", "sectors": [{"name", "output_multiplier",
// "backward_linkage", "forward_linkage", "key_sector"}, …], "key_sectors": n}
nlohmann::json to_json(const LinkageReport& r);

}  // namespace xinzhi::linkage
