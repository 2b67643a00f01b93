// Every row of a database's tables copied into another database of either engine, values
// typed as the source holds them: `xinzhi db backup` of a PostgreSQL database into a SQLite
// file, and `xinzhi db restore` of such a file (or any SQLite backup) into either engine.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "store/database.h"

namespace xinzhi::store {

struct CopyReport {
  std::vector<std::pair<std::string, int64_t>> tables;  // rows copied per table, in copy order
  int64_t rows = 0;
};

// The tables of a SQLite database in the order they were created (so that a table comes
// after the tables its foreign keys name), without SQLite's own and schema_version.
std::vector<std::string> tables_in_creation_order(Database& sqlite_db);

// Copies the rows of `tables` from `from` (read in one snapshot) into `to`, whose schema
// exists and whose tables are empty, inside the caller's write transaction on `to`. Foreign
// keys are checked once at the end: PostgreSQL drops and adds them back, SQLite runs
// foreign_key_check (the caller turns foreign_keys off before the transaction). PostgreSQL's
// identity columns continue after the largest id copied.
CopyReport copy_rows(Database& from, Database& to, const std::vector<std::string>& tables);

}  // namespace xinzhi::store
