// PostgreSQL catalogue steps of a bulk load (private to store/): drop a table's foreign keys
// or secondary indexes now, and get back the statements that create them again.
#pragma once
#include <string>
#include <vector>

#include "store/database.h"

namespace xinzhi::store {

std::vector<std::string> drop_foreign_keys(Database& db, const std::string& table);
// Indexes that are neither unique nor primary (ON CONFLICT needs those).
std::vector<std::string> drop_secondary_indexes(Database& db, const std::string& table);

}  // namespace xinzhi::store
