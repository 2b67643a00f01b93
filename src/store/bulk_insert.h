// store::BulkInsert: many rows into one table inside the caller's write transaction, at each
// engine's bulk speed. SQLite inserts each row with one prepared statement as it is added.
// PostgreSQL, where a statement per row costs a round trip (an ICKG import took 26 s instead
// of 1.2 s), COPYs the rows into a temporary table in chunks, then moves them with one
// INSERT … SELECT that keeps the same ON CONFLICT and RETURNING (and, for a batch as large as
// the table, checks its foreign keys once for all rows; see finish()).
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"
#include "store/statement.h"

namespace xinzhi::store {

class BulkInsert {
 public:
  // `on_conflict` is appended to the INSERT ("ON CONFLICT (number) DO NOTHING", or empty);
  // when `returning` names columns, `returned` sees each inserted row's values of them.
  BulkInsert(Database& db, std::string table, std::vector<std::string> columns, std::string on_conflict = {},
             std::vector<std::string> returning = {}, std::function<void(const Statement&)> returned = {});
  // The caller knows that no row conflicts with the table or with another row of the batch
  // (the rows of a source created in this transaction, deduplicated first): PostgreSQL then
  // COPYs straight into the table, without the temporary table and the INSERT … SELECT.
  struct Fresh {};
  BulkInsert(Database& db, std::string table, std::vector<std::string> columns, Fresh);
  ~BulkInsert();
  BulkInsert(const BulkInsert&) = delete;
  BulkInsert& operator=(const BulkInsert&) = delete;

  // One row, its values in column order.
  void add(std::initializer_list<Value> row) { add(row.begin(), row.size()); }
  void add(const std::vector<Value>& row) { add(row.data(), row.size()); }
  // Writes what is still staged; the number of rows the table gained.
  int64_t finish();

 private:
  void add(const Value* row, size_t size);
  void flush_copy();
  void prepare_load();
  std::string column_list() const;

  Database& db_;
  std::string table_, stage_, on_conflict_;
  std::vector<std::string> columns_, returning_;
  std::function<void(const Statement&)> returned_;
  std::unique_ptr<Statement> insert_;  // SQLite
  std::string copy_;                   // PostgreSQL: rows in COPY's text format, not yet sent
  int64_t staged_ = 0;  // rows sent or waiting to be sent to the temporary table
  int64_t added_ = 0;
  bool direct_ = false;         // PostgreSQL, Fresh: COPY into the table itself
  bool load_prepared_ = false;  // prepare_load() ran
  std::vector<std::string> restore_;  // what prepare_load() dropped, to create again
  bool finished_ = false;
};

// SQLite checks a foreign key per statement unless told not to, and the switch works only
// outside a transaction: off for the life of this object, around a load that writes its rows
// in key order or checks the keys itself. Does nothing on PostgreSQL.
class SqliteForeignKeysOff {
 public:
  explicit SqliteForeignKeysOff(Database& db);
  ~SqliteForeignKeysOff();
  SqliteForeignKeysOff(const SqliteForeignKeysOff&) = delete;
  SqliteForeignKeysOff& operator=(const SqliteForeignKeysOff&) = delete;

 private:
  Database& db_;
};

}  // namespace xinzhi::store
