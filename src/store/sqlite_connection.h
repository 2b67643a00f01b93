// The two engines' connections, opened by store::Database (private to store/).
#pragma once
#include <memory>
#include <string>

#include "store/database.h"

namespace xinzhi::store {

std::unique_ptr<Connection> open_sqlite(const std::string& path);
// Online backup of a SQLite connection's database into a new file.
void sqlite_backup(Connection& source, const std::string& target);

std::unique_ptr<Connection> open_postgres(const std::string& address);

}  // namespace xinzhi::store
