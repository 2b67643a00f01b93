#include "engines/atlas/leaders.h"

#include <algorithm>
#include <cmath>

#include "base/error.h"

namespace xinzhi::atlas {

void LeaderRanking::run() {
  const size_t F = chain_.firm_count();
  std::vector<LeaderScore> s(F);
  for (uint32_t f = 0; f < F; ++f) s[f] = {f, 0, 0, 0, 0, chain_.firm_patents[f], 0};
  std::vector<uint64_t> pairs;
  for (auto [seg, f] : chain_.memberships) {
    if (seg >= chain_.segment_count() || f >= F) invalid_input("membership names an unknown segment or firm");
    pairs.push_back(static_cast<uint64_t>(f) << 32 | seg);
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  for (auto p : pairs) ++s[p >> 32].segments;
  // Undirected neighbours for degree centrality, each pair counted once.
  std::vector<uint64_t> edges;
  for (const auto& t : chain_.ties) {
    if (t.from >= F || t.to >= F || t.from == t.to) continue;
    if (t.kind == TieKind::Supply) ++s[t.from].supply;
    if (t.kind == TieKind::Investment || t.kind == TieKind::Control) ++s[t.from].investment_control;
    edges.push_back(static_cast<uint64_t>(std::min(t.from, t.to)) << 32 | std::max(t.from, t.to));
  }
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  std::vector<uint32_t> degree(F, 0);
  for (auto e : edges) ++degree[e >> 32], ++degree[static_cast<uint32_t>(e)];
  for (uint32_t f = 0; f < F; ++f) s[f].centrality = F > 1 ? static_cast<double>(degree[f]) / (F - 1) : 0;

  double max_seg = 0, max_sup = 0, max_ic = 0, max_pat = 0, max_cen = 0;
  for (auto& x : s) {
    max_seg = std::max(max_seg, double(x.segments));
    max_sup = std::max(max_sup, double(x.supply));
    max_ic = std::max(max_ic, double(x.investment_control));
    max_pat = std::max(max_pat, std::log1p(double(x.patents)));
    max_cen = std::max(max_cen, x.centrality);
  }
  auto part = [](double v, double max) { return max > 0 ? v / max : 0; };
  for (auto& x : s)
    x.score = weights_.segments * part(x.segments, max_seg) + weights_.supply * part(x.supply, max_sup) +
              weights_.investment_control * part(x.investment_control, max_ic) +
              weights_.patents * part(std::log1p(double(x.patents)), max_pat) +
              weights_.centrality * part(x.centrality, max_cen);
  std::stable_sort(s.begin(), s.end(), [](const LeaderScore& a, const LeaderScore& b) { return a.score > b.score; });
  ranked_ = std::move(s);
  guard_.mark_finished();
}

}  // namespace xinzhi::atlas
