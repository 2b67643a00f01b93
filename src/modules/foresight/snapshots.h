// Dated heat-map snapshots and the schedules that take them (定期绘制): a named query rerun
// every day, week, month or N seconds; a snapshot keeps every field's rank, growth and bursts
// so that two of them can be compared (what rose, what fell, which bursts began or ended).
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/json_writer.h"
#include "modules/foresight/heat_map.h"
#include "store/database.h"

namespace xinzhi::foresight {

struct Schedule {
  std::string name;
  std::string every;     // daily | weekly | monthly | <N>s (seconds, for tests and trials)
  HeatMapQuery query;
  std::string last_run;  // UTC, "" before the first run
};

struct SnapshotInfo {
  int64_t id = 0;
  std::string name, taken_at, trigger;  // trigger: manual | schedule
  uint64_t records = 0;
  size_t fields = 0;
};

struct SnapshotField {
  std::string code;
  size_t rank = 0;
  uint64_t records = 0;
  std::optional<double> cagr;
  double max_strength = 0;
  std::vector<std::pair<std::string, std::string>> bursts;  // start, end period
};

struct Snapshot {
  SnapshotInfo info;
  HeatMapQuery query;
  std::vector<std::string> periods;
  std::vector<SnapshotField> fields;  // every field with records, in rank order
};

// What changed for one field between snapshots A and B.
struct FieldChange {
  std::string code;
  std::vector<std::string> kinds;  // new, gone, rank, growth, burst
  const SnapshotField* a = nullptr;
  const SnapshotField* b = nullptr;
};

struct SnapshotDiff {
  Snapshot a, b;
  std::vector<FieldChange> changes;
};

class SnapshotStore;

class ForesightSnapshots {
 public:
  // Where the heat maps' patents come from: the current cube, loaded or cached.
  using CubeSource = std::function<std::shared_ptr<const PatentCube>()>;
  // Over a database's SQLite stores (snapshots, and patents through PatentCube::of).
  explicit ForesightSnapshots(store::Database& db);
  ForesightSnapshots(SnapshotStore& store, CubeSource cube);
  ~ForesightSnapshots();
  ForesightSnapshots(const ForesightSnapshots&) = delete;
  ForesightSnapshots& operator=(const ForesightSnapshots&) = delete;
  // Runs the query over all fields and stores the result; returns the snapshot's id.
  int64_t take(const std::string& name, HeatMapQuery query, const std::string& trigger);
  std::vector<SnapshotInfo> list();
  Snapshot get(int64_t id);  // NotFound for an unknown id
  // Ranks that moved by at least min_rank_change among the top `top` of either, CAGR that moved
  // by at least min_growth_change, bursts that began or ended, fields new or gone.
  SnapshotDiff diff(int64_t a, int64_t b, size_t top = 50, size_t min_rank_change = 3, double min_growth_change = 0.05);

  void add_schedule(const Schedule& s);  // replaces one of the same name
  bool remove_schedule(const std::string& name);
  std::vector<Schedule> schedules();
  // Takes a snapshot for every schedule that is due at `now` (seconds since the epoch);
  // returns the ids taken.
  std::vector<int64_t> run_due(int64_t now);

 private:
  std::unique_ptr<SnapshotStore> owned_;  // when built over a database
  SnapshotStore& store_;
  CubeSource cube_;
};

// Seconds between runs for daily, weekly, monthly (30 days) or "<N>s"; invalid input otherwise.
int64_t schedule_interval_seconds(const std::string& every);

void write_json(JsonWriter& w, const SnapshotInfo& s);
void write_json(JsonWriter& w, const SnapshotDiff& d);
void write_json(JsonWriter& w, const Schedule& s);

}  // namespace xinzhi::foresight
