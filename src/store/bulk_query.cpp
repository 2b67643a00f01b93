#include "store/bulk_query.h"

#include "base/error.h"

namespace xinzhi::store {

BulkQuery::BulkQuery(Database& db, const char* sql) : db_(db.sql().getHandle()) {
  if (sqlite3_prepare_v2(db_, sql, -1, &stmt_, nullptr) != SQLITE_OK)
    fail(ErrorCode::Internal, std::string("cannot prepare query: ") + sqlite3_errmsg(db_));
}

BulkQuery::~BulkQuery() { sqlite3_finalize(stmt_); }

void BulkQuery::bind(int index, int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK)
    fail(ErrorCode::Internal, std::string("cannot bind: ") + sqlite3_errmsg(db_));
}

bool BulkQuery::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(ErrorCode::Internal, std::string("query failed: ") + sqlite3_errmsg(db_));
}

}  // namespace xinzhi::store
