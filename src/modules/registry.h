// Every module's migrations, in the order they must run: the one list that
// `xinzhi db migrate` and the server apply.
#pragma once
#include <vector>

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
}  // namespace xinzhi::modules
