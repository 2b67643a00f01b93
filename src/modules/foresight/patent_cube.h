// PatentCube: every imported patent in memory as numbers (filing date, applicant's place and
// kind, classification codes), loaded once and shared, so that a heat map over millions of
// records is a pass over arrays instead of a SQL query.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engines/series/field_heat_map.h"
#include "engines/series/periods.h"
#include "ingest/patents.h"
#include "modules/foresight/patent_read.h"
#include "modules/foresight/short_string_ids.h"
#include "store/database.h"

namespace xinzhi::foresight {

// IPC levels, and the holder's industries for patents from the knowledge graph.
enum class CodeLevel { Section, Class, Subclass, Group, Industry };
CodeLevel code_level_named(const std::string& name);  // section | class | subclass | group | industry

struct CubeFilter {
  std::string region;          // a province, city or group (京津冀); empty for all
  std::string applicant_kind;  // company | university | institute | individual; empty for all
};

class PatentCube {
 public:
  // One record: filing date as YYYYMMDD, the first applicant's province, city and kind.
  void add(uint32_t yyyymmdd, std::string_view province, std::string_view city, std::string_view kind,
           const std::vector<ingest::PatentCode>& codes, const std::vector<std::string>& industries = {});
  size_t size() const { return date_.size(); }
  size_t code_count() const { return code_.size(); }  // code assignments, one per code of each record
  int first_year() const { return first_year_; }
  int last_year() const { return last_year_; }
  // The latest filing date as YYYYMMDD (0 when empty): the end of the data, from which the
  // heat map tells a complete period from one the data stops inside.
  uint32_t last_date() const { return last_date_; }
  uint32_t first_date() const { return first_date_; }
  // Where the records came from (import names, counts, dates, import times), for the page's
  // provenance line; set by whoever loads the cube.
  const std::vector<PatentSource>& sources() const { return sources_; }
  void set_sources(std::vector<PatentSource> s) { sources_ = std::move(s); }

  // Field names at a level (G, G09, G09B, G09B 9/00); a record's fields at that level are
  // indexes into this list.
  const std::vector<std::string>& fields(CodeLevel level) const { return level_names_[static_cast<int>(level)]; }
  // The records that pass the filter, in the periods of the axis, classified at the level.
  // The result borrows the cube's code rows: it must not outlive the cube.
  // Throws xinzhi::Error (invalid input) for an unknown region or applicant kind.
  series::ClassifiedRecords classify(CodeLevel level, const series::PeriodAxis& axis, const CubeFilter& filter) const;

  // The cube of a database, loaded on first use and again when patents were added since.
  static std::shared_ptr<const PatentCube> of(store::Database& db);
  // As above through any patent reader; `database` names what it reads (the cache's key).
  static std::shared_ptr<const PatentCube> of(PatentReader& patents, const std::string& database);
  // Every patent the reader holds with an id up to `up_to`, uncached.
  static std::shared_ptr<const PatentCube> load(PatentReader& patents, int64_t up_to);

 private:
  uint32_t code_id(const ingest::PatentCode& c);
  uint32_t level_id(int level, const std::string& name);

  std::vector<uint32_t> date_;
  std::vector<uint16_t> place_;
  std::vector<uint8_t> kind_;
  std::vector<uint64_t> offsets_{0};
  std::vector<uint32_t> code_;
  std::vector<std::pair<std::string, std::string>> places_;
  std::unordered_map<std::string, uint16_t> place_ids_;
  ShortStringIds code_ids_;
  std::string last_province_, last_city_;  // consecutive records often share a place
  uint16_t last_place_ = 0;
  std::vector<uint32_t> code_level_[4];  // code id → field id per IPC level
  std::vector<std::string> level_names_[5];
  std::unordered_map<std::string, uint32_t> level_ids_[5];
  std::vector<uint64_t> industry_offsets_{0};  // industries per record, as field ids
  std::vector<uint32_t> industry_;
  std::vector<uint32_t> industry_identity_;  // field_of for the industry level
  int first_year_ = 0, last_year_ = 0;
  uint32_t first_date_ = 0, last_date_ = 0;
  std::vector<PatentSource> sources_;
};

}  // namespace xinzhi::foresight
