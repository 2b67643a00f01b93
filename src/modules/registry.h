// Every module's migrations, in the order they must run: the one list that
// `xinzhi db migrate` and the server apply.
#pragma once
#include <vector>

#include "store/database_copy.h"
#include "store/migrations.h"

namespace xinzhi::modules {
std::vector<store::Migration> all_migrations();
// Opens the database at `path` through `db` and brings its schema up to date.
int migrate(store::Database& db);
// Writes the sample region (示例数据) — knowledge graph and the chains derived from it — when
// the database holds no data; returns false when it left the database alone.
bool seed_sample_region(store::Database& db);
// Deletes the sample region — its knowledge graph and its chains — keeping imported data;
// returns the number of sample entities and chains removed.
int64_t remove_sample_region(store::Database& db);

// Writes a copy of the whole database to a new SQLite file: SQLite's online backup, or, from
// PostgreSQL, every row in one snapshot (so that one file format restores into either engine).
store::CopyReport backup_database(store::Database& db, const std::string& file);
// Copies a backup file into `db`, which must hold no rows yet (a new file, database or
// schema), and audits the restore as the next entry of the restored trail.
store::CopyReport restore_database(const std::string& file, store::Database& db);
}  // namespace xinzhi::modules
