// ChainSnapshot: an industry chain reduced to numbers for the atlas engines — segments with
// their parent, firms with province and patents, firm-in-segment memberships and firm ties.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace xinzhi::atlas {

enum class TieKind : uint8_t { Supply, Cooperation, Investment, Control };

struct FirmTie {
  uint32_t from, to;
  TieKind kind;
};

struct ChainSnapshot {
  std::vector<int32_t> segment_parent;  // per segment: parent segment or -1
  std::vector<int32_t> firm_province;   // per firm: index into a province list, or -1 unknown
  std::vector<uint32_t> firm_patents;   // per firm
  size_t province_count = 0;
  std::vector<std::pair<uint32_t, uint32_t>> memberships;  // (segment, firm)
  std::vector<FirmTie> ties;

  size_t segment_count() const { return segment_parent.size(); }
  size_t firm_count() const { return firm_province.size(); }
};

// Where a firm stands relative to the region an atlas is drawn for.
enum class Zone : uint8_t {
  Elsewhere = 0,
  Partner = 1,  // in the region's group but not in the region (北京, 河北 for 天津 in 京津冀)
  Local = 2,
  // The firm's known place is too coarse to tell: no province, or the region's province or city
  // without the city or district the region is drawn at (a 天津市 firm for 滨海新区). Missing
  // data: never counted as outside the region, nor as in it.
  Unplaced = 3,
};

}  // namespace xinzhi::atlas
