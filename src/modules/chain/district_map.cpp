#include "modules/chain/district_map.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "engines/atlas/chain_atlas.h"
#include "modules/chain/chain_service.h"  // write_json(ChainSummary)

namespace xinzhi::chain {

DistrictMap build_district_map(const PreparedChain& p, const ingest::RegionScope& region, std::string as_of,
                               size_t firms_per_district) {
  DistrictMap m;
  m.chain = p.stored.summary;
  m.as_of = std::move(as_of);
  m.region = region;
  m.segments = static_cast<uint32_t>(p.segments.size());
  const auto& firms = p.stored.firms;
  m.firms = static_cast<uint32_t>(firms.size());

  // Each firm's district cell (-1: none), and the counts apart.
  using Place = std::tuple<std::string, std::string, std::string>;
  std::map<Place, uint32_t> cell_of_place;
  std::map<std::pair<std::string, std::string>, uint32_t> without;
  std::vector<int64_t> cell(firms.size(), -1);
  std::vector<bool> in_region(firms.size(), false);
  for (size_t f = 0; f < firms.size(); ++f) {
    const auto& firm = firms[f];
    // No province, or too coarse for a city or district region (a 河北 firm without its city
    // for 唐山): missing data, not outside the region.
    if (region.cannot_place(firm.province, firm.city, firm.district)) {
      ++m.place_unknown;
      continue;
    }
    if (!region.is_local(firm.province, firm.city, firm.district)) {
      ++m.outside_region;
      continue;
    }
    ++m.in_region;
    in_region[f] = true;
    if (firm.district.empty()) {
      ++m.district_unknown;
      ++without[{firm.province, firm.city}];
      continue;
    }
    auto [it, fresh] = cell_of_place.emplace(Place{firm.province, firm.city, firm.district}, m.districts.size());
    if (fresh) m.districts.push_back({firm.province, firm.city, firm.district, 0, 0, {}});
    cell[f] = it->second;
    ++m.districts[it->second].firms;
  }
  for (auto& [place, n] : without) m.without_district.push_back({place.first, place.second, n});
  std::stable_sort(m.without_district.begin(), m.without_district.end(),
                   [](const PlaceWithoutDistrict& x, const PlaceWithoutDistrict& y) { return x.firms > y.firms; });

  // Segments covered per district, as the atlas counts a segment's firms: with its sub-segments'.
  atlas::ChainAtlas atlas(p.snapshot, p.zones);
  atlas.run();
  std::vector<std::set<uint32_t>> covered(m.districts.size());
  for (uint32_t s = 0; s < p.segments.size(); ++s) {
    bool here = false;
    for (auto f : atlas.firms_of(s)) {
      here = here || in_region[f];
      if (cell[f] >= 0) covered[cell[f]].insert(s);
    }
    m.segments_in_region += here;
  }
  for (size_t c = 0; c < m.districts.size(); ++c) m.districts[c].segments = static_cast<uint32_t>(covered[c].size());

  // The firms listed per district: those in most segments first (a firm's own segments, aliases
  // folded into the segment they stand for), then by name.
  std::vector<std::set<uint32_t>> own(firms.size());
  for (auto [s, f] : p.snapshot.memberships) own[f].insert(s);
  std::vector<std::vector<uint32_t>> members(m.districts.size());
  for (uint32_t f = 0; f < firms.size(); ++f)
    if (cell[f] >= 0) members[cell[f]].push_back(f);
  for (size_t c = 0; c < m.districts.size(); ++c) {
    auto& list = members[c];
    std::stable_sort(list.begin(), list.end(), [&](uint32_t x, uint32_t y) {
      if (own[x].size() != own[y].size()) return own[x].size() > own[y].size();
      return firms[x].name < firms[y].name;
    });
    if (list.size() > firms_per_district) list.resize(firms_per_district);
    for (auto f : list) {
      MapFirm row{firms[f].name, {}};
      for (auto s : own[f]) row.segments.push_back(p.segments[s]->name);
      m.districts[c].top_firms.push_back(std::move(row));
    }
  }
  std::stable_sort(m.districts.begin(), m.districts.end(), [](const DistrictCell& x, const DistrictCell& y) {
    return x.firms != y.firms ? x.firms > y.firms : std::tie(x.province, x.city, x.district) < std::tie(y.province, y.city, y.district);
  });
  return m;
}

void write_json(JsonWriter& w, const DistrictMap& m) {
  w.begin_object().key("chain");
  write_json(w, m.chain);
  w.field("as_of", m.as_of);
  w.key("region").begin_object().field("label", m.region.label).key("provinces").begin_array();
  for (const auto& p : m.region.provinces) w.value(p);
  w.end_array().field("city", m.region.city).field("district", m.region.district).end_object();
  w.field("segments", m.segments)
      .field("firms", m.firms)
      .field("in_region", m.in_region)
      .field("segments_in_region", m.segments_in_region)
      .field("district_unknown", m.district_unknown)
      .field("outside_region", m.outside_region)
      .field("place_unknown", m.place_unknown);
  w.key("districts").begin_array();
  for (const auto& d : m.districts) {
    w.begin_object()
        .field("province", d.province)
        .field("city", d.city)
        .field("district", d.district)
        .field("firms", d.firms)
        .field("segments", d.segments);
    w.key("top_firms").begin_array();
    for (const auto& f : d.top_firms) {
      w.begin_object().field("name", f.name).key("segments").begin_array();
      for (const auto& s : f.segments) w.value(s);
      w.end_array().end_object();
    }
    w.end_array().end_object();
  }
  w.end_array().key("without_district").begin_array();
  for (const auto& x : m.without_district)
    w.begin_object().field("province", x.province).field("city", x.city).field("firms", x.firms).end_object();
  w.end_array().end_object();
}

}  // namespace xinzhi::chain
