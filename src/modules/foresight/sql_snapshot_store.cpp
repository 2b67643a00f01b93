// The SQL implementation (SQLite and PostgreSQL, one text) of foresight::SnapshotStore: every statement on foresight_snapshot and
// foresight_schedule. It carries out writes; ForesightSnapshots decides them.
#include "store/queries.h"

#include "modules/foresight/snapshot_store.h"

namespace xinzhi::foresight {

namespace {

constexpr const char* kScheduleSelect = "SELECT name, every, query, last_run, last_run_epoch FROM foresight_schedule";

StoredSchedule schedule_row(store::Statement& q) {
  return {q.text(0), q.text(1), q.text(2),
          q.text(3), q.int64(4)};
}

// The reads, shared by the store (outside a transaction) and the writer (inside one: the
// same connection, so they see the transaction's own changes).
template <class Base>
class SqlReads : public Base {
 public:
  explicit SqlReads(store::Database& db) : db_(db) {}

  // How many fields a snapshot holds, counted by the engine from its JSON text.
  std::string field_count() const {
    return db_.is_postgres() ? "json_array_length(fields::json)" : "json_array_length(fields)";
  }

  std::vector<SnapshotInfo> snapshots() override {
    store::Statement q(db_, "SELECT id, name, taken_at, trigger, records, " + field_count() +
                                " FROM foresight_snapshot ORDER BY id");
    std::vector<SnapshotInfo> out;
    while (q.step())
      out.push_back({q.int64(0), q.text(1), q.text(2),
                     q.text(3), static_cast<uint64_t>(q.int64(4)),
                     static_cast<size_t>(q.int64(5))});
    return out;
  }

  std::optional<StoredSnapshot> snapshot(int64_t id) override {
    store::Statement q(db_, "SELECT id, name, taken_at, trigger, records, " + field_count() +
                                ", query, periods, fields FROM foresight_snapshot WHERE id = ?");
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    return StoredSnapshot{{q.int64(0), q.text(1), q.text(2),
                           q.text(3), static_cast<uint64_t>(q.int64(4)),
                           static_cast<size_t>(q.int64(5))},
                          q.text(6),
                          q.text(7),
                          q.text(8)};
  }

  std::vector<StoredSchedule> schedules() override {
    store::Statement q(db_, std::string(kScheduleSelect) + " ORDER BY name");
    std::vector<StoredSchedule> out;
    while (q.step()) out.push_back(schedule_row(q));
    return out;
  }

  std::optional<StoredSchedule> schedule(const std::string& name) override {
    store::Statement q(db_, std::string(kScheduleSelect) + " WHERE name = ?");
    q.bind(1, name);
    if (!q.step()) return std::nullopt;
    return schedule_row(q);
  }

 protected:
  store::Database& db_;
};

// The primitives of one write, each a plain statement inside the store's transaction.
class SqlSnapshotWriter final : public SqlReads<SnapshotWriter> {
 public:
  SqlSnapshotWriter(store::Database& db, store::WriteTransaction& tx) : SqlReads(db), tx_(tx) {}

  int64_t insert_snapshot(const StoredSnapshot& s) override {
    store::Statement q(db_, "INSERT INTO foresight_snapshot(name, taken_at, trigger, query, records, periods, fields) "
                        "VALUES (?,?,?,?,?,?,?) RETURNING id");
    q.bind(1, s.info.name);
    q.bind(2, s.info.taken_at);
    q.bind(3, s.info.trigger);
    q.bind(4, s.query);
    q.bind(5, static_cast<int64_t>(s.info.records));
    q.bind(6, s.periods);
    q.bind(7, s.fields);
    q.step();
    int64_t id = q.int64(0);
    q.exec();
    return id;
  }

  void put_schedule(const std::string& name, const std::string& every, const std::string& query) override {
    store::Statement q(db_, "INSERT INTO foresight_schedule(name, every, query) VALUES (?,?,?) "
                        "ON CONFLICT(name) DO UPDATE SET every = excluded.every, query = excluded.query");
    q.bind(1, name);
    q.bind(2, every);
    q.bind(3, query);
    q.exec();
  }

  bool remove_schedule(const std::string& name) override {
    store::Statement q(db_, "DELETE FROM foresight_schedule WHERE name = ?");
    q.bind(1, name);
    return q.exec() > 0;
  }

  void set_last_run(const std::string& name, const std::string& at, int64_t epoch) override {
    store::Statement q(db_, "UPDATE foresight_schedule SET last_run = ?, last_run_epoch = ? WHERE name = ?");
    q.bind(1, at);
    q.bind(2, epoch);
    q.bind(3, name);
    q.exec();
  }

  void audit(const store::AuditChange& change) override { tx_.audit(change); }

 private:
  store::WriteTransaction& tx_;
};

class SqlSnapshotStore final : public SqlReads<SnapshotStore> {
 public:
  using SqlReads::SqlReads;

  void write(const std::function<void(SnapshotWriter&)>& work) override {
    store::unit_of_work<SqlSnapshotWriter>(db_, work);
  }

  void bookkeeping(const char* why, const std::function<void(SnapshotWriter&)>& work) override {
    store::unit_of_work<SqlSnapshotWriter>(db_, work, why);
  }
};

}  // namespace

std::unique_ptr<SnapshotStore> sql_snapshot_store(store::Database& db) {
  return std::make_unique<SqlSnapshotStore>(db);
}

}  // namespace xinzhi::foresight
