#include "store/database_copy.h"

#include <algorithm>
#include <map>

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
// A table's columns in the database's own catalogue, in order; none when it has no such table.
std::vector<std::string> table_columns(Database& db, const std::string& table) {
  Statement q(db, db.is_postgres() ? "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                                     "current_schema() AND table_name = ? ORDER BY ordinal_position"
                                   : "SELECT name FROM pragma_table_info(?) ORDER BY cid");
  q.bind(1, table);
  std::vector<std::string> out;
  while (q.step()) out.push_back(q.text(0));
  return out;
}

// The names a backup file gives are checked against the target's catalogue before any SQL
// names them: a crafted file cannot smuggle SQL in through a table or column name.
std::vector<std::string> checked_columns(Database& from, Database& to, const std::string& table) {
  auto target = table_columns(to, table);
  if (target.empty())
    fail(ErrorCode::Conflict, "the source has a table " + table + " that " + to.display() + " does not have");
  auto source = table_columns(from, table);
  for (const auto& column : source)
    if (std::find(target.begin(), target.end(), column) == target.end())
      fail(ErrorCode::Conflict, "the source's table " + table + " has a column " + column + " that " + to.display() +
                                    " does not have");
  return source;
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
  std::map<std::string, std::vector<std::string>> columns_of;
  for (const auto& table : tables) columns_of[table] = checked_columns(from, to, table);
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
      const auto& columns = columns_of.at(table);
      std::string list;
      for (const auto& c : columns) list.append(list.empty() ? "" : ", ").append(c);
      Statement rows(from, "SELECT " + list + " FROM " + table + " ORDER BY 1");
      BulkInsert insert(to, table, columns);
      std::vector<Value> row(columns.size());
      int64_t n = 0;
      while (rows.step()) {
        for (size_t c = 0; c < columns.size(); ++c) row[c] = rows.value(static_cast<int>(c));
        insert.add(row);
        ++n;
      }
      insert.finish();
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
