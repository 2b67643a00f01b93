#include "engines/dea/malmquist.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "engines/dea/envelopment.h"

namespace xinzhi::dea {

namespace {

// One contemporaneous frontier per period, built once per parallel task.
std::vector<Envelopment> frontiers_of(const Panel& p) {
  std::vector<Envelopment> out;
  out.reserve(p.technologies.size());
  for (const Technology& t : p.technologies) out.emplace_back(std::vector<const Technology*>{&t});
  return out;
}

// Geometric means over the changes whose five values are all finite (so that the mean tfpch
// is the mean effch times the mean techch); `count` says how many that was, NaN when none.
MalmquistChange mean_of(const std::vector<const MalmquistChange*>& group, size_t unit, size_t from) {
  MalmquistChange m;
  m.unit = unit;
  m.from = from;
  m.count = 0;
  double logs[5] = {0, 0, 0, 0, 0};
  for (const MalmquistChange* c : group) {
    const double v[5] = {c->effch, c->techch, c->pech, c->sech, c->tfpch};
    if (!std::all_of(v, v + 5, [](double x) { return std::isfinite(x) && x > 0; })) continue;
    for (int k = 0; k < 5; ++k) logs[k] += std::log(v[k]);
    ++m.count;
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  auto mean = [&](int k) { return m.count ? std::exp(logs[k] / static_cast<double>(m.count)) : nan; };
  m.effch = mean(0);
  m.techch = mean(1);
  m.pech = mean(2);
  m.sech = mean(3);
  m.tfpch = mean(4);
  return m;
}
}  // namespace

MalmquistIndex::MalmquistIndex(Panel panel, Orientation orientation)
    : panel_(std::move(panel)), orientation_(orientation) {
  check_panel(panel_);
}

void MalmquistIndex::run() {
  const size_t periods = panel_.periods.size(), n = panel_.technologies.front().size();
  const size_t m = panel_.technologies.front().inputs(), s = panel_.technologies.front().outputs();
  crs_.assign(periods * n, 0.0);
  vrs_.assign(periods * n, 0.0);
  changes_.assign(n * (periods - 1), {});
  tbb::parallel_for(tbb::blocked_range<size_t>(0, n, 4), [&](const tbb::blocked_range<size_t>& range) {
    std::vector<Envelopment> frontier = frontiers_of(panel_);
    for (size_t u = range.begin(); u < range.end(); ++u) {
      auto x = [&](size_t t) { return row_of(panel_.technologies[t].x, u, m); };
      auto y = [&](size_t t) { return row_of(panel_.technologies[t].y, u, s); };
      for (size_t t = 0; t < periods; ++t) {
        crs_[t * n + u] = frontier[t].radial(x(t), y(t), Returns::Constant, orientation_);
        vrs_[t * n + u] = frontier[t].radial(x(t), y(t), Returns::Variable, orientation_);
      }
      for (size_t t = 0; t + 1 < periods; ++t) {
        const double own_t = crs_[t * n + u], own_next = crs_[(t + 1) * n + u];
        const double next_on_t = frontier[t].radial(x(t + 1), y(t + 1), Returns::Constant, orientation_);
        const double t_on_next = frontier[t + 1].radial(x(t), y(t), Returns::Constant, orientation_);
        MalmquistChange& c = changes_[u * (periods - 1) + t];
        c.unit = u;
        c.from = t;
        c.effch = own_next / own_t;
        c.techch = std::sqrt((next_on_t / own_next) * (own_t / t_on_next));
        c.pech = vrs_[(t + 1) * n + u] / vrs_[t * n + u];
        c.sech = c.effch / c.pech;
        c.tfpch = c.effch * c.techch;
      }
    }
  });
  period_means_.clear();
  unit_means_.clear();
  for (size_t t = 0; t + 1 < periods; ++t) {
    std::vector<const MalmquistChange*> group;
    for (size_t u = 0; u < n; ++u) group.push_back(&changes_[u * (periods - 1) + t]);
    period_means_.push_back(mean_of(group, SIZE_MAX, t));
  }
  for (size_t u = 0; u < n; ++u) {
    std::vector<const MalmquistChange*> group;
    for (size_t t = 0; t + 1 < periods; ++t) group.push_back(&changes_[u * (periods - 1) + t]);
    unit_means_.push_back(mean_of(group, u, SIZE_MAX));
  }
  guard_.mark_finished();
}

const std::vector<MalmquistChange>& MalmquistIndex::changes() const {
  guard_.assure_finished("MalmquistIndex");
  return changes_;
}
const std::vector<double>& MalmquistIndex::crs_efficiency() const {
  guard_.assure_finished("MalmquistIndex");
  return crs_;
}
const std::vector<double>& MalmquistIndex::vrs_efficiency() const {
  guard_.assure_finished("MalmquistIndex");
  return vrs_;
}
const std::vector<MalmquistChange>& MalmquistIndex::period_means() const {
  guard_.assure_finished("MalmquistIndex");
  return period_means_;
}
const std::vector<MalmquistChange>& MalmquistIndex::unit_means() const {
  guard_.assure_finished("MalmquistIndex");
  return unit_means_;
}

MalmquistLuenberger::MalmquistLuenberger(Panel panel, LuenbergerFrontier frontier, Returns returns)
    : panel_(std::move(panel)), frontier_(frontier), returns_(returns) {
  check_panel(panel_);
}

void MalmquistLuenberger::run() {
  const size_t periods = panel_.periods.size(), n = panel_.technologies.front().size();
  const Technology& first = panel_.technologies.front();
  const size_t m = first.inputs(), s = first.outputs(), k = first.undesirables();
  const bool global = frontier_ == LuenbergerFrontier::Global;
  std::vector<const Technology*> all;
  for (const Technology& t : panel_.technologies) all.push_back(&t);
  own_.assign(periods * n, 0.0);
  global_.assign(global ? periods * n : 0, 0.0);
  changes_.assign(n * (periods - 1), {});
  tbb::parallel_for(tbb::blocked_range<size_t>(0, n, 4), [&](const tbb::blocked_range<size_t>& range) {
    std::vector<Envelopment> frontier = frontiers_of(panel_);
    std::optional<Envelopment> pooled;
    if (global) pooled.emplace(all);
    for (size_t u = range.begin(); u < range.end(); ++u) {
      auto at = [&](size_t t) {
        const Technology& tech = panel_.technologies[t];
        return std::array{row_of(tech.x, u, m), row_of(tech.y, u, s), row_of(tech.b, u, k)};
      };
      auto distance = [&](Envelopment& against, size_t t) {
        const auto [x, y, b] = at(t);
        return against.directional(x, y, b, returns_);
      };
      for (size_t t = 0; t < periods; ++t) {
        own_[t * n + u] = distance(frontier[t], t);
        if (global) global_[t * n + u] = distance(*pooled, t);
      }
      for (size_t t = 0; t + 1 < periods; ++t) {
        LuenbergerChange& c = changes_[u * (periods - 1) + t];
        c.unit = u;
        c.from = t;
        const double own_t = own_[t * n + u], own_next = own_[(t + 1) * n + u];
        c.ec = (1 + own_t) / (1 + own_next);
        if (global) {
          c.ml = (1 + global_[t * n + u]) / (1 + global_[(t + 1) * n + u]);
        } else {
          const double next_on_t = distance(frontier[t], t + 1), t_on_next = distance(frontier[t + 1], t);
          c.ml = std::sqrt((1 + own_t) / (1 + next_on_t) * (1 + t_on_next) / (1 + own_next));
        }
        c.tc = c.ml / c.ec;
      }
    }
  });
  guard_.mark_finished();
}

const std::vector<LuenbergerChange>& MalmquistLuenberger::changes() const {
  guard_.assure_finished("MalmquistLuenberger");
  return changes_;
}
const std::vector<double>& MalmquistLuenberger::own_distance() const {
  guard_.assure_finished("MalmquistLuenberger");
  return own_;
}
const std::vector<double>& MalmquistLuenberger::global_distance() const {
  guard_.assure_finished("MalmquistLuenberger");
  return global_;
}

}  // namespace xinzhi::dea
