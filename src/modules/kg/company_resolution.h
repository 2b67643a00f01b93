// Entity resolution at knowledge-graph import: where a company is when its name alone does not
// say. Listed firms named by their stock short name are resolved through the listed-company
// table to their registered name and region; foreign firms get 境外 and their country; generic
// actors (电池厂商) are told apart from firms. Each company without a region is counted by
// reason before (the name alone) and after. Rules: docs/data.md, "Entity resolution".
#pragma once
#include <map>
#include <string>
#include <vector>

#include "ingest/company_origin.h"
#include "ingest/listed_companies.h"
#include "modules/kg/graph_batch.h"

namespace xinzhi::kg {

struct RegionResolution {
  std::string listed_table;  // the listed-company file used, "" when none
  size_t listed_rows = 0;
  size_t listed_matched = 0;          // companies matched to a listed firm (full name and code stored)
  size_t listed_region_changed = 0;   // of them, placed elsewhere by the registered name than by the short name
  size_t without_region_before = 0;   // companies the name alone places nowhere (neither a province nor national)
  // Why, for those: listed_short_name (赣锋锂业), listed_full_name (a registered name that names no
  // place), generic_actor, foreign, unresolved.
  std::map<std::string, size_t> before;
  std::map<std::string, size_t> after;   // what became of them (see to_json)
  size_t without_region_after = 0;    // still no province, not national, not a generic actor
};

class CompanyResolver {
 public:
  // listed may be null (no table); industry_names: the import's industry entities, the
  // vocabulary that tells 电池厂商 (generic) from 天池平台 (a named platform).
  CompanyResolver(const ingest::ListedCompanies* listed, const std::vector<std::string>& industry_names);
  // Sets the region, full name, stock code, country and generic flag of one company entity.
  void resolve(EntityRecord& company);
  RegionResolution report() const { return report_; }

 private:
  const ingest::ListedCompanies* listed_;
  ingest::GenericActorRule generic_;
  RegionResolution report_;
};

}  // namespace xinzhi::kg
