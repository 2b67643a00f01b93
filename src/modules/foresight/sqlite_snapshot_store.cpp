// SQLite implementation of foresight::SnapshotStore: every statement on foresight_snapshot and
// foresight_schedule. It carries out writes; ForesightSnapshots decides them.
#include <SQLiteCpp/Statement.h>

#include "modules/foresight/snapshot_store.h"

namespace xinzhi::foresight {

namespace {

constexpr const char* kScheduleSelect = "SELECT name, every, query, last_run, last_run_epoch FROM foresight_schedule";

StoredSchedule schedule_row(SQLite::Statement& q) {
  return {q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
          q.getColumn(3).getString(), q.getColumn(4).getInt64()};
}

// The reads, shared by the store (outside a transaction) and the writer (inside one: the
// same connection, so they see the transaction's own changes).
template <class Base>
class SqliteReads : public Base {
 public:
  explicit SqliteReads(store::Database& db) : db_(db) {}

  std::vector<SnapshotInfo> snapshots() override {
    SQLite::Statement q(db_.sql(),
                        "SELECT id, name, taken_at, trigger, records, json_array_length(fields) FROM foresight_snapshot "
                        "ORDER BY id");
    std::vector<SnapshotInfo> out;
    while (q.executeStep())
      out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                     q.getColumn(3).getString(), static_cast<uint64_t>(q.getColumn(4).getInt64()),
                     static_cast<size_t>(q.getColumn(5).getInt64())});
    return out;
  }

  std::optional<StoredSnapshot> snapshot(int64_t id) override {
    SQLite::Statement q(db_.sql(),
                        "SELECT id, name, taken_at, trigger, records, json_array_length(fields), query, periods, fields "
                        "FROM foresight_snapshot WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) return std::nullopt;
    return StoredSnapshot{{q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                           q.getColumn(3).getString(), static_cast<uint64_t>(q.getColumn(4).getInt64()),
                           static_cast<size_t>(q.getColumn(5).getInt64())},
                          q.getColumn(6).getString(),
                          q.getColumn(7).getString(),
                          q.getColumn(8).getString()};
  }

  std::vector<StoredSchedule> schedules() override {
    SQLite::Statement q(db_.sql(), std::string(kScheduleSelect) + " ORDER BY name");
    std::vector<StoredSchedule> out;
    while (q.executeStep()) out.push_back(schedule_row(q));
    return out;
  }

  std::optional<StoredSchedule> schedule(const std::string& name) override {
    SQLite::Statement q(db_.sql(), std::string(kScheduleSelect) + " WHERE name = ?");
    q.bind(1, name);
    if (!q.executeStep()) return std::nullopt;
    return schedule_row(q);
  }

 protected:
  store::Database& db_;
};

// The primitives of one write, each a plain statement inside the store's transaction.
class SqliteSnapshotWriter final : public SqliteReads<SnapshotWriter> {
 public:
  SqliteSnapshotWriter(store::Database& db, store::WriteTransaction& tx) : SqliteReads(db), tx_(tx) {}

  int64_t insert_snapshot(const StoredSnapshot& s) override {
    SQLite::Statement q(db_.sql(),
                        "INSERT INTO foresight_snapshot(name, taken_at, trigger, query, records, periods, fields) "
                        "VALUES (?,?,?,?,?,?,?)");
    q.bind(1, s.info.name);
    q.bind(2, s.info.taken_at);
    q.bind(3, s.info.trigger);
    q.bind(4, s.query);
    q.bind(5, static_cast<int64_t>(s.info.records));
    q.bind(6, s.periods);
    q.bind(7, s.fields);
    q.exec();
    return db_.sql().getLastInsertRowid();
  }

  void put_schedule(const std::string& name, const std::string& every, const std::string& query) override {
    SQLite::Statement q(db_.sql(),
                        "INSERT INTO foresight_schedule(name, every, query) VALUES (?,?,?) "
                        "ON CONFLICT(name) DO UPDATE SET every = excluded.every, query = excluded.query");
    q.bind(1, name);
    q.bind(2, every);
    q.bind(3, query);
    q.exec();
  }

  bool remove_schedule(const std::string& name) override {
    SQLite::Statement q(db_.sql(), "DELETE FROM foresight_schedule WHERE name = ?");
    q.bind(1, name);
    return q.exec() > 0;
  }

  void set_last_run(const std::string& name, const std::string& at, int64_t epoch) override {
    SQLite::Statement q(db_.sql(), "UPDATE foresight_schedule SET last_run = ?, last_run_epoch = ? WHERE name = ?");
    q.bind(1, at);
    q.bind(2, epoch);
    q.bind(3, name);
    q.exec();
  }

  void audit(const store::AuditChange& change) override { tx_.audit(change); }

 private:
  store::WriteTransaction& tx_;
};

class SqliteSnapshotStore final : public SqliteReads<SnapshotStore> {
 public:
  using SqliteReads::SqliteReads;

  void write(const std::function<void(SnapshotWriter&)>& work) override {
    store::WriteTransaction tx(db_);
    SqliteSnapshotWriter writer(db_, tx);
    work(writer);
    tx.commit();
  }

  void bookkeeping(const char* why, const std::function<void(SnapshotWriter&)>& work) override {
    store::WriteTransaction tx(db_, {why});
    SqliteSnapshotWriter writer(db_, tx);
    work(writer);
    tx.commit();
  }
};

}  // namespace

std::unique_ptr<SnapshotStore> sqlite_snapshot_store(store::Database& db) {
  return std::make_unique<SqliteSnapshotStore>(db);
}

}  // namespace xinzhi::foresight
