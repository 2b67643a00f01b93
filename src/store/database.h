// A database connection configured the way all of Xinzhi expects, on either engine: an
// embedded SQLite file (WAL, busy timeout, foreign keys) or a PostgreSQL server
// (`postgresql://…`); write transactions that take the writer lock up front; backup.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "store/statement.h"

namespace xinzhi::store {

enum class Dialect { Sqlite, Postgres };

// True for a `postgresql://` or `postgres://` address; anything else names a SQLite file.
bool is_postgres_address(std::string_view location);
// The address with any password replaced by "***", for messages and logs.
std::string redact_address(std::string_view location);

// One engine's connection (store/sqlite_connection.cpp, store/postgres_connection.cpp).
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  virtual std::unique_ptr<StatementBackend> prepare(std::string_view sql) = 0;
  virtual void exec_script(std::string_view sql) = 0;  // several statements, no parameters
  virtual int64_t total_changes() = 0;                 // rows changed on this connection so far
  virtual void begin_write() = 0;  // the engine's writer lock for this database, then BEGIN
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;
  virtual bool table_exists(std::string_view table) = 0;
  // Prepared statements kept for reuse (SQLite; tests and diagnostics).
  virtual size_t idle_statements() const { return 0; }
  // PostgreSQL: one COPY … FROM STDIN of rows already in COPY's text format (store/bulk_insert.h).
  // Rows COPYed into a table count as changed rows (the audit rule sees them); into a
  // temporary staging table they do not (the INSERT … SELECT that moves them counts).
  enum class CopyInto { Table, Staging };
  virtual void copy_text(std::string_view table, const std::vector<std::string>& columns, std::string_view rows,
                         CopyInto into) = 0;
};

class Database {
 public:
  // Opens a SQLite file (creating parent folders and the file if needed) or connects to the
  // PostgreSQL server a `postgresql://` address names.
  explicit Database(const std::string& location);
  ~Database();
  Dialect dialect() const { return dialect_; }
  bool is_postgres() const { return dialect_ == Dialect::Postgres; }
  // The file path or server address as given (with its password, if any: never print it;
  // display() is the printable form).
  const std::string& path() const { return location_; }
  std::string display() const { return redact_address(location_); }
  Connection& connection() { return *conn_; }

  // Runs one or more statements that take no parameters (schema, test set-up).
  void exec(std::string_view script);
  // The first column of the first row of a query (0 or "" when it returns no row).
  int64_t query_int(std::string_view sql);
  std::string query_text(std::string_view sql);
  bool table_exists(std::string_view table) { return conn_->table_exists(table); }
  // Runs a trivial query: throws if the database cannot be read (health checks).
  void ping();
  // SQLite: copies the live file to `target` with the online backup API, readers and
  // writers working on. PostgreSQL: see store/backup.h.
  void backup_to(const std::string& target);
 private:
  friend class WriteTransaction;
  // The mutex this process's writers to this database queue on (one per file or server);
  // only WriteTransaction takes it, so that a nested write is caught rather than deadlocked.
  std::mutex& writer_gate();

  std::string location_;
  Dialect dialect_;
  std::unique_ptr<Connection> conn_;
  std::mutex* gate_ = nullptr;
};

struct AuditChange;

// BEGIN … COMMIT with the writer lock taken up front, rolled back if destroyed before
// commit(). SQLite: BEGIN IMMEDIATE (a deferred transaction that upgrades later fails with
// SQLITE_BUSY under concurrency even with a busy timeout). PostgreSQL: a transaction-scoped
// advisory lock, so that writers from every server process append to one audit chain in
// order, as on SQLite.
//
// Every transaction that changes rows must say what it did through audit(): commit()
// refuses one that changed rows without an audit entry, so no write path can forget the
// trail. Bookkeeping that is not a user's write (schema migrations, a session's last-seen
// time, a failed-login counter) opens the transaction with a Bookkeeping reason instead.
class WriteTransaction {
 public:
  struct Bookkeeping {
    const char* why;
  };
  explicit WriteTransaction(Database& db);
  WriteTransaction(Database& db, Bookkeeping);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  // Appends an entry to the audit trail inside this transaction.
  void audit(const AuditChange& change);
  void commit();

 private:
  Database& db_;
  std::unique_lock<std::mutex> gate_;
  bool open_ = true;
  bool audited_ = false;
  bool bookkeeping_ = false;
  int64_t changes_at_start_ = 0;
};

// Owns the database location and gives each thread its own connection (neither engine's
// connections may be shared between threads without serialisation).
class Store {
 public:
  explicit Store(std::string location);
  Database& connection();
  const std::string& path() const { return location_; }

 private:
  std::string location_;
};

}  // namespace xinzhi::store
