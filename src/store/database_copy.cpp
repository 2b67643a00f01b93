#include "store/database_copy.h"

#include "base/error.h"
#include "store/bulk_insert.h"
#include "store/postgres_schema.h"
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
  if (to.is_postgres())
    for (const auto& table : tables)
      for (auto& statement : drop_foreign_keys(to, table)) restore_keys.push_back(std::move(statement));
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
