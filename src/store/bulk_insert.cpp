#include "store/bulk_insert.h"

#include <charconv>

#include "base/error.h"
#include "store/postgres_schema.h"
#include "store/queries.h"

namespace xinzhi::store {

namespace {
constexpr size_t kCopyChunk = 4u << 20;  // bytes per COPY: large enough to amortise, small enough to hold

// A value in COPY's text format: \N for NULL; backslash, tab, newline and CR escaped.
void append_copy_field(std::string& out, const Value& v) {
  if (std::holds_alternative<std::nullptr_t>(v)) {
    out.append("\\N");
  } else if (auto i = std::get_if<int64_t>(&v)) {
    out.append(std::to_string(*i));
  } else if (auto d = std::get_if<double>(&v)) {
    char buf[64];
    out.append(buf, std::to_chars(buf, buf + sizeof buf, *d).ptr);
  } else {
    const auto& text = std::get<std::string>(v);
    if (text.find('\0') != std::string::npos) refuse_nul();
    for (char ch : text) {
      switch (ch) {
        case '\\': out.append("\\\\"); break;
        case '\t': out.append("\\t"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        default: out.push_back(ch);
      }
    }
  }
}
}  // namespace

BulkInsert::BulkInsert(Database& db, std::string table, std::vector<std::string> columns, std::string on_conflict,
                       std::vector<std::string> returning, std::function<void(const Statement&)> returned)
    : db_(db),
      table_(std::move(table)),
      stage_(table_ + "_bulk"),
      on_conflict_(std::move(on_conflict)),
      columns_(std::move(columns)),
      returning_(std::move(returning)),
      returned_(std::move(returned)) {
  std::string returning_list;
  for (size_t i = 0; i < returning_.size(); ++i) returning_list.append(i ? ", " : " RETURNING ").append(returning_[i]);
  if (db_.is_postgres()) {
    // A temporary table with exactly the target's column types, gone at the end of the session
    // at the latest (dropped in finish()), and the rows' order: moved in that order, the
    // first of two conflicting rows is the one kept and RETURNING lists rows as added, as on SQLite.
    db_.exec("CREATE TEMPORARY TABLE " + stage_ + " AS SELECT " + column_list() + " FROM " + table_ + " WITH NO DATA");
    db_.exec("ALTER TABLE " + stage_ + " ADD COLUMN bulk_row BIGINT GENERATED ALWAYS AS IDENTITY");
    return;
  }
  std::string sql = "INSERT INTO " + table_ + "(" + column_list() + ") VALUES (";
  for (size_t i = 0; i < columns_.size(); ++i) sql.append(i ? ",?" : "?");
  sql.append(") ").append(on_conflict_).append(returning_list);
  insert_ = std::make_unique<Statement>(db_, sql);
}

BulkInsert::BulkInsert(Database& db, std::string table, std::vector<std::string> columns, Fresh)
    : db_(db), table_(std::move(table)), columns_(std::move(columns)), direct_(db.is_postgres()) {
  if (direct_) return;
  std::string sql = "INSERT INTO " + table_ + "(" + column_list() + ") VALUES (";
  for (size_t i = 0; i < columns_.size(); ++i) sql.append(i ? ",?" : "?");
  sql.append(")");
  insert_ = std::make_unique<Statement>(db_, sql);
}

BulkInsert::~BulkInsert() {
  if (db_.is_postgres() && !direct_ && !finished_) {
    try {
      db_.exec("DROP TABLE IF EXISTS " + stage_);
    } catch (...) {  // the transaction is being rolled back; the table goes with the session
    }
  }
}

std::string BulkInsert::column_list() const {
  std::string out;
  for (size_t i = 0; i < columns_.size(); ++i) out.append(i ? ", " : "").append(columns_[i]);
  return out;
}

void BulkInsert::add(const Value* row, size_t size) {
  if (size != columns_.size())
    fail(ErrorCode::Internal, "a row for " + table_ + " has " + std::to_string(size) + " values, expected " +
                                  std::to_string(columns_.size()));
  if (insert_) {
    for (size_t i = 0; i < size; ++i) insert_->bind(static_cast<int>(i + 1), row[i]);
    while (insert_->step())
      if (returned_) returned_(*insert_);
    added_ += insert_->exec();
    insert_->reset();
    return;
  }
  for (size_t i = 0; i < size; ++i) {
    if (i) copy_.push_back('\t');
    append_copy_field(copy_, row[i]);
  }
  copy_.push_back('\n');
  ++staged_;
  if (copy_.size() >= kCopyChunk) flush_copy();
}

void BulkInsert::flush_copy() {
  if (copy_.empty()) return;
  if (direct_) prepare_load();  // before the first rows reach the table
  db_.connection().copy_text(direct_ ? table_ : stage_, columns_, copy_,
                             direct_ ? Connection::CopyInto::Table : Connection::CopyInto::Staging);
  copy_.clear();
}

// A batch at least as large as the table is loaded as PostgreSQL's "Populating a Database"
// advises: foreign keys dropped and added back (checked by one join instead of a locking
// lookup per row: two thirds of an ICKG import), secondary indexes dropped and built again
// (one sort instead of a descent per row). Unique indexes stay: ON CONFLICT needs them. A
// broken key still fails, and rolls back, the whole transaction.
void BulkInsert::prepare_load() {
  if (load_prepared_) return;
  load_prepared_ = true;
  if (staged_ < 10000) return;
  // Rows in the table, counted up to one more than the batch (the planner's estimate is -1
  // for a table never analysed, and stale for one that grew since).
  Statement rows(db_, "SELECT count(*) FROM (SELECT 1 FROM " + table_ + " LIMIT ?) t");
  rows.bind(1, staged_ + 1);
  if (!rows.step() || rows.int64(0) > staged_) return;
  // Indexes first when creating again: the key checks may use them.
  restore_ = drop_secondary_indexes(db_, table_);
  for (auto& statement : drop_foreign_keys(db_, table_)) restore_.push_back(std::move(statement));
}

int64_t BulkInsert::finish() {
  if (finished_) return added_;
  finished_ = true;
  if (insert_) return added_;
  flush_copy();
  if (direct_) {
    added_ = staged_;
  } else {
    prepare_load();
    std::string sql = "INSERT INTO " + table_ + "(" + column_list() + ") SELECT " + column_list() + " FROM " +
                      stage_ + " ORDER BY bulk_row " + on_conflict_;
    for (size_t i = 0; i < returning_.size(); ++i) sql.append(i ? ", " : " RETURNING ").append(returning_[i]);
    Statement move(db_, sql);
    while (move.step())
      if (returned_) returned_(move);
    added_ = move.exec();
    db_.exec("DROP TABLE " + stage_);
  }
  for (const auto& statement : restore_) db_.exec(statement);
  return added_;
}

SqliteForeignKeysOff::SqliteForeignKeysOff(Database& db) : db_(db) {
  if (!db_.is_postgres()) db_.exec("PRAGMA foreign_keys=OFF");
}

SqliteForeignKeysOff::~SqliteForeignKeysOff() {
  try {
    if (!db_.is_postgres()) db_.exec("PRAGMA foreign_keys=ON");
  } catch (...) {  // a destructor must not throw; the connection is then left as it is
  }
}

}  // namespace xinzhi::store
