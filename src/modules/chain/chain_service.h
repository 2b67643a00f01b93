// chain::ChainService: getting chains (derived from the knowledge graph, imported from
// twchains or the CSV template, the sample region's) and drawing their atlas for a region.
#pragma once
#include <map>
#include <string>

#include "base/json_writer.h"
#include "ingest/region.h"
#include "modules/chain/chain_store.h"
#include "modules/chain/chokepoints.h"
#include "modules/chain/district_map.h"
#include "modules/chain/ecosystem.h"
#include "modules/kg/graph_read.h"
#include "modules/settings/region_settings.h"

namespace xinzhi::accounts {
class AccountDirectory;
}

namespace xinzhi::chain {

struct AtlasRequest {
  std::string chain;
  std::string region;  // "" → the chain's home region, else the deployment's focal province
  double weak_share = 0.2;
  size_t candidates = 10;
  size_t leaders = 20;
};

struct FirmRow {
  std::string name, province, city, district, zone;  // zone: local | partner | unplaced | elsewhere
  int64_t patents;
  double strength;
};

// Which firm is in which segment, where each firm is, and each segment's chokepoint score.
struct ChainMembership {
  std::vector<std::string> firm_province;  // per firm, "" when unknown
  std::vector<std::pair<std::string, std::vector<uint32_t>>> segments;  // name (aliases folded in), its firms; chain order
  std::map<std::string, double> chokepoint_score;  // scored segments only (ChokepointReport::rows)
  std::string as_of;                               // the chain's last change, UTC
};

struct SegmentRow {
  std::string name, stage, parent;
  bool stage_computed;
  std::vector<std::string> aliases;  // segments merged into this one
  uint32_t firms, local, partner;
  uint32_t unplaced;   // firms whose place is too coarse to tell (atlas::Zone::Unplaced)
  double local_share;  // over the placed firms; NaN (null in JSON) when none is placed
  double hhi;
  uint64_t patents;
  bool missing, unsettled, weak;  // unsettled: no local firm known, some firms of unknown place
  std::vector<std::string> weak_because;  // one_local_firm, share_below_threshold (both may hold)
  std::vector<int64_t> group_counts;  // firms in each province of the home group (AtlasReport::home)
  std::string complementarity;        // focal_leads | focal_present | partners_fill | all_missing
  std::vector<std::pair<std::string, uint32_t>> top_provinces;
  std::vector<FirmRow> candidates;  // for missing, unsettled and weak segments
  const char* status() const { return missing ? "missing" : unsettled ? "unsettled" : weak ? "weak" : "covered"; }
};

struct LeaderRow {
  std::string name, province;
  double score, centrality;
  uint32_t segments, supply, investment_control, patents;
};

struct AtlasReport {
  ChainSummary chain;
  ingest::RegionScope region;
  settings::RegionSettings home;  // the focal province and its partner group
  double weak_share;
  std::string as_of;  // the chain's last change (its last edit, else its creation), UTC
  double coverage;
  size_t firms, local_firms;
  size_t unplaced_firms;  // whose place is too coarse to tell for this region
  std::vector<SegmentRow> segments;  // upstream first
  std::vector<std::pair<std::string, std::string>> links;
  std::vector<LeaderRow> leaders;
};

struct ImportReport {
  CreateResult result;
  size_t segments = 0, firms = 0;
};

class ChainService {
 public:
  // home: the deployment's focal province and partner group (settings::RegionSettingsService);
  // people: names the authors of edits (without it, edits carry the actor's name only).
  ChainService(ChainStore& chains, kg::GraphReader& graph, settings::RegionSettings home = {},
               accounts::AccountDirectory* people = nullptr)
      : chains_(chains), graph_(graph), home_(std::move(home)), people_(people) {}
  ImportReport derive(const std::string& focus, int hops, const std::string& name);
  // A .json file is read as twchains, .xlsx as the template workbook, anything else as CSV.
  ImportReport import_file(const std::string& path);
  // The sample region's chains, derived from the sample knowledge graph; false if present.
  bool seed_sample();
  std::vector<ChainSummary> list() { return chains_.list(); }
  AtlasReport atlas(const AtlasRequest& request);
  // The firms of one segment (with its sub-segments and merged aliases) for a region.
  // Checks an analyst's edit (names present, stage valid, region resolved) and applies it.
  int64_t edit(const std::string& chain, ChainEdit edit);
  // The edit log, oldest first, each edit with its author's username and display name.
  std::vector<EditRecord> edits(const std::string& chain);
  // Records `from` as an alias of `into` (reversible: unmerge clears it); refuses a cycle.
  void merge(const std::string& chain, const std::string& from, const std::string& into);
  void unmerge(const std::string& chain, const std::string& segment);
  void remove(const std::string& chain);
  Ecosystem ecosystem(const std::string& chain, const std::string& region);
  ChokepointReport chokepoints(const std::string& chain, const std::string& region, const ChokepointWeights& weights = {});
  ShockReport shock(const std::string& chain, const ShockRequest& request);
  std::vector<FirmRow> segment_firms(const std::string& chain, const std::string& segment, const std::string& region);
  // The chain's firms by province and segment with the chokepoint scores (default weights, the
  // chain's home region), from one preparation: what indicators by province count.
  ChainMembership membership(const std::string& chain);
  // Every firm of the chain, local first (the shock simulator's list of firms to lose).
  std::vector<FirmRow> chain_firms(const std::string& chain, const std::string& region);
  // The chain's firms and covered segments per district of a region (district_map.h).
  DistrictMap district_map(const DistrictMapRequest& request);
  // The chain's segments in stored order, merged aliases left out (NotFound for an unknown chain).
  std::vector<StoredSegment> segments(const std::string& chain) {
    std::vector<StoredSegment> out;
    for (auto& s : chains_.load(chain).segments)
      if (s.merged_into_id == 0) out.push_back(std::move(s));
    return out;
  }
  // For the site search, best matches first: segments whose lower-cased name contains `text`
  // (text::search_text of the term), firms whose name key contains `key` (text::name_key).
  // A segment's firms are counted as the atlas counts them: its merged aliases' and its
  // sub-segments' firms included, each firm once.
  std::vector<SegmentMatch> find_segments(const std::string& text, size_t limit);
  std::vector<FirmMatch> find_firms(const std::string& key, size_t limit) {
    return chains_.find_firms(store::term_patterns(key), limit);
  }

 private:
  ImportReport store_templates(std::vector<ingest::ChainTemplate> chains, bool sample);
  // When the chain last changed: its last edit, else its creation (the figures' as-of date).
  std::string last_change(const StoredChain& chain);
  ChainStore& chains_;
  kg::GraphReader& graph_;
  settings::RegionSettings home_;
  accounts::AccountDirectory* people_;
};

// JSON forms, streamed (an atlas of 10,000 segments is tens of megabytes).
void write_json(JsonWriter& w, const AtlasReport& r);
void write_gaps(JsonWriter& w, const AtlasReport& r);
void write_leaders(JsonWriter& w, const AtlasReport& r);
void write_json(JsonWriter& w, const ChainSummary& s);
void write_json(JsonWriter& w, const ImportReport& r);
void write_json(JsonWriter& w, const FirmRow& f);
void write_json(JsonWriter& w, const std::vector<ChainSummary>& list);
void write_json(JsonWriter& w, const std::vector<FirmRow>& firms);
void write_json(JsonWriter& w, const std::vector<EditRecord>& edits);

}  // namespace xinzhi::chain
