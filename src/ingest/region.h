// Region inference: the province, city and district a Chinese organisation name carries
// (天津市滨海新区…, 天津XX有限公司, 唐山…, XX（上海）有限公司), from the national
// administrative divisions bundled in data/divisions; plus region groups such as 京津冀.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace xinzhi::ingest {

struct Region {
  std::string province;  // full name, e.g. 天津市, 河北省; empty when unknown
  std::string city;      // 天津市 for municipalities, 唐山市; may be empty
  std::string district;  // 滨海新区, 迁安市; may be empty
  bool national = false;  // 中国…/中华…/国家… names that name no place: a national body
  bool known() const { return !province.empty(); }
};

// The region an analysis is drawn for: a group (京津冀), a province (天津, 天津市), a city
// (唐山), a district (天津市滨海新区, 唐山市迁安市, 迁安市) or a literal label used by a data set
// (台湾, 境外). Partners are the other provinces of the region's group (北京市 and 河北省 for
// 天津), who come first when filling gaps.
struct RegionScope {
  std::string label;
  std::vector<std::string> provinces;  // a firm in one of these is local …
  std::string city;                    // … or, when set, only a firm in this city
  std::string district;                // … and, when set, only one in this district of it
  std::vector<std::string> partners;
  // Records placed by province and city only (patents) are never local to a district scope:
  // callers holding no district refuse such scopes instead.
  bool is_local(const std::string& province, const std::string& city_name, const std::string& district_name = {}) const;
  bool is_partner(const std::string& province) const;
  // Whether a record's place is too coarse to tell if it is local: no province at all, or the
  // scope's province without the city, or its city without the district, that the scope is
  // drawn at. Such a record is missing data, not outside the region.
  bool cannot_place(const std::string& province, const std::string& city_name, const std::string& district_name = {}) const;
};

// One entry of a pick list of places: what to type (the label scope() reads back) and the place.
struct PlaceLabel {
  std::string label, province, city, district;  // city and district empty for a province
};

class RegionGazetteer {
 public:
  // Built from the bundled divisions (provinces, cities, areas CSV text).
  RegionGazetteer();
  static const RegionGazetteer& instance();

  Region infer(std::string_view organisation_name) const;
  // Province full names in a group (京津冀 → 北京市, 天津市, 河北省); empty if unknown.
  const std::vector<std::string>& group(std::string_view group_name) const;
  std::vector<std::string> group_names() const;
  // Resolves what a user typed as a region; an empty spec is refused.
  RegionScope scope(std::string_view spec) const;
  // Full province name for a full or short name (天津 → 天津市), or empty.
  std::string province_named(std::string_view name) const;
  // The places a region field offers: every province and city, and the districts (with
  // county-level cities and counties) of `district_provinces` (full names) only, since the
  // whole country's 3,000 would make a pick list nobody scrolls. In the gazetteer's order.
  std::vector<PlaceLabel> places(const std::vector<std::string>& district_provinces) const;
  size_t province_count() const { return provinces_.size(); }
  size_t city_count() const { return cities_.size(); }
  size_t district_count() const { return areas_.size(); }

 private:
  struct Place {
    std::string code, name, short_name, parent_code, province_code;
  };
  struct Hit {
    const Place* place;
    size_t length;
  };
  using NameIndex = std::multimap<std::string, const Place*, std::less<>>;
  Hit longest(const NameIndex& names, std::string_view s,
              const std::string& within_code) const;
  void resolve_below(Region& r, std::string_view rest, const Place* province, const Place* city) const;
  Region from_place(const Place* p) const;
  Region infer_prefix(std::string_view s) const;
  // A district named by its full name, optionally after its province and city (天津市滨海新区,
  // 河北省唐山市迁安市, 迁安市), when that names exactly one; else null.
  const Place* district_named(std::string_view spec) const;
  std::string district_label(const Region& r) const;

  std::vector<Place> provinces_, cities_, areas_;
  std::map<std::string, const Place*> by_code_;
  NameIndex province_names_, city_names_, area_full_names_, area_short_names_,
      county_city_short_names_;
  std::map<std::string, std::vector<std::string>, std::less<>> groups_;
};

}  // namespace xinzhi::ingest
