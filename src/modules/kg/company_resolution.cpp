#include "modules/kg/company_resolution.h"

#include <set>

#include "ingest/region.h"

namespace xinzhi::kg {

namespace {
void place(EntityRecord& e, const ingest::Region& r) {
  e.province = r.province, e.city = r.city, e.district = r.district;
  e.national = r.national;
}

// The region the registered names of the matching listed rows agree on. Several rows share
// one short name when a firm was renamed (two full names, one province) or the table errs
// (京源环保 under 大连港's full name): provinces that disagree place the firm nowhere.
struct ListedRegion {
  ingest::Region region;
  bool ambiguous = false;
};

ListedRegion listed_region(const std::vector<const ingest::ListedCompany*>& rows) {
  const auto& gazetteer = ingest::RegionGazetteer::instance();
  ListedRegion out;
  std::set<std::string> provinces;
  bool national = false;
  for (const auto* row : rows) {
    ingest::Region r;
    if (auto p = gazetteer.province_named(row->province); !p.empty()) {
      r.province = p;  // the table's registered province outranks the name
    } else {
      r = gazetteer.infer(row->full_name);
    }
    if (r.known() && provinces.insert(r.province).second && provinces.size() == 1) out.region = r;
    national = national || r.national;
  }
  if (provinces.size() > 1) return {{}, true};
  if (provinces.empty() && national) out.region.national = true;
  return out;
}
}  // namespace

CompanyResolver::CompanyResolver(const ingest::ListedCompanies* listed, const std::vector<std::string>& industry_names)
    : listed_(listed), generic_(industry_names) {
  if (listed_) report_.listed_table = listed_->path(), report_.listed_rows = listed_->size();
  for (auto reason : {"listed_short_name", "listed_full_name", "generic_actor", "foreign", "unresolved"})
    report_.before[reason] = 0;
  for (auto outcome : {"listed_placed", "listed_national", "listed_without_place", "listed_ambiguous", "generic_actor",
                       "foreign", "unresolved"})
    report_.after[outcome] = 0;
}

void CompanyResolver::resolve(EntityRecord& e) {
  auto by_name = ingest::RegionGazetteer::instance().infer(e.name);
  place(e, by_name);
  const bool placed_by_name = by_name.known() || by_name.national;
  if (!placed_by_name) ++report_.without_region_before;

  std::vector<const ingest::ListedCompany*> rows;
  bool by_full_name = false;
  if (listed_) {
    rows = listed_->by_short_name(e.name);
    if (rows.empty()) rows = listed_->by_full_name(e.name), by_full_name = true;
  }
  if (!rows.empty()) {
    ++report_.listed_matched;
    auto listed = listed_region(rows);
    // Two listed firms under one short name (京源环保, 大连港): no registered name or code
    // is stored rather than possibly the other firm's.
    if (rows.size() == 1 || !listed.ambiguous) {
      e.full_name = rows.front()->full_name;
      e.stock_code = rows.front()->code;
    }
    // The registered name outranks the short name: 东方电气 reads as 海南省东方市 by its name.
    if (listed.region.known()) {
      if (by_name.known() && by_name.province != listed.region.province) ++report_.listed_region_changed;
      place(e, listed.region);
    }
    if (placed_by_name) return;
    ++report_.before[by_full_name ? "listed_full_name" : "listed_short_name"];
    if (listed.region.known()) {
      ++report_.after["listed_placed"];
    } else if (listed.region.national) {
      e.national = true;
      ++report_.after["listed_national"];
    } else {
      ++report_.after[listed.ambiguous ? "listed_ambiguous" : "listed_without_place"];
      ++report_.without_region_after;
    }
    return;
  }
  if (placed_by_name) return;
  // A class of actors before a foreign firm: 日本运营商 is no one firm in Japan.
  if (generic_.is_generic(e.name)) {
    e.generic_actor = true;
    ++report_.before["generic_actor"], ++report_.after["generic_actor"];
    return;
  }
  if (auto origin = ingest::foreign_origin(e.name)) {
    e.province = std::string(ingest::kForeignProvince);
    e.country = origin->country;
    ++report_.before["foreign"], ++report_.after["foreign"];
    return;
  }
  ++report_.before["unresolved"], ++report_.after["unresolved"];
  ++report_.without_region_after;
}

}  // namespace xinzhi::kg
