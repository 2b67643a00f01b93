// FieldHeatMap: counts of classified, dated records per field × period and the measures a
// technology-foresight heat map shows (share, growth, first appearance, Kleinberg bursts,
// Porter-style emergence), for millions of records in one pass.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "base/run_guard.h"
#include "engines/series/bursts.h"

namespace xinzhi::series {

// Records in compressed rows: record i has period period[i] (an index below n_periods, or
// kOutside to leave it out) and the fields fields[offsets[i] .. offsets[i+1]). A field listed
// twice in one record counts once.
//
// A store that already holds its records as code rows lends them instead of copying: `borrow`
// points at its offsets and codes and at a code → field table, so that a heat map over ten
// million records copies nothing but one period number per record.
struct ClassifiedRecords {
  static constexpr uint32_t kOutside = UINT32_MAX;
  std::vector<uint32_t> period;
  std::vector<uint64_t> offsets{0};
  std::vector<uint32_t> fields;
  struct Borrowed {
    const uint64_t* offsets = nullptr;  // size()+1 entries
    const uint32_t* codes = nullptr;
    const uint32_t* field_of = nullptr;  // code → field
    size_t code_count = 0;               // entries in field_of
  } borrow;
  size_t size() const { return period.size(); }
  void add(uint32_t p, const uint32_t* f, size_t n) {
    period.push_back(p);
    fields.insert(fields.end(), f, f + n);
    offsets.push_back(fields.size());
  }
};

// Whole counting: a record counts 1 for each of its fields. Fractional: 1/k for each of its
// k fields, so that field counts add up to the number of records.
enum class Counting { Whole, Fractional };

enum class FieldOrder { Total, Strength, Similarity };

struct HeatMapParameters {
  Counting counting = Counting::Whole;
  size_t growth_window = 3;  // CAGR over this many periods ending at each cell
  // Bursts use whole counts (Kleinberg's r_t are items, d_t records, whatever the counting).
  double s = 2.0, gamma = 1.0;
  size_t min_duration = 1;
  // Periods [0, complete_periods) are complete; later ones are cut short by the end of the data
  // (a year whose records stop in March). Growth and emergence stop at the last complete
  // period, so that truncation never reads as a fall (−100 %); counts and bursts use them all.
  size_t complete_periods = SIZE_MAX;
};

struct FieldSummary {
  double total = 0;            // in the chosen counting
  uint64_t records = 0;        // whole count
  int64_t first_period = -1;   // first period with a record, −1 if none
  double cagr = 0;             // over the growth window ending at the last complete period
  // false when the window reaches before the first period or starts at 0, or no period is complete
  bool cagr_defined = false;
  std::vector<BurstInterval> bursts;
  double max_strength = 0;
  // Carley, Newman, Porter & Garner (2018), "An indicator of technical emergence",
  // Scientometrics 115:35–49, over the last 10 complete periods (3 base, 7 active); defined
  // only with 10 or more complete periods.
  double emergence = 0;
  bool emergence_defined = false;
  // The paper's filters (≥7 records, active/base > 2, base share < 15%) and a positive score.
  bool emergence_candidate = false;
};

class FieldHeatMap {
 public:
  // The records are read by run() only; the getters need them no more. InvalidInput when a
  // record names a field ≥ n_fields or a period ≥ n_periods, or when the burst parameters are
  // out of range (s ≤ 1, γ ≤ 0). Every getter but fields() and periods() needs run() first
  // (Internal otherwise).
  FieldHeatMap(const ClassifiedRecords& records, size_t n_fields, size_t n_periods, HeatMapParameters p = {});
  void run();

  size_t fields() const { return n_fields_; }
  size_t periods() const { return n_periods_; }
  size_t complete_periods() const { return std::min(p_.complete_periods, n_periods_); }
  double count(size_t f, size_t t) const {
    guard_.assure_finished("FieldHeatMap");
    return counts_[f * n_periods_ + t];
  }
  uint64_t whole_count(size_t f, size_t t) const {
    guard_.assure_finished("FieldHeatMap");
    return whole_[f * n_periods_ + t];
  }
  // Records per period (d_t), each counted once however many fields it has.
  const std::vector<uint64_t>& records_per_period() const {
    guard_.assure_finished("FieldHeatMap");
    return records_per_period_;
  }
  double share(size_t f, size_t t) const;  // count / records in the period; 0 when the period is empty
  // CAGR over growth_window periods ending at t; false when t < window, the start is 0 or t
  // is not a complete period.
  bool growth(size_t f, size_t t, double& out) const;
  int burst_state(size_t f, size_t t) const {
    guard_.assure_finished("FieldHeatMap");
    return states_[f * n_periods_ + t];
  }
  const FieldSummary& summary(size_t f) const {
    guard_.assure_finished("FieldHeatMap");
    return summaries_[f];
  }
  // Fields with at least one record, in the requested order.
  std::vector<uint32_t> order(FieldOrder by) const;

 private:
  // Unchecked forms, for run() itself (before it has finished) and for loops in order().
  double share_of(size_t f, size_t t) const;
  bool growth_of(size_t f, size_t t, double& out) const;

  const ClassifiedRecords& records_;
  size_t n_fields_, n_periods_;
  HeatMapParameters p_;
  std::vector<double> counts_;
  std::vector<uint64_t> whole_;
  std::vector<uint64_t> records_per_period_;
  std::vector<uint8_t> states_;
  std::vector<FieldSummary> summaries_;
  RunGuard guard_;
};

FieldOrder field_order_named(const std::string& name);  // total | strength | similarity
Counting counting_named(const std::string& name);       // whole | fractional

}  // namespace xinzhi::series
