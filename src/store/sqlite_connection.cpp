// The SQLite engine behind store::Connection, on sqlite3's C API: the bulk reads step
// millions of rows, and a wrapper that copies a handle per value costs more than the read.
#include "store/sqlite_connection.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "base/error.h"
#include "store/engine_errors.h"

namespace xinzhi::store {

namespace {

// Busy and locked mean another writer held the lock past the timeout: the service is busy,
// not broken, and the caller may retry (503). A broken constraint is a conflict (409).
[[noreturn]] void sqlite_fail(sqlite3* db, int rc, const std::string& what) {
  std::string msg = what + ": " + sqlite3_errmsg(db);
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      fail(ErrorCode::Unavailable, "the database is busy with another write; try again in a moment");
    case SQLITE_CONSTRAINT:
      constraint_conflict(msg);
    default:
      fail(ErrorCode::Internal, msg);
  }
}

// Statements a connection has prepared and may hand out again: a request's SQL is the same
// few texts every time, and parsing and planning them again was most of a write's time (spent
// inside the writer gate). A statement is lent to one user at a time, keyed by the caller's
// own text; when it is done it is reset and comes back. Statements hold the cache by
// shared_ptr, so one that outlives its connection finalizes itself instead of returning.
struct TextHash : std::hash<std::string_view> {
  using is_transparent = void;
};

class StatementCache {
 public:
  using Idle = std::unordered_map<std::string, sqlite3_stmt*, TextHash, std::equal_to<>>;
  using Lent = Idle::node_type;  // the entry with its key, out of the map while in use

  StatementCache() { idle_.reserve(kMostIdle + 1); }  // returns never rehash (nor throw)
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;
  ~StatementCache() { close(); }
  // Finalizes the idle statements; those still lent are finalized by their users.
  void close() {
    for (auto& [sql, stmt] : idle_) sqlite3_finalize(stmt);
    idle_.clear();
    closed_ = true;
  }
  size_t idle() const { return idle_.size(); }
  // The idle statement for this text, or an entry for it with no statement yet.
  Lent lend(std::string_view sql) {
    if (auto it = idle_.find(sql); it != idle_.end()) return idle_.extract(it);
    Idle one;
    one.emplace(std::string(sql), nullptr);
    return one.extract(one.begin());
  }
  void give_back(Lent lent) noexcept {
    sqlite3_stmt* stmt = lent.mapped();
    sqlite3_reset(stmt);  // its error, if any, was reported by step
    sqlite3_clear_bindings(stmt);
    if (closed_ || idle_.contains(lent.key())) {
      sqlite3_finalize(stmt);
      return;
    }
    if (idle_.size() >= kMostIdle) {  // full: make room by dropping any one idle statement
      sqlite3_finalize(idle_.begin()->second);
      idle_.erase(idle_.begin());
    }
    idle_.insert(std::move(lent));
  }

 private:
  static constexpr size_t kMostIdle = 256;
  Idle idle_;
  bool closed_ = false;
};

class SqliteStatement final : public StatementBackend {
 public:
  SqliteStatement(sqlite3* db, std::string_view sql, std::shared_ptr<StatementCache> cache = nullptr)
      : db_(db), cache_(std::move(cache)) {
    if (cache_) {
      lent_ = cache_->lend(sql);
      stmt_ = lent_.mapped();
      if (stmt_) return;
    }
    // Persistent: a cached statement lives long, so SQLite keeps it out of its lookaside memory.
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), cache_ ? SQLITE_PREPARE_PERSISTENT : 0,
                                &stmt_, &tail);
    if (rc != SQLITE_OK) sqlite_fail(db, rc, "cannot prepare " + std::string(sql.substr(0, 80)));
    // SQLite prepares the first statement of a text and ignores the rest: say so, not run half.
    std::string_view rest(tail, static_cast<size_t>(sql.data() + sql.size() - tail));
    if (rest.find_first_not_of(" \t\r\n;") != std::string_view::npos) {
      sqlite3_finalize(stmt_);
      fail(ErrorCode::Internal, "a statement holds more than one SQL statement: " + std::string(sql.substr(0, 80)));
    }
    if (cache_) lent_.mapped() = stmt_;
  }
  ~SqliteStatement() override {
    if (cache_ && stmt_)
      cache_->give_back(std::move(lent_));
    else
      sqlite3_finalize(stmt_);
  }

  void bind_null(int i) override { check(sqlite3_bind_null(stmt_, i)); }
  void bind_int(int i, int64_t v) override { check(sqlite3_bind_int64(stmt_, i, v)); }
  void bind_real(int i, double v) override { check(sqlite3_bind_double(stmt_, i, v)); }
  void bind_text(int i, std::string_view v) override {
    check(sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  }
  int index_of(std::string_view name) override {
    return sqlite3_bind_parameter_index(stmt_, std::string(name).c_str());
  }
  bool step() override {
    if (done_) return false;
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    done_ = true;
    if (rc == SQLITE_DONE) {
      changes_ = sqlite3_changes64(db_);
      return false;
    }
    sqlite_fail(db_, rc, "query failed");
  }
  int64_t changes() override { return changes_; }
  void reset() override {
    sqlite3_reset(stmt_);
    done_ = false;
    changes_ = 0;
  }
  int columns() const override { return sqlite3_column_count(stmt_); }
  bool is_null(int c) const override { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
  int64_t int64(int c) const override { return sqlite3_column_int64(stmt_, c); }
  double real(int c) const override { return sqlite3_column_double(stmt_, c); }
  std::string_view text(int c) const override {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, c));
    return p ? std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, c))) : std::string_view();
  }
  std::string column_name(int c) const override { return sqlite3_column_name(stmt_, c); }
  Value value(int c) const override {
    switch (sqlite3_column_type(stmt_, c)) {
      case SQLITE_NULL: return nullptr;
      case SQLITE_INTEGER: return int64(c);
      case SQLITE_FLOAT: return real(c);
      default: return std::string(text(c));
    }
  }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) sqlite_fail(db_, rc, "cannot bind a value");
  }
  sqlite3* db_;
  std::shared_ptr<StatementCache> cache_;
  StatementCache::Lent lent_;
  sqlite3_stmt* stmt_ = nullptr;
  bool done_ = false;
  int64_t changes_ = 0;
};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const std::string& path) {
    if (path.empty()) invalid_input("database path is empty");
    auto parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) fail(ErrorCode::Unavailable, "cannot create folder " + parent.string() + ": " + ec.message());
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      fail(ErrorCode::Unavailable, "cannot open database " + path + ": " + msg);
    }
    sqlite3_busy_timeout(db_, 5000);
    // PostgreSQL's "C" collation under its own name, so that one SQL text can say
    // lower(x COLLATE "C"): on PostgreSQL that folds ASCII letters only, as SQLite's lower()
    // always does, and a search finds the same rows on both engines.
    sqlite3_create_collation_v2(
        db_, "C", SQLITE_UTF8, nullptr,
        [](void*, int a_len, const void* a, int b_len, const void* b) {
          const int c = std::memcmp(a, b, static_cast<size_t>(std::min(a_len, b_len)));
          return c != 0 ? c : a_len - b_len;
        },
        nullptr);
    exec_script(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        // 64 MiB page cache: bulk imports touch several indexes at once (ICKG25 writes 25% faster).
        "PRAGMA cache_size=-65536;");
  }
  ~SqliteConnection() override {
    cache_->close();
    sqlite3_close_v2(db_);  // closes once the statements still lent are finalized
  }

  Dialect dialect() const override { return Dialect::Sqlite; }
  std::unique_ptr<StatementBackend> prepare(std::string_view sql) override {
    return std::make_unique<SqliteStatement>(db_, sql, cache_);
  }
  void exec_script(std::string_view sql) override {
    std::string text(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      sqlite_fail(db_, rc, "statement failed (" + msg + ")");
    }
  }
  size_t idle_statements() const override { return cache_->idle(); }
  int64_t total_changes() override { return sqlite3_total_changes64(db_); }
  void begin_write() override { exec_script("BEGIN IMMEDIATE"); }
  void commit() override { exec_script("COMMIT"); }
  void rollback() noexcept override { sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr); }
  bool table_exists(std::string_view table) override {
    SqliteStatement q(db_, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
    q.bind_text(1, table);
    return q.step();
  }
  void copy_text(std::string_view, const std::vector<std::string>&, std::string_view, CopyInto) override {
    fail(ErrorCode::Internal, "COPY is PostgreSQL's; SQLite inserts rows one by one");
  }

  void backup_to(const std::string& target) {
    if (std::filesystem::exists(target)) fail(ErrorCode::Conflict, "backup target exists: " + target);
    SqliteConnection dest(target);
    sqlite3_backup* b = sqlite3_backup_init(dest.db_, "main", db_, "main");
    int rc = SQLITE_ERROR;
    if (b) {
      // Copy in steps so that writers are only briefly locked out on a large database.
      do {
        rc = sqlite3_backup_step(b, 256);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
      } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
      sqlite3_backup_finish(b);
    }
    if (rc != SQLITE_DONE) {
      std::string msg = sqlite3_errmsg(dest.db_);
      std::filesystem::remove(target);
      fail(ErrorCode::Unavailable, "backup to " + target + " failed: " + msg);
    }
  }

 private:
  sqlite3* db_ = nullptr;
  std::shared_ptr<StatementCache> cache_ = std::make_shared<StatementCache>();
};

}  // namespace

std::unique_ptr<Connection> open_sqlite(const std::string& path) { return std::make_unique<SqliteConnection>(path); }

void sqlite_backup(Connection& source, const std::string& target) {
  static_cast<SqliteConnection&>(source).backup_to(target);
}

}  // namespace xinzhi::store
