// ChainAtlas: per segment of a chain, for one region — firms in total and locally, local
// share, geographic concentration (HHI), patents — plus coverage, missing and weak links
// and, for each gap, the firms elsewhere that could fill it.
#pragma once
#include <vector>

#include "base/run_guard.h"
#include "engines/atlas/chain_snapshot.h"

namespace xinzhi::atlas {

struct AtlasOptions {
  double weak_share = 0.2;  // a covered segment below this local share is weak
  size_t candidates_per_gap = 10;
};

struct SegmentFigures {
  uint32_t total = 0;    // distinct firms in the segment and its sub-segments
  uint32_t local = 0;
  uint32_t partner = 0;  // in the region's group, outside the region
  uint32_t unplaced = 0;  // whose place is too coarse to tell (Zone::Unplaced)
  // local / placed firms (total − unplaced): a firm of unknown place is left out rather than
  // counted as outside. 0 when no firm is placed (see placed()).
  double local_share = 0;
  // Herfindahl–Hirschman index of the firms' provinces, 0–10000 (firms of unknown
  // province left out; 0 when none is known).
  double hhi = 0;
  uint64_t patents = 0;  // held by the segment's firms
  bool missing = false;    // no local firm, and none whose place is unknown
  bool unsettled = false;  // no local firm known, but some whose place is unknown: not a gap yet
  bool weak = false;     // local firms, but one only or a share below weak_share
  // Why a segment is weak (both may hold), so that a page can say it: a segment whose only
  // local firm makes up 100% is still weak, for it rests on that one firm.
  bool weak_single_firm = false;  // exactly one local firm
  bool weak_low_share = false;    // local firms, but a local share below weak_share
  std::vector<uint32_t> by_province;  // firm count per province index
  uint32_t placed() const { return total - unplaced; }
};

class ChainAtlas {
 public:
  // InvalidInput unless there is one zone per firm, and from run() when a membership names an
  // unknown segment or firm. The getters need run() first (Internal otherwise).
  ChainAtlas(const ChainSnapshot& chain, std::vector<Zone> zone, AtlasOptions options = {});
  void run();
  const std::vector<SegmentFigures>& segments() const {
    guard_.assure_finished("ChainAtlas");
    return figures_;
  }
  // Share of segments with at least one local firm.
  double coverage() const {
    guard_.assure_finished("ChainAtlas");
    return coverage_;
  }
  // Firms not known to be in the region that could fill segment s: partners (same group) first,
  // then those of unknown place, then the rest, each by strength; at most candidates_per_gap.
  std::vector<uint32_t> candidates(uint32_t segment) const;
  // segments the firm is in + ties it has in the chain + log2(1 + patents).
  const std::vector<double>& firm_strength() const {
    guard_.assure_finished("ChainAtlas");
    return strength_;
  }
  // Distinct firms of a segment (with its sub-segments), ascending.
  std::vector<uint32_t> firms_of(uint32_t segment) const;

 private:
  const ChainSnapshot& chain_;
  std::vector<Zone> zone_;
  AtlasOptions options_;
  std::vector<SegmentFigures> figures_;
  std::vector<uint64_t> pairs_;  // (segment << 32 | firm), sorted, unique, ancestors included
  std::vector<size_t> first_pair_;  // per segment: where its pairs start in pairs_
  std::vector<double> strength_;
  double coverage_ = 0;
  RunGuard guard_;
};

}  // namespace xinzhi::atlas
