// BulkQuery: a forward-only prepared SELECT read with sqlite3's own column calls, for bulk
// reads of millions of rows. SQLiteCpp's Column copies a shared_ptr per value, which costs
// more than the read itself at that scale (measured with perf on bench/chain_atlas.py).
#pragma once
#include <sqlite3.h>

#include <cstdint>

#include "store/database.h"

namespace xinzhi::store {

class BulkQuery {
 public:
  BulkQuery(Database& db, const char* sql);
  ~BulkQuery();
  BulkQuery(const BulkQuery&) = delete;
  BulkQuery& operator=(const BulkQuery&) = delete;
  void bind(int index, int64_t value);
  bool step();  // false when done; throws on error
  int64_t int64(int column) const { return sqlite3_column_int64(stmt_, column); }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace xinzhi::store
