// The SQL implementation (SQLite and PostgreSQL, one text) of nqpf::StatisticsStore and the
// nqpf migrations.
#include <nlohmann/json.hpp>

#include "modules/nqpf/statistics_store.h"
#include "store/bulk_insert.h"
#include "store/queries.h"

namespace xinzhi::nqpf {

namespace {

class SqlStatisticsStore final : public StatisticsStore {
 public:
  explicit SqlStatisticsStore(store::Database& db) : db_(db) {}

  StatisticsImport replace(const ingest::ProvinceStatistics& data, const std::string& source,
                           const std::string& imported_by, const store::AuditChange& change) override {
    store::WriteTransaction tx(db_);
    store::run(db_, "DELETE FROM province_observation");
    store::run(db_, "DELETE FROM province_series");
    {
      store::BulkInsert series(db_, "province_series", {"code", "label", "unit", "source"}, store::BulkInsert::Fresh{});
      for (const auto& s : data.series) series.add({s.code, s.label, s.unit, s.source});
      series.finish();
      store::BulkInsert rows(db_, "province_observation", {"province", "year", "series", "value"}, store::BulkInsert::Fresh{});
      for (const auto& o : data.observations) rows.add({o.province, int64_t{o.year}, o.series, o.value});
      rows.finish();
    }
    auto out = record(data, source, imported_by, "replace");
    tx.audit(change);
    tx.commit();
    return out;
  }

  StatisticsImport merge(const ingest::ProvinceStatistics& data, const std::string& source, const std::string& imported_by,
                         const store::AuditChange& change) override {
    store::WriteTransaction tx(db_);
    for (const auto& s : data.series) {
      store::run(db_, "DELETE FROM province_observation WHERE series = ?", {s.code});
      store::run(db_,
                 "INSERT INTO province_series(code, label, unit, source) VALUES (?, ?, ?, ?) ON CONFLICT(code) DO UPDATE SET "
                 "label = excluded.label, unit = excluded.unit, source = excluded.source",
                 {s.code, s.label, s.unit, s.source});
    }
    {
      store::BulkInsert rows(db_, "province_observation", {"province", "year", "series", "value"}, store::BulkInsert::Fresh{});
      for (const auto& o : data.observations) rows.add({o.province, int64_t{o.year}, o.series, o.value});
      rows.finish();
    }
    auto out = record(data, source, imported_by, "workbook");
    tx.audit(change);
    tx.commit();
    return out;
  }

  ingest::ProvinceStatistics load() override {
    ingest::ProvinceStatistics out;
    out.series = store::all_rows(db_, "SELECT code, label, unit, source FROM province_series ORDER BY code", {},
                                 [](store::Statement& q) { return ingest::ProvinceSeries{q.text(0), q.text(1), q.text(2), q.text(3)}; });
    out.observations = store::all_rows(
        db_, "SELECT province, year, series, value FROM province_observation ORDER BY province, series, year", {},
        [](store::Statement& q) {
          return ingest::ProvinceObservation{q.text(0), static_cast<int>(q.int64(1)), q.text(2), q.real(3)};
        });
    if (auto last = last_import()) out.fixes = last->fixes;
    return out;
  }

  std::optional<StatisticsImport> last_import() override {
    return store::first_row(db_,
                            "SELECT id, observations, series, source, imported_at, imported_by, fixes FROM province_import "
                            "WHERE kind = 'replace' ORDER BY id DESC LIMIT 1",
                            {}, import_row);
  }

  std::vector<StatisticsImport> workbooks() override {
    return store::all_rows(db_,
                           "SELECT id, observations, series, source, imported_at, imported_by, fixes FROM province_import "
                           "WHERE kind = 'workbook' AND id > (SELECT coalesce(max(id), 0) FROM province_import WHERE kind = 'replace') "
                           "ORDER BY id",
                           {}, import_row);
  }

  SavedSystem save_system(const std::string& id, const std::string& body, const std::string& saved_by,
                          const store::AuditChange& change) override {
    SavedSystem saved{id, body, store::utc_now(), saved_by};
    store::WriteTransaction tx(db_);
    store::run(db_,
               "INSERT INTO nqpf_system(id, body, saved_at, saved_by) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
               "body = excluded.body, saved_at = excluded.saved_at, saved_by = excluded.saved_by",
               {id, body, saved.saved_at, saved_by});
    tx.audit(change);
    tx.commit();
    return saved;
  }

  bool delete_system(const std::string& id, const store::AuditChange& change) override {
    store::WriteTransaction tx(db_);
    if (store::run(db_, "DELETE FROM nqpf_system WHERE id = ?", {id}) == 0) return false;
    tx.audit(change);
    tx.commit();
    return true;
  }

  std::vector<SavedSystem> saved_systems() override {
    return store::all_rows(db_, "SELECT id, body, saved_at, saved_by FROM nqpf_system ORDER BY id", {},
                           [](store::Statement& q) { return SavedSystem{q.text(0), q.text(1), q.text(2), q.text(3)}; });
  }

 private:
  static StatisticsImport import_row(store::Statement& q) {
    StatisticsImport s;
    s.id = q.int64(0);
    s.observations = q.int64(1);
    s.series = q.int64(2);
    s.source = q.text(3);
    s.imported_at = q.text(4);
    s.imported_by = q.text(5);
    for (const auto& f : nlohmann::json::parse(q.text(6)))
      s.fixes.push_back({f.at("where").get<std::string>(), f.at("what").get<std::string>()});
    return s;
  }

  // The import's row in province_import (kind: replace or workbook).
  StatisticsImport record(const ingest::ProvinceStatistics& data, const std::string& source, const std::string& imported_by,
                          const char* kind) {
    nlohmann::json fixes = nlohmann::json::array();
    for (const auto& f : data.fixes) fixes.push_back({{"where", f.where}, {"what", f.what}});
    StatisticsImport out;
    out.source = source;
    out.imported_at = store::utc_now();
    out.imported_by = imported_by;
    out.observations = static_cast<int64_t>(data.observations.size());
    out.series = static_cast<int64_t>(data.series.size());
    out.fixes = data.fixes;
    out.id = store::insert_id(db_,
                              "INSERT INTO province_import(source, imported_at, imported_by, observations, series, fixes, kind) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                              {source, out.imported_at, imported_by, out.observations, out.series, fixes.dump(), std::string(kind)});
    return out;
  }

  store::Database& db_;
};

}  // namespace

std::unique_ptr<StatisticsStore> sql_statistics_store(store::Database& db) { return std::make_unique<SqlStatisticsStore>(db); }

std::vector<store::Migration> migrations() {
  return {{"nqpf", 1, "provincial statistics for the new-quality-productive-forces index",
           "CREATE TABLE province_series ("
           " code TEXT PRIMARY KEY, label TEXT NOT NULL DEFAULT '', unit TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '');"
           "CREATE TABLE province_observation ("
           " province TEXT NOT NULL, year INTEGER NOT NULL, series TEXT NOT NULL REFERENCES province_series(code),"
           " value REAL NOT NULL, PRIMARY KEY (province, year, series));"
           "CREATE TABLE province_import ("
           " id INTEGER PRIMARY KEY, source TEXT NOT NULL, imported_at TEXT NOT NULL, imported_by TEXT NOT NULL DEFAULT '',"
           " observations INTEGER NOT NULL, series INTEGER NOT NULL, fixes TEXT NOT NULL DEFAULT '[]');"},
          {"nqpf", 2, "indicator systems analysts saved",
           "CREATE TABLE nqpf_system ("
           " id TEXT PRIMARY KEY, body TEXT NOT NULL, saved_at TEXT NOT NULL, saved_by TEXT NOT NULL DEFAULT '');"},
          {"nqpf", 3, "statistics-bureau workbooks added to the provincial statistics",
           "ALTER TABLE province_import ADD COLUMN kind TEXT NOT NULL DEFAULT 'replace';"}};
}

}  // namespace xinzhi::nqpf
