// The SQL implementation (SQLite and PostgreSQL, one text) of linkage::LinkageStore and the
// linkage migrations.
#include "modules/linkage/linkage_store.h"

#include "base/error.h"
#include "store/queries.h"

namespace xinzhi::linkage {

namespace {

IoTableInfo table_row(store::Statement& q) {
  return {q.int64(0), q.text(1), q.text(2), q.text(3), q.int64(4), q.int64(5) != 0, q.text(6)};
}

constexpr const char* kTableSelect = "SELECT id, name, file, output_from, sectors, sample, imported_at FROM io_table";

class SqlLinkageStore final : public LinkageStore {
 public:
  explicit SqlLinkageStore(store::Database& db) : db_(db) {}

  int64_t add_table(const IoTableInfo& info, const std::vector<SectorLinkage>& sectors,
                    const store::AuditChange& change) override {
    store::WriteTransaction tx(db_);
    int64_t id = store::insert_id(db_,
                                  "INSERT INTO io_table(name, file, output_from, sectors, sample, imported_at) "
                                  "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO NOTHING RETURNING id",
                                  {info.name, info.file, info.output_from, static_cast<int64_t>(sectors.size()),
                                   int64_t{info.sample ? 1 : 0}, store::utc_now()});
    if (id == 0)
      fail_keyed(ErrorCode::Conflict, "io_table_exists", {{"name", info.name}},
                 "an input-output table named '" + info.name + "' is stored already");
    store::Statement add(db_,
                         "INSERT INTO io_sector(table_id, position, name, output_multiplier, backward_linkage, "
                         "forward_linkage) VALUES (?, ?, ?, ?, ?, ?)");
    for (size_t i = 0; i < sectors.size(); ++i) {
      const auto& s = sectors[i];
      add.reset();
      add.bind(1, id).bind(2, static_cast<int64_t>(i)).bind(3, s.name);
      add.bind(4, s.output_multiplier).bind(5, s.backward_linkage).bind(6, s.forward_linkage);
      add.exec();
    }
    tx.audit(change);
    tx.commit();
    return id;
  }

  std::vector<IoTableInfo> tables() override {
    std::string sql(kTableSelect);
    return store::all_rows(db_, sql.append(" ORDER BY sample, id"), {}, table_row);
  }

  std::optional<IoTableInfo> table(const std::string& name) override {
    std::string sql(kTableSelect);
    return store::first_row(db_, sql.append(" WHERE name = ?"), {name}, table_row);
  }

  std::vector<SectorLinkage> sectors(int64_t table_id) override {
    return store::all_rows(db_,
                           "SELECT name, output_multiplier, backward_linkage, forward_linkage FROM io_sector "
                           "WHERE table_id = ? ORDER BY position",
                           {table_id}, [](store::Statement& q) {
                             return SectorLinkage{q.text(0), q.real(1), q.real(2), q.real(3)};
                           });
  }

  void set_mapping(const std::string& chain, const std::string& segment, int64_t table_id, int64_t sector,
                   const store::AuditChange& change) override {
    store::WriteTransaction tx(db_);
    if (sector < 0)
      store::run(db_, "DELETE FROM io_segment_sector WHERE chain = ? AND segment = ? AND table_id = ?",
                 {chain, segment, table_id});
    else
      store::run(db_,
                 "INSERT INTO io_segment_sector(chain, segment, table_id, sector_position, mapped_at) VALUES (?, ?, ?, ?, ?) "
                 "ON CONFLICT(chain, segment, table_id) DO UPDATE SET sector_position = excluded.sector_position, "
                 "mapped_at = excluded.mapped_at",
                 {chain, segment, table_id, sector, store::utc_now()});
    tx.audit(change);
    tx.commit();
  }

  std::vector<std::pair<std::string, int64_t>> mappings(const std::string& chain, int64_t table_id) override {
    return store::all_rows(db_,
                           "SELECT segment, sector_position FROM io_segment_sector WHERE chain = ? AND table_id = ? "
                           "ORDER BY segment",
                           {chain, table_id}, [](store::Statement& q) { return std::pair{q.text(0), q.int64(1)}; });
  }

 private:
  store::Database& db_;
};

}  // namespace

std::unique_ptr<LinkageStore> sql_linkage_store(store::Database& db) { return std::make_unique<SqlLinkageStore>(db); }

std::vector<store::Migration> migrations() {
  return {{"linkage", 1, "input-output tables' sector linkages and the chain segments read as their sectors",
           R"sql(
CREATE TABLE io_table (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  file TEXT NOT NULL,
  output_from TEXT NOT NULL,
  sectors INTEGER NOT NULL,
  sample INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),
  imported_at TEXT NOT NULL
);
CREATE TABLE io_sector (
  table_id INTEGER NOT NULL REFERENCES io_table(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  output_multiplier REAL NOT NULL,
  backward_linkage REAL NOT NULL,
  forward_linkage REAL NOT NULL,
  PRIMARY KEY (table_id, position)
) WITHOUT ROWID;
-- Chains and segments by name: they belong to the chain module, whose tables this one does
-- not reference; a mapping whose segment left the chain is ignored where it is read.
CREATE TABLE io_segment_sector (
  chain TEXT NOT NULL,
  segment TEXT NOT NULL,
  table_id INTEGER NOT NULL REFERENCES io_table(id) ON DELETE CASCADE,
  sector_position INTEGER NOT NULL,
  mapped_at TEXT NOT NULL,
  PRIMARY KEY (chain, segment, table_id)
) WITHOUT ROWID;
)sql"}};
}

}  // namespace xinzhi::linkage
