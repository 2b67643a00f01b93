// xinzhi db backup and db restore on either engine (modules/registry.h).
#include <filesystem>

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "modules/registry.h"
#include "store/audit_trail.h"
#include "store/bulk_insert.h"
#include "store/database_copy.h"

namespace xinzhi::modules {

namespace {
// A backup is restored by the build that wrote it: every migration this build knows is
// applied in it, and no other.
void check_same_schema(store::Database& db, const std::string& what) {
  auto known = all_migrations();
  for (const auto& m : store::migration_status(db, known))
    if (m.pending)
      fail(ErrorCode::Conflict, what + " lacks migration " + m.module + "/" + std::to_string(m.version) +
                                    ": it was written by an older Xinzhi; run xinzhi db migrate --db on it first");
  if (store::recorded_migrations(db) != static_cast<int64_t>(known.size()))
    fail(ErrorCode::Conflict, what + " has migrations this build does not know: it was written by a newer Xinzhi");
}

}  // namespace

store::CopyReport backup_database(store::Database& db, const std::string& file) {
  if (store::is_postgres_address(file)) invalid_input("a backup is written to a file, not to " + store::redact_address(file));
  if (std::filesystem::exists(file)) fail(ErrorCode::Conflict, "backup target exists: " + file);
  if (!db.is_postgres()) {
    db.backup_to(file);  // SQLite's online backup: a page-for-page copy
    store::CopyReport report;
    store::Database copy(file);
    for (const auto& table : store::tables_in_creation_order(copy)) {
      int64_t n = copy.query_int("SELECT count(*) FROM " + table);
      report.tables.emplace_back(table, n);
      report.rows += n;
    }
    return report;
  }
  check_same_schema(db, "the database");
  try {
    store::Database copy(file);
    migrate(copy);
    store::SqliteForeignKeysOff keys_off(copy);
    store::WriteTransaction tx(copy, {"backup: rows copied as they are, the audit trail with them"});
    auto report = store::copy_rows(db, copy, store::tables_in_creation_order(copy));
    tx.commit();
    return report;
  } catch (...) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file + suffix, ec);
    throw;
  }
}

store::CopyReport restore_database(const std::string& file, store::Database& db) {
  if (!std::filesystem::exists(file)) not_found("no backup file " + file);
  store::Database backup(file);
  if (store::recorded_migrations(backup) == 0) invalid_input(file + " is not a Xinzhi database");
  check_same_schema(backup, file);
  migrate(db);
  store::SqliteForeignKeysOff keys_off(db);
  store::WriteTransaction tx(db);
  auto report = store::copy_rows(backup, db, store::tables_in_creation_order(backup));
  // The restored trail continues with the restore itself.
  auto detail = nlohmann::json{{"from", file}, {"rows", report.rows}, {"tables", report.tables.size()}}.dump();
  tx.audit({"db.restore", "database", db.display(), "", detail, detail});
  tx.commit();
  return report;
}

}  // namespace xinzhi::modules
