// 产业关联: what each sector of an input–output table pulls from the economy (Type I output
// multipliers, backward and forward linkages, key sectors), for `xinzhi io multipliers` and
// the chain atlas. Rules and sources in docs/linkage.md.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ingest/io_table.h"
#include "modules/chain/chain_service.h"

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

// An input–output table stored with its sectors' linkages (xinzhi io import).
struct IoTableInfo {
  int64_t id = 0;
  std::string name, file, output_from;
  int64_t sectors = 0;
  bool sample = false;      // the demo's stand-in table (示例), named as such on every page
  std::string imported_at;  // UTC, ISO 8601
};

// Each segment of a chain with the sector of a stored table it is read as: the atlas's
// 产业关联 column (the sector's pull on the economy).
struct ChainLinkages {
  std::string chain;
  IoTableInfo table;                   // id 0: no table is stored
  std::vector<SectorLinkage> sectors;  // the whole table, for ranks and the page's sector picker
  struct Row {
    std::string segment, stage;
    int64_t sector = -1;           // index into sectors, -1: not mapped
    int64_t multiplier_rank = 0;   // 1 = the table's largest output multiplier; 0 when not mapped
  };
  std::vector<Row> rows;             // the chain's segments in its order (merged aliases left out)
  std::vector<std::string> stale;    // mapped segments no longer in the chain (ignored)
  std::vector<std::string> tables;   // every stored table's name, for the page's table picker
};

LinkageReport sector_linkages(const ingest::InputOutputTable& table);
// The table in the file (ingest::read_io_table), read and computed.
LinkageReport sector_linkages_of(const std::string& path);
// {"table": {...}, "method": "...", "sectors": [{"name", "output_multiplier",
// "backward_linkage", "forward_linkage", "key_sector"}, …], "key_sectors": n}
nlohmann::json to_json(const LinkageReport& r);
nlohmann::json to_json(const IoTableInfo& t);
nlohmann::json to_json(const ChainLinkages& c);

class LinkageStore;

// Stored tables and the segment → sector mapping; the chain's segments come from the chain
// module's service, so this module keeps no copy of them.
class LinkageService {
 public:
  LinkageService(LinkageStore& store, chain::ChainService& chains) : store_(store), chains_(chains) {}
  // Reads, computes and stores the table in one transaction (Conflict when the name is taken).
  IoTableInfo import_table(const std::string& path, const std::string& name, bool sample = false);
  std::vector<IoTableInfo> tables();
  // table "": the first table imported that is not a sample, else the sample; when none is
  // stored, every segment unmapped and table.id 0 (JSON: "table": null, "empty_reason").
  // NotFound (keyed) for an unknown chain or table.
  ChainLinkages chain_linkages(const std::string& chain, const std::string& table);
  // Reads `segment` of `chain` as `sector` of `table` ("" clears it); names checked, keyed.
  void map_segment(const std::string& chain, const std::string& segment, const std::string& table,
                   const std::string& sector);
  // The demo: the sample chains' segments read as sectors of the UK table (docs/linkage.md
  // gives each choice); returns how many were mapped. Segments or sectors missing are skipped.
  size_t map_sample_chains(const std::string& table);

 private:
  IoTableInfo table_named(const std::string& name);
  LinkageStore& store_;
  chain::ChainService& chains_;
};

}  // namespace xinzhi::linkage
