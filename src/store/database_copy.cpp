#include "store/database_copy.h"

#include "base/error.h"
#include "store/bulk_insert.h"
#include "store/statement.h"

namespace xinzhi::store {

std::vector<std::string> tables_in_creation_order(Database& sqlite_db) {
  if (sqlite_db.is_postgres()) fail(ErrorCode::Internal, "the creation order is read from a SQLite database");
  std::vector<std::string> out;
  Statement q(sqlite_db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                         "AND name <> 'schema_version' ORDER BY rowid");
  while (q.step()) out.push_back(q.text(0));
  return out;
}

namespace {
// PostgreSQL: the foreign keys of every table copied, dropped now; the statements that add
// them back, to run after the copy.
std::vector<std::string> drop_foreign_keys(Database& db, const std::vector<std::string>& tables) {
  std::vector<std::string> restore;
  for (const auto& table : tables) {
    Statement keys(db, "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = ?::regclass "
                       "AND contype = 'f' ORDER BY conname");
    keys.bind(1, table);
    while (keys.step()) {
      db.exec("ALTER TABLE " + table + " DROP CONSTRAINT " + keys.text(0));
      restore.push_back("ALTER TABLE " + table + " ADD CONSTRAINT " + keys.text(0) + " " + keys.text(1));
    }
  }
  return restore;
}

void continue_identities(Database& db) {
  Statement q(db, "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                  "AND is_identity = 'YES'");
  std::vector<std::pair<std::string, std::string>> identities;
  while (q.step()) identities.emplace_back(q.text(0), q.text(1));
  for (const auto& [table, column] : identities) {
    // Table and column names come from the catalogue, not from a user.
    Statement set(db, "SELECT setval(pg_get_serial_sequence(?, ?), coalesce((SELECT max(" + column + ") FROM " + table +
                          "), 0) + 1, false)");
    set.bind(1, table).bind(2, column);
    set.exec();
  }
}
}  // namespace

CopyReport copy_rows(Database& from, Database& to, const std::vector<std::string>& tables) {
  CopyReport report;
  for (const auto& table : tables)
    if (to.query_int("SELECT count(*) FROM (SELECT 1 FROM " + table + " LIMIT 1) t") != 0)
      fail(ErrorCode::Conflict, "table " + table + " in " + to.display() + " already holds rows; restore into a new database");
  std::vector<std::string> restore_keys;
  if (to.is_postgres()) restore_keys = drop_foreign_keys(to, tables);
  // One snapshot of the source for every table.
  from.exec(from.is_postgres() ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN");
  try {
    for (const auto& table : tables) {
      Statement rows(from, "SELECT * FROM " + table + " ORDER BY 1");
      std::unique_ptr<BulkInsert> insert;
      std::vector<Value> row;
      int64_t n = 0;
      while (rows.step()) {
        if (!insert) {
          std::vector<std::string> columns;
          for (int c = 0; c < rows.columns(); ++c) columns.push_back(rows.column_name(c));
          insert = std::make_unique<BulkInsert>(to, table, columns);
          row.resize(columns.size());
        }
        for (int c = 0; c < rows.columns(); ++c) row[c] = rows.value(c);
        insert->add(row);
        ++n;
      }
      if (insert) insert->finish();
      report.tables.emplace_back(table, n);
      report.rows += n;
    }
    from.exec("COMMIT");
  } catch (...) {
    from.connection().rollback();
    throw;
  }
  if (to.is_postgres()) {
    for (const auto& statement : restore_keys) to.exec(statement);
    continue_identities(to);
  } else {
    Statement check(to, "PRAGMA foreign_key_check");
    if (check.step())
      fail(ErrorCode::Conflict, "the copy breaks a foreign key: a row of " + check.text(0) + " names a missing row of " +
                                    check.text(2));
  }
  return report;
}

}  // namespace xinzhi::store
