// The chain on a map (产业链地图): per district of a region (the home group, 京津冀 by default)
// the chain's firms and the segments they cover there; firms whose district is unknown and firms
// outside the region are counted apart, so that a blank district on the map is never read as
// "no firms" when the firms' places are simply not known.
#pragma once
#include <string>
#include <vector>

#include "base/json_writer.h"
#include "ingest/region.h"
#include "modules/chain/chain_snapshot_builder.h"

namespace xinzhi::chain {

struct DistrictMapRequest {
  std::string chain;
  std::string region;     // "" → the deployment's home group (京津冀), else any region scope
  size_t firms = 50;      // firms listed per district, most segments first
};

struct MapFirm {
  std::string name;
  std::vector<std::string> segments;  // the segments it belongs to (merged aliases folded in)
};

struct DistrictCell {
  std::string province, city, district;
  uint32_t firms = 0;
  uint32_t segments = 0;       // the chain's segments with a firm here (a sub-segment's firm covers its parent too)
  std::vector<MapFirm> top_firms;
};

// Firms in the region whose district is not known, by province and city ("" when unknown too).
struct PlaceWithoutDistrict {
  std::string province, city;
  uint32_t firms = 0;
};

struct DistrictMap {
  ChainSummary chain;
  std::string as_of;  // the time of the chain's last change (its creation or latest edit), UTC
  ingest::RegionScope region;
  uint32_t segments = 0;  // the chain's segments, merged aliases counted once
  uint32_t firms = 0;     // the chain's firms
  uint32_t in_region = 0, district_unknown = 0, outside_region = 0, place_unknown = 0;
  uint32_t segments_in_region = 0;  // segments with a firm somewhere in the region
  std::vector<DistrictCell> districts;  // districts with firms, most firms first
  std::vector<PlaceWithoutDistrict> without_district;  // most firms first
};

// The rules: a firm is in the region when the region scope holds its province (and city and
// district when the scope names them); there it counts in its district, or, when its district
// is not known, under its province and city in `without_district`. A firm whose place is too
// coarse to tell (no province; for a city or district region, its province or city without the
// city or district: RegionScope::cannot_place) counts in `place_unknown`, neither in nor
// outside the region.
DistrictMap build_district_map(const PreparedChain& chain, const ingest::RegionScope& region, std::string as_of,
                               size_t firms_per_district);
void write_json(JsonWriter& w, const DistrictMap& m);

}  // namespace xinzhi::chain
