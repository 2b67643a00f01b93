// ForesightSnapshots: the rules of snapshots and schedules (what a snapshot holds, when a
// schedule is due, the audit entries) and their JSON; the rows go through SnapshotStore.
#include "modules/foresight/snapshots.h"
#include "base/clock.h"

#include <chrono>
#include <cmath>
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "modules/foresight/ipc_labels.h"
#include "modules/foresight/snapshot_store.h"
#include "store/audit_trail.h"

namespace xinzhi::foresight {

namespace {

std::string utc(int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

nlohmann::json fields_json(const HeatMap& m) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : m.shown) {
    nlohmann::json bursts = nlohmann::json::array();
    for (const auto& b : f.summary.bursts) bursts.push_back({m.periods[b.start], m.periods[b.end]});
    out.push_back({{"code", f.code},
                   {"rank", f.rank},
                   {"records", f.summary.records},
                   {"cagr", f.summary.cagr_defined ? nlohmann::json(f.summary.cagr) : nlohmann::json()},
                   {"max_strength", f.summary.max_strength},
                   {"bursts", bursts}});
  }
  return out;
}

Snapshot snapshot_of(const StoredSnapshot& row) {
  Snapshot s;
  s.info = row.info;
  s.query = query_from_json(nlohmann::json::parse(row.query));
  s.periods = nlohmann::json::parse(row.periods).get<std::vector<std::string>>();
  for (const auto& f : nlohmann::json::parse(row.fields)) {
    SnapshotField x;
    x.code = f["code"], x.rank = f["rank"], x.records = f["records"], x.max_strength = f["max_strength"];
    if (!f["cagr"].is_null()) x.cagr = f["cagr"].get<double>();
    for (const auto& b : f["bursts"]) x.bursts.emplace_back(b[0], b[1]);
    s.fields.push_back(std::move(x));
  }
  s.info.fields = s.fields.size();
  return s;
}

// The schedule's row as text, for audit digests ("" when there is none).
std::string schedule_text(const std::optional<StoredSchedule>& s) {
  return s ? s->every + '\x1f' + s->query : std::string();
}

}  // namespace

int64_t schedule_interval_seconds(const std::string& every) {
  if (every == "daily") return 86400;
  if (every == "weekly") return 7 * 86400;
  if (every == "monthly") return 30 * 86400;
  if (every.size() > 1 && every.size() <= 9 && every.back() == 's' &&
      every.find_first_not_of("0123456789") == every.size() - 1) {  // at most 8 digits: no overflow
    int64_t n = std::stoll(every.substr(0, every.size() - 1));
    if (n >= 1 && n <= 366 * 86400) return n;
  }
  invalid_input("schedule '" + every + "' is not daily, weekly, monthly or a number of seconds such as 3600s");
}

ForesightSnapshots::ForesightSnapshots(store::Database& db)
    : owned_(sql_snapshot_store(db)), store_(*owned_), cube_([&db] { return PatentCube::of(db); }) {}

ForesightSnapshots::ForesightSnapshots(SnapshotStore& store, CubeSource cube) : store_(store), cube_(std::move(cube)) {}

ForesightSnapshots::~ForesightSnapshots() = default;

int64_t ForesightSnapshots::take(const std::string& name, HeatMapQuery query, const std::string& trigger) {
  if (name.empty() || name.size() > 200) invalid_input("a snapshot needs a name of 1 to 200 bytes");
  query.top = 0;  // every field, so that any later snapshot can be compared with this one
  auto cube = cube_();
  auto m = heat_map(*cube, query);
  auto q = to_json(m.query);
  q["from"] = m.from, q["to"] = m.to;
  StoredSnapshot row{{0, name, "", trigger, m.records, 0}, q.dump(), nlohmann::json(m.periods).dump(), fields_json(m).dump()};
  int64_t id = 0;
  store_.write([&](SnapshotWriter& w) {
    row.info.taken_at = utc(unix_seconds_now());  // once the write lock is held, as the row's time
    id = w.insert_snapshot(row);
    w.audit({"foresight.snapshot", "foresight_snapshot", std::to_string(id), "", row.query + row.fields,
             nlohmann::json{{"name", name}, {"trigger", trigger}, {"records", m.records}}.dump()});
  });
  return id;
}

std::vector<SnapshotInfo> ForesightSnapshots::list() { return store_.snapshots(); }

Snapshot ForesightSnapshots::get(int64_t id) {
  auto row = store_.snapshot(id);
  if (!row) fail(ErrorCode::NotFound, "no snapshot " + std::to_string(id));
  return snapshot_of(*row);
}

SnapshotDiff ForesightSnapshots::diff(int64_t a, int64_t b, size_t top, size_t min_rank_change,
                                      double min_growth_change) {
  SnapshotDiff d{get(a), get(b), {}};
  std::map<std::string, std::pair<const SnapshotField*, const SnapshotField*>> by_code;
  for (const auto& f : d.a.fields) by_code[f.code].first = &f;
  for (const auto& f : d.b.fields) by_code[f.code].second = &f;
  for (const auto& [code, pair] : by_code) {
    auto [fa, fb] = pair;
    FieldChange c{code, {}, fa, fb};
    if (!fa) {
      c.kinds.push_back("new");
    } else if (!fb) {
      c.kinds.push_back("gone");
    } else {
      size_t moved = fa->rank > fb->rank ? fa->rank - fb->rank : fb->rank - fa->rank;
      if (moved >= min_rank_change && std::min(fa->rank, fb->rank) <= top) c.kinds.push_back("rank");
      if (fa->cagr.has_value() != fb->cagr.has_value() ||
          (fa->cagr && std::abs(*fa->cagr - *fb->cagr) >= min_growth_change))
        c.kinds.push_back("growth");
      if (fa->bursts != fb->bursts) c.kinds.push_back("burst");
    }
    if (!c.kinds.empty()) d.changes.push_back(std::move(c));
  }
  auto best_rank = [](const FieldChange& c) {
    return std::min(c.a ? c.a->rank : SIZE_MAX, c.b ? c.b->rank : SIZE_MAX);
  };
  std::stable_sort(d.changes.begin(), d.changes.end(),
                   [&](const FieldChange& x, const FieldChange& y) { return best_rank(x) < best_rank(y); });
  return d;  // the pointers stay valid: moving a vector keeps its elements where they are
}

void ForesightSnapshots::add_schedule(const Schedule& s) {
  if (s.name.empty() || s.name.size() > 200) invalid_input("a schedule needs a name of 1 to 200 bytes");
  schedule_interval_seconds(s.every);
  auto cube = cube_();
  if (cube->size() > 0) heat_map(*cube, s.query);  // a bad query fails now, not at 3 a.m.
  store_.write([&](SnapshotWriter& w) {
    auto before = schedule_text(w.schedule(s.name));
    w.put_schedule(s.name, s.every, to_json(s.query).dump());
    w.audit({"foresight.schedule", "foresight_schedule", s.name, before, schedule_text(w.schedule(s.name)),
             nlohmann::json{{"every", s.every}}.dump()});
  });
}

bool ForesightSnapshots::remove_schedule(const std::string& name) {
  bool removed = false;
  store_.write([&](SnapshotWriter& w) {
    auto before = schedule_text(w.schedule(name));
    removed = w.remove_schedule(name);
    if (removed) w.audit({"foresight.unschedule", "foresight_schedule", name, before, "", "{}"});
  });
  return removed;
}

std::vector<Schedule> ForesightSnapshots::schedules() {
  std::vector<Schedule> out;
  for (const auto& s : store_.schedules())
    out.push_back({s.name, s.every, query_from_json(nlohmann::json::parse(s.query)), s.last_run});
  return out;
}

std::vector<int64_t> ForesightSnapshots::run_due(int64_t now) {
  // Claim due schedules in one write transaction (so two servers on one database do not both
  // run them), then take the snapshots. Claiming is bookkeeping; the snapshot each run takes
  // is audited as the scheduler's.
  std::vector<Schedule> due;
  store_.bookkeeping("schedule claim", [&](SnapshotWriter& w) {
    for (const auto& s : w.schedules()) {
      if (s.last_run_epoch > 0 && now - s.last_run_epoch < schedule_interval_seconds(s.every)) continue;
      w.set_last_run(s.name, utc(now), now);
      due.push_back({s.name, s.every, query_from_json(nlohmann::json::parse(s.query)), utc(now)});
    }
  });
  std::vector<int64_t> ids;
  for (const auto& s : due) ids.push_back(take(s.name, s.query, "schedule"));
  return ids;
}

void write_json(JsonWriter& w, const SnapshotInfo& s) {
  w.begin_object().field("id", s.id).field("name", s.name).field("taken_at", s.taken_at).field("trigger", s.trigger)
      .field("records", s.records).field("fields", uint64_t{s.fields}).end_object();
}

void write_json(JsonWriter& w, const Schedule& s) {
  w.begin_object().field("name", s.name).field("every", s.every).field("last_run", s.last_run);
  w.key("query");
  write_flat_json(w, to_json(s.query));
  w.end_object();
}

void write_json(JsonWriter& w, const SnapshotDiff& d) {
  w.begin_object().key("a");
  write_json(w, d.a.info);
  w.key("b");
  write_json(w, d.b.info);
  w.key("changes").begin_array();
  auto side = [&](const char* key, const SnapshotField* f) {
    w.key(key);
    if (!f) {
      w.null();
      return;
    }
    w.begin_object().field("rank", uint64_t{f->rank}).field("records", f->records).key("cagr");
    f->cagr ? w.value(*f->cagr) : w.null();
    w.field("max_strength", f->max_strength).key("bursts").begin_array();
    for (const auto& [start, end] : f->bursts) w.value(start == end ? start : start + "–" + end);
    w.end_array().end_object();
  };
  for (const auto& c : d.changes) {
    auto label = label_of(c.code);
    w.begin_object().field("code", c.code).field("label_zh", label.zh).field("label_en", label.en);
    w.key("kinds").begin_array();
    for (const auto& k : c.kinds) w.value(k);
    w.end_array();
    side("a", c.a);
    side("b", c.b);
    w.end_object();
  }
  w.end_array().end_object();
}

}  // namespace xinzhi::foresight
