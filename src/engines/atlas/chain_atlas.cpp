#include "engines/atlas/chain_atlas.h"

#include <algorithm>
#include <cmath>

#include "base/error.h"

namespace xinzhi::atlas {

ChainAtlas::ChainAtlas(const ChainSnapshot& chain, std::vector<Zone> zone, AtlasOptions options)
    : chain_(chain), zone_(std::move(zone)), options_(options) {
  if (zone_.size() != chain_.firm_count()) invalid_input("one zone per firm is needed");
}

void ChainAtlas::run() {
  const size_t S = chain_.segment_count(), F = chain_.firm_count();
  // Checked before anything is overwritten, so that a refused run leaves an earlier one intact.
  for (auto [s, f] : chain_.memberships)
    if (s >= S || f >= F) invalid_input("membership names an unknown segment or firm");
  // A firm in a sub-segment also counts for every segment above it.
  pairs_.clear();
  pairs_.reserve(chain_.memberships.size() * 2);
  for (auto [s, f] : chain_.memberships) {
    for (int64_t at = s, depth = 0; at >= 0 && depth <= static_cast<int64_t>(S);
         at = chain_.segment_parent[at], ++depth)
      pairs_.push_back(static_cast<uint64_t>(at) << 32 | f);
  }
  std::sort(pairs_.begin(), pairs_.end());
  pairs_.erase(std::unique(pairs_.begin(), pairs_.end()), pairs_.end());
  first_pair_.assign(S + 1, pairs_.size());
  for (size_t i = pairs_.size(); i-- > 0;) first_pair_[pairs_[i] >> 32] = i;
  for (size_t s = S; s-- > 0;) first_pair_[s] = std::min(first_pair_[s], first_pair_[s + 1]);

  figures_.assign(S, {});
  size_t covered = 0;
  for (size_t s = 0; s < S; ++s) {
    auto& fig = figures_[s];
    fig.by_province.assign(chain_.province_count, 0);
    uint32_t known = 0;
    for (size_t i = first_pair_[s]; i < first_pair_[s + 1]; ++i) {
      auto f = static_cast<uint32_t>(pairs_[i]);
      ++fig.total;
      fig.local += zone_[f] == Zone::Local;
      fig.partner += zone_[f] == Zone::Partner;
      fig.unplaced += zone_[f] == Zone::Unplaced;
      fig.patents += chain_.firm_patents[f];
      if (int p = chain_.firm_province[f]; p >= 0) ++fig.by_province[p], ++known;
    }
    fig.local_share = fig.placed() ? static_cast<double>(fig.local) / fig.placed() : 0;
    for (auto n : fig.by_province)
      if (known) fig.hhi += 10000.0 * (static_cast<double>(n) / known) * (static_cast<double>(n) / known);
    fig.missing = fig.local == 0 && fig.unplaced == 0;
    fig.unsettled = fig.local == 0 && fig.unplaced > 0;
    fig.weak_single_firm = fig.local == 1;
    fig.weak_low_share = fig.local > 0 && fig.local_share < options_.weak_share;
    fig.weak = fig.weak_single_firm || fig.weak_low_share;
    covered += fig.local > 0;
  }
  coverage_ = S ? static_cast<double>(covered) / S : 0;

  // Strength: the direct memberships (not the propagated ones), ties and patents.
  strength_.assign(F, 0);
  std::vector<uint64_t> direct;
  direct.reserve(chain_.memberships.size());
  for (auto [s, f] : chain_.memberships) direct.push_back(static_cast<uint64_t>(s) << 32 | f);
  std::sort(direct.begin(), direct.end());
  direct.erase(std::unique(direct.begin(), direct.end()), direct.end());
  for (auto p : direct) strength_[static_cast<uint32_t>(p)] += 1;
  for (const auto& t : chain_.ties) {
    if (t.from < F) strength_[t.from] += 1;
    if (t.to < F) strength_[t.to] += 1;
  }
  for (size_t f = 0; f < F; ++f) strength_[f] += std::log2(1.0 + chain_.firm_patents[f]);
  guard_.mark_finished();
}

std::vector<uint32_t> ChainAtlas::firms_of(uint32_t segment) const {
  guard_.assure_finished("ChainAtlas");
  std::vector<uint32_t> out;
  if (segment >= figures_.size()) return out;
  for (size_t i = first_pair_[segment]; i < first_pair_[segment + 1]; ++i) out.push_back(static_cast<uint32_t>(pairs_[i]));
  return out;
}

std::vector<uint32_t> ChainAtlas::candidates(uint32_t segment) const {
  guard_.assure_finished("ChainAtlas");
  std::vector<uint32_t> out;
  for (auto f : firms_of(segment))
    if (zone_[f] != Zone::Local) out.push_back(f);
  // Known partners first, then firms that may be in the region after all, then the rest.
  auto nearness = [&](uint32_t f) { return zone_[f] == Zone::Partner ? 2 : zone_[f] == Zone::Unplaced ? 1 : 0; };
  std::stable_sort(out.begin(), out.end(), [&](uint32_t a, uint32_t b) {
    if (nearness(a) != nearness(b)) return nearness(a) > nearness(b);
    return strength_[a] > strength_[b];
  });
  if (out.size() > options_.candidates_per_gap) out.resize(options_.candidates_per_gap);
  return out;
}

}  // namespace xinzhi::atlas
