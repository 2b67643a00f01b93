// Turns a stored chain and a region into the atlas engines' ChainSnapshot: merged segments
// folded into the segment they stand for, stages given or computed, firms zoned.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "engines/atlas/chain_snapshot.h"
#include "ingest/region.h"
#include "modules/chain/chain_store.h"
#include "modules/settings/region_settings.h"

namespace xinzhi::chain {

struct PreparedChain {
  StoredChain stored;
  ingest::RegionScope region;
  atlas::ChainSnapshot snapshot;
  std::vector<atlas::Zone> zones;                      // per firm
  std::vector<const StoredSegment*> segments;          // per snapshot segment (merged ones left out)
  std::vector<std::string> stages;                     // per snapshot segment
  std::vector<bool> stage_computed;
  std::vector<std::vector<std::string>> aliases;       // names merged into each segment
  std::vector<std::pair<uint32_t, uint32_t>> links;    // snapshot segment indexes
  std::vector<std::string> provinces;                  // province index → name
  std::map<std::string, uint32_t> segment_named;       // any name, aliases included
};

// The zone's name in JSON and GEXF: local | partner | unplaced | elsewhere.
const char* zone_name(atlas::Zone zone);

// region_spec "" → the chain's home region, else the deployment's focal province. When the
// region is one province of the home partner group, its partners are the group's others.
PreparedChain prepare_chain(StoredChain stored, const std::string& region_spec, const settings::RegionSettings& home);

}  // namespace xinzhi::chain
