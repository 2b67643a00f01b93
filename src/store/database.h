// A SQLite connection configured the way all of Xinzhi expects (WAL, busy timeout,
// foreign keys), write transactions that take the write lock up front, and online backup.
#pragma once
#include <SQLiteCpp/Database.h>

#include <memory>
#include <mutex>
#include <string>

namespace xinzhi::store {

class Database {
 public:
  // Opens (creating parent folders and the file if needed) and applies the pragmas.
  explicit Database(const std::string& path);
  SQLite::Database& sql() { return db_; }
  const std::string& path() const { return path_; }
  // Runs a trivial query: throws if the database cannot be read (health checks).
  void ping();
  // Copies the live database to `target` with SQLite's online backup API: readers and
  // writers may keep working while it runs.
  void backup_to(const std::string& target);

 private:
  std::string path_;
  SQLite::Database db_;
};

struct AuditChange;

// BEGIN IMMEDIATE … COMMIT, rolled back if destroyed before commit(). IMMEDIATE takes the
// write lock at the start: a deferred transaction that upgrades later fails with
// SQLITE_BUSY under concurrency even with a busy timeout. (SQLiteCpp 3.2.1 on Debian 12
// has no TransactionBehavior, hence this class.)
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

// Owns the database path and gives each thread its own connection (SQLite connections
// must not be shared between threads without serialisation).
class Store {
 public:
  explicit Store(std::string path);
  Database& connection();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace xinzhi::store
