// Numbered schema migrations: each module owns its tables and lists its migrations;
// the migrator applies the missing ones in order and records them in schema_version.
#pragma once
#include <string>
#include <vector>

#include "store/database.h"

namespace xinzhi::store {

struct Migration {
  std::string module;  // owner of the tables, e.g. "kg"
  int version;         // 1, 2, 3 … within the module
  std::string name;    // what it does, for `xinzhi db status`
  std::string sql;     // one or more statements, in SQLite's dialect
  // PostgreSQL's text where postgres_ddl(sql) would not do (say, a data fix that calls a
  // function only SQLite has); empty otherwise. The checksum covers `sql` only.
  std::string postgres_sql = {};
};

// A migration's SQLite DDL in PostgreSQL's dialect: INTEGER → BIGINT (row ids are 64-bit),
// INTEGER PRIMARY KEY → an identity column, REAL → DOUBLE PRECISION, the strftime('now')
// default → to_char(now()), WITHOUT ROWID dropped. COLLATE NOCASE stays: migrate() first
// creates a case-insensitive ICU collation of that name in the schema.
std::string postgres_ddl(const std::string& sqlite_sql);

struct AppliedMigration {
  std::string module;
  int version;
  std::string name;
  std::string applied_at;
  bool pending;  // listed in code but not yet applied
};

// Applies every migration not yet recorded, each in its own write transaction, and
// returns how many it applied. Refuses to run when the database holds a version the code
// does not know (a newer build wrote it) or a migration's text changed after it ran.
int migrate(Database& db, const std::vector<Migration>& migrations);
std::vector<AppliedMigration> migration_status(Database& db, const std::vector<Migration>& migrations);
// How many migrations the database records as applied (0 when it was never migrated).
int64_t recorded_migrations(Database& db);

}  // namespace xinzhi::store
