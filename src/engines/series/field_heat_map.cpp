#include "engines/series/field_heat_map.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include "base/error.h"

namespace xinzhi::series {

FieldHeatMap::FieldHeatMap(const ClassifiedRecords& records, size_t n_fields, size_t n_periods, HeatMapParameters p)
    : records_(records), n_fields_(n_fields), n_periods_(n_periods), p_(p) {
  if (!(p_.s > 1)) invalid_input("s must be greater than 1");
  if (!(p_.gamma > 0)) invalid_input("gamma must be greater than 0");
  if (p_.growth_window == 0) invalid_input("the growth window must be at least 1 period");
  if (!records_.borrow.offsets && records_.offsets.size() != records_.period.size() + 1)
    invalid_input("offsets must have one entry per record and one more");
}

double FieldHeatMap::share(size_t f, size_t t) const {
  guard_.assure_finished("FieldHeatMap");
  return share_of(f, t);
}

double FieldHeatMap::share_of(size_t f, size_t t) const {
  const uint64_t d = records_per_period_[t];
  return d ? counts_[f * n_periods_ + t] / static_cast<double>(d) : 0;
}

bool FieldHeatMap::growth(size_t f, size_t t, double& out) const {
  guard_.assure_finished("FieldHeatMap");
  return growth_of(f, t, out);
}

bool FieldHeatMap::growth_of(size_t f, size_t t, double& out) const {
  const size_t w = p_.growth_window;
  const double* row = &counts_[f * n_periods_];
  if (t < w || t >= complete_periods() || row[t - w] <= 0) return false;
  out = std::pow(row[t] / row[t - w], 1.0 / static_cast<double>(w)) - 1;
  return true;
}

namespace {

// Carley et al. (2018) on the last 10 periods: a_i term records and T_i all records in the
// 7 active periods (after 3 base periods); counts are scaled by √T so that growth of the
// whole collection is not mistaken for emergence.
void emergence(const uint64_t* a_all, const uint64_t* t_all, size_t n, FieldSummary& s) {
  if (n < 10) return;
  const uint64_t* base = a_all + (n - 10);
  const uint64_t* base_total = t_all + (n - 10);
  const uint64_t* a = base + 3;
  const uint64_t* T = base_total + 3;
  auto ratio = [&](std::initializer_list<size_t> idx) {
    double num = 0, den = 0;
    for (size_t i : idx) num += static_cast<double>(a[i]), den += std::sqrt(static_cast<double>(T[i]));
    return den > 0 ? num / den : 0.0;
  };
  for (size_t i = 0; i < 7; ++i)
    if (T[i] == 0) return;  // an empty active period leaves the trend undefined
  double active_trend = ratio({4, 5, 6}) - ratio({0, 1, 2});
  double recent_trend = 10 * (ratio({5, 6}) - ratio({3, 4}));
  double slope = 10 * (ratio({6}) - ratio({3})) / 3;
  s.emergence = 2 * active_trend + recent_trend + slope;
  s.emergence_defined = true;
  uint64_t base_term = base[0] + base[1] + base[2];
  uint64_t base_all = base_total[0] + base_total[1] + base_total[2];
  uint64_t active_term = 0;
  for (size_t i = 0; i < 7; ++i) active_term += a[i];
  s.emergence_candidate = s.emergence > 0 && base_term > 0 && base_term + active_term >= 7 &&
                          static_cast<double>(active_term) / static_cast<double>(base_term) > 2 &&
                          static_cast<double>(base_term) / static_cast<double>(base_all) < 0.15;
}

}  // namespace

namespace {

// Per-thread tallies, merged at the end: whole counts, fractional counts (only when asked
// for) and records per period.
struct Tally {
  std::vector<double> counts;
  std::vector<uint32_t> whole;  // a thread never counts 4 billion records in one cell; half the cache of uint64
  std::vector<uint64_t> records_per_period;
  std::vector<uint32_t> seen;  // seen[f] == i + 1 once record i counted field f
  std::vector<uint32_t> distinct;
  Tally(size_t F, size_t P, bool fractional)
      : counts(fractional ? F * P : 0, 0.0), whole(F * P, 0), records_per_period(P, 0), seen(F, 0) {}
};

// Counts records [begin, end), the innermost loop of a ten-million-record heat map. Fields
// come through `field_at(k)` so that the same loop runs over owned fields and over borrowed
// codes mapped to fields; a record's distinct fields go to a buffer on the stack unless it has
// more than 32 codes.
template <class FieldAt>
void count_range(const ClassifiedRecords& r, const uint64_t* offsets, size_t begin, size_t end, size_t F, size_t P,
                 bool fractional, FieldAt field_at, Tally& tally) {
  uint32_t small[32];
  for (size_t i = begin; i < end; ++i) {
    const uint32_t t = r.period[i];
    if (t == ClassifiedRecords::kOutside) continue;
    if (t >= P) invalid_input("record " + std::to_string(i) + " has period " + std::to_string(t));
    const uint64_t from = offsets[i], to = offsets[i + 1];
    uint32_t* distinct = small;
    if (to - from > std::size(small)) {
      tally.distinct.resize(to - from);
      distinct = tally.distinct.data();
    }
    if (to - from == 1 && !fractional) {  // one code: nothing to deduplicate
      const uint32_t f = field_at(from);
      if (f >= F) invalid_input("record " + std::to_string(i) + " has field " + std::to_string(f));
      ++tally.records_per_period[t];
      ++tally.whole[f * P + t];
      continue;
    }
    size_t n = 0;
    const auto stamp = static_cast<uint32_t>(i + 1);
    for (uint64_t k = from; k < to; ++k) {
      const uint32_t f = field_at(k);
      if (f >= F) invalid_input("record " + std::to_string(i) + " has field " + std::to_string(f));
      if (tally.seen[f] == stamp) continue;
      tally.seen[f] = stamp;
      distinct[n++] = f;
    }
    if (n == 0) continue;
    ++tally.records_per_period[t];
    for (size_t j = 0; j < n; ++j) ++tally.whole[distinct[j] * P + t];
    if (fractional) {
      const double weight = 1.0 / static_cast<double>(n);
      for (size_t j = 0; j < n; ++j) tally.counts[distinct[j] * P + t] += weight;
    }
  }
}

}  // namespace

void FieldHeatMap::run() {
  const size_t F = n_fields_, P = n_periods_, n = records_.size();
  const bool fractional = p_.counting == Counting::Fractional;
  const auto& b = records_.borrow;
  if (b.offsets) {
    for (size_t c = 0; c < b.code_count; ++c)
      if (b.field_of[c] >= F) invalid_input("code " + std::to_string(c) + " maps to a field beyond the range");
  }
  // Blocks of records counted in parallel, each thread in its own tally: the matrix is small
  // (fields × periods) and the records many, so merging costs nothing next to counting.
  tbb::enumerable_thread_specific<Tally> tallies([&] { return Tally(F, P, fractional); });
  tbb::parallel_for(tbb::blocked_range<size_t>(0, n, 1 << 16), [&](const tbb::blocked_range<size_t>& range) {
    auto& tally = tallies.local();
    if (b.offsets)
      count_range(records_, b.offsets, range.begin(), range.end(), F, P, fractional,
                  [&](uint64_t k) { return b.field_of[b.codes[k]]; }, tally);
    else
      count_range(records_, records_.offsets.data(), range.begin(), range.end(), F, P, fractional,
                  [&](uint64_t k) { return records_.fields[k]; }, tally);
  });
  counts_.assign(F * P, 0.0);
  whole_.assign(F * P, 0);
  records_per_period_.assign(P, 0);
  for (const auto& tally : tallies) {
    for (size_t c = 0; c < F * P; ++c) whole_[c] += tally.whole[c];
    if (fractional)
      for (size_t c = 0; c < F * P; ++c) counts_[c] += tally.counts[c];
    for (size_t t = 0; t < P; ++t) records_per_period_[t] += tally.records_per_period[t];
  }
  if (!fractional)
    for (size_t c = 0; c < F * P; ++c) counts_[c] = static_cast<double>(whole_[c]);

  states_.assign(F * P, 0);
  summaries_.assign(F, {});
  // Fields are independent: each writes its own summary and row of burst states.
  tbb::parallel_for(size_t{0}, F, [&](size_t f) {
    auto& s = summaries_[f];
    const uint64_t* row = &whole_[f * P];
    for (size_t t = 0; t < P; ++t) {
      s.total += counts_[f * P + t];
      s.records += row[t];
      if (s.first_period < 0 && row[t] > 0) s.first_period = static_cast<int64_t>(t);
    }
    if (s.records == 0) return;
    const size_t complete = complete_periods();
    if (complete > 0) s.cagr_defined = growth_of(f, complete - 1, s.cagr);
    KleinbergBursts kb(std::vector<uint64_t>(row, row + P), records_per_period_, p_.s, p_.gamma, p_.min_duration);
    kb.run();
    for (size_t t = 0; t < P; ++t) states_[f * P + t] = static_cast<uint8_t>(kb.states()[t]);
    s.bursts = kb.bursts();
    for (const auto& b : s.bursts) s.max_strength = std::max(s.max_strength, b.strength);
    emergence(row, records_per_period_.data(), complete, s);
  });
  guard_.mark_finished();
}

std::vector<uint32_t> FieldHeatMap::order(FieldOrder by) const {
  guard_.assure_finished("FieldHeatMap");
  std::vector<uint32_t> active;
  for (uint32_t f = 0; f < n_fields_; ++f)
    if (summaries_[f].records > 0) active.push_back(f);
  auto by_total = [&](uint32_t a, uint32_t b) {
    if (summaries_[a].total != summaries_[b].total) return summaries_[a].total > summaries_[b].total;
    return a < b;
  };
  if (by == FieldOrder::Total) {
    std::sort(active.begin(), active.end(), by_total);
    return active;
  }
  if (by == FieldOrder::Strength) {
    std::sort(active.begin(), active.end(), [&](uint32_t a, uint32_t b) {
      if (summaries_[a].max_strength != summaries_[b].max_strength)
        return summaries_[a].max_strength > summaries_[b].max_strength;
      return by_total(a, b);
    });
    return active;
  }
  // Similarity: seriation of the share profiles. Start from the field whose records come
  // earliest on average and keep appending the most similar (cosine) remaining field, so that
  // fields that rise and fall together sit next to each other. Beyond 2,000 fields the
  // quadratic search is replaced by the order of the profiles' centres of mass.
  const size_t P = n_periods_;
  std::vector<double> unit(active.size() * P), centre(active.size(), 0);
  for (size_t i = 0; i < active.size(); ++i) {
    double norm = 0, mass = 0;
    for (size_t t = 0; t < P; ++t) {
      double v = share_of(active[i], t);
      unit[i * P + t] = v;
      norm += v * v;
      mass += v;
      centre[i] += v * static_cast<double>(t);
    }
    norm = std::sqrt(norm);
    for (size_t t = 0; t < P; ++t) unit[i * P + t] = norm > 0 ? unit[i * P + t] / norm : 0;
    centre[i] = mass > 0 ? centre[i] / mass : 0;
  }
  std::vector<size_t> idx(active.size());
  std::iota(idx.begin(), idx.end(), 0);
  auto by_centre = [&](size_t a, size_t b) {
    if (centre[a] != centre[b]) return centre[a] < centre[b];
    return by_total(active[a], active[b]);
  };
  std::vector<uint32_t> out;
  out.reserve(active.size());
  if (active.size() > 2000) {
    std::sort(idx.begin(), idx.end(), by_centre);
    for (size_t i : idx) out.push_back(active[i]);
    return out;
  }
  std::vector<char> used(active.size(), 0);
  size_t current = active.empty() ? 0 : *std::min_element(idx.begin(), idx.end(), by_centre);
  for (size_t step = 0; step < active.size(); ++step) {
    used[current] = 1;
    out.push_back(active[current]);
    size_t next = active.size();
    double best = -1;
    for (size_t j = 0; j < active.size(); ++j) {
      if (used[j]) continue;
      double dot = 0;
      for (size_t t = 0; t < P; ++t) dot += unit[current * P + t] * unit[j * P + t];
      if (dot > best || (dot == best && next < active.size() && by_centre(j, next))) best = dot, next = j;
    }
    current = next;
  }
  return out;
}

FieldOrder field_order_named(const std::string& name) {
  if (name == "total") return FieldOrder::Total;
  if (name == "strength") return FieldOrder::Strength;
  if (name == "similarity") return FieldOrder::Similarity;
  invalid_input("order '" + name + "' is not total, strength or similarity");
}

Counting counting_named(const std::string& name) {
  if (name == "whole") return Counting::Whole;
  if (name == "fractional") return Counting::Fractional;
  invalid_input("counting '" + name + "' is not whole or fractional");
}

}  // namespace xinzhi::series
