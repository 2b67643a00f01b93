// The PostgreSQL engine behind store::Connection, on libpq's C API. Statements are sent with
// PQexecParams (parse, bind and execute in one round trip), parameters as text so the
// server infers their types from the SQL, results read as text.
#include <libpq-fe.h>

#include <charconv>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include <mutex>

#include "base/error.h"
#include "store/engine_errors.h"
#include "store/placeholders.h"
#include "store/sqlite_connection.h"

namespace xinzhi::store {

namespace {

// SQLSTATE classes a user can act on: retry when busy (503), fix the input on a conflict (409).
[[noreturn]] void postgres_fail(const PGresult* res, PGconn* conn, const std::string& what) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string code = state ? state : "";
  std::string msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn);
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  if (code == "40001" || code == "40P01" || code == "55P03" || code == "57014" || code.rfind("08", 0) == 0 ||
      PQstatus(conn) == CONNECTION_BAD)
    fail(ErrorCode::Unavailable, "the database is busy or unreachable; try again in a moment");
  if (code.rfind("23", 0) == 0) constraint_conflict(what + ": " + msg);
  fail(ErrorCode::Internal, what + ": " + msg + (code.empty() ? "" : " [" + code + "]"));
}

struct ResultFree {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultFree>;

class PostgresConnection;

class PostgresStatement final : public StatementBackend {
 public:
  PostgresStatement(PostgresConnection& conn, std::string_view sql);
  void bind_null(int i) override { slot(i).reset(); }
  void bind_int(int i, int64_t v) override { slot(i) = std::to_string(v); }
  void bind_real(int i, double v) override {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, v);  // shortest text that reads back exactly
    slot(i) = std::string(buf, r.ptr);
  }
  void bind_text(int i, std::string_view v) override { slot(i) = std::string(v); }
  int index_of(std::string_view name) override {
    auto it = sql_.names.find(std::string(name));
    return it == sql_.names.end() ? 0 : it->second;
  }
  bool step() override;
  int64_t changes() override { return changes_; }
  void reset() override {
    result_.reset();
    row_ = -1;
    changes_ = 0;
    failed_ = false;
  }
  int columns() const override { return result_ ? PQnfields(result_.get()) : 0; }
  bool is_null(int c) const override { return PQgetisnull(result_.get(), row_, c); }
  int64_t int64(int c) const override {
    const char* p = PQgetvalue(result_.get(), row_, c);
    if (*p == 't') return 1;  // a boolean expression read as a number, as SQLite gives it
    if (*p == 'f') return 0;
    int64_t v = 0;
    std::from_chars(p, p + PQgetlength(result_.get(), row_, c), v);
    return v;
  }
  double real(int c) const override { return std::strtod(PQgetvalue(result_.get(), row_, c), nullptr); }
  std::string_view text(int c) const override {
    return {PQgetvalue(result_.get(), row_, c), static_cast<size_t>(PQgetlength(result_.get(), row_, c))};
  }
  std::string column_name(int c) const override { return PQfname(result_.get(), c); }
  Value value(int c) const override {
    if (is_null(c)) return nullptr;
    switch (PQftype(result_.get(), c)) {  // the built-in type OIDs (pg_type.dat)
      case 20: case 21: case 23: return int64(c);  // int8, int2, int4
      case 700: case 701: case 1700: return real(c);  // float4, float8, numeric
      default: return std::string(text(c));
    }
  }

 private:
  std::optional<std::string>& slot(int i) {
    if (i < 1 || i > static_cast<int>(params_.size()))
      fail(ErrorCode::Internal, "parameter " + std::to_string(i) + " is out of range for " + sql_.text.substr(0, 80));
    return params_[i - 1];
  }
  PostgresConnection& conn_;
  TranslatedSql sql_;
  std::vector<std::optional<std::string>> params_;
  Result result_;
  int row_ = -1;
  int64_t changes_ = 0;
  bool failed_ = false;
};

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(const std::string& address) : address_(address) {
    conn_ = PQconnectdb(address.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      while (!msg.empty() && msg.back() == '\n') msg.pop_back();
      PQfinish(conn_);
      conn_ = nullptr;
      fail(ErrorCode::Unavailable, "cannot connect to " + redact_address(address) + ": " + msg);
    }
    // The server's notices ("relation … already exists, skipping") are not the user's business.
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    // A writer that waits longer than SQLite's busy timeout is told the service is busy.
    exec_script("SET client_encoding = 'UTF8'; SET lock_timeout = '5s'; SET TIME ZONE 'UTC'");
    // Text sorts by code point on SQLite; a database created with another collation lists
    // names in another order (README: createdb --lc-collate=C.UTF-8).
    Result collation(PQexec(conn_, "SELECT datcollate FROM pg_database WHERE datname = current_database()"));
    std::string name = PQresultStatus(collation.get()) == PGRES_TUPLES_OK && PQntuples(collation.get()) == 1
                           ? PQgetvalue(collation.get(), 0, 0)
                           : "";
    static std::once_flag warned;
    if (!name.empty() && name != "C" && name != "POSIX" && name != "C.UTF-8" && name != "C.utf8")
      std::call_once(warned, [&] {
        spdlog::warn("database collation is {}: text is ordered differently from SQLite's code-point order", name);
      });
  }
  ~PostgresConnection() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::Postgres; }
  std::unique_ptr<StatementBackend> prepare(std::string_view sql) override {
    return std::make_unique<PostgresStatement>(*this, sql);
  }
  void exec_script(std::string_view sql) override {
    revive();
    Result r(PQexec(conn_, std::string(sql).c_str()));
    auto status = PQresultStatus(r.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) postgres_fail(r.get(), conn_, "statement failed");
    changes_ += changed_rows(r.get());  // of the last statement: scripts that write rows are single statements
  }
  int64_t total_changes() override { return changes_; }
  void begin_write() override {
    // One writer at a time per schema, across every server process: the audit chain's head
    // is read and advanced inside each write, as under SQLite's single writer lock.
    exec_script("BEGIN");
    in_transaction_ = true;
    exec_script("SELECT pg_advisory_xact_lock(hashtext(current_schema()))");
  }
  void commit() override {
    revive();
    Result r(PQexec(conn_, "COMMIT"));
    in_transaction_ = false;
    // COMMIT of a transaction an earlier error aborted answers with the tag ROLLBACK.
    if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) postgres_fail(r.get(), conn_, "commit failed");
    if (std::string_view(PQcmdStatus(r.get())) != "COMMIT")
      fail(ErrorCode::Internal, "the transaction had failed and was rolled back, not committed");
  }
  void rollback() noexcept override {
    in_transaction_ = false;
    if (conn_ && PQstatus(conn_) == CONNECTION_OK) PQclear(PQexec(conn_, "ROLLBACK"));
  }
  bool table_exists(std::string_view table) override {
    PostgresStatement q(*this, "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() "
                               "AND table_name = ?");
    q.bind_text(1, table);
    return q.step();
  }
  void copy_text(std::string_view table, const std::vector<std::string>& columns, std::string_view rows,
                 CopyInto into) override;

  // Runs a translated statement; counts the rows it changed.
  Result run(const std::string& sql, const std::vector<std::optional<std::string>>& params) {
    revive();
    std::vector<const char*> values(params.size());
    for (size_t i = 0; i < params.size(); ++i) values[i] = params[i] ? params[i]->c_str() : nullptr;
    Result r(PQexecParams(conn_, sql.c_str(), static_cast<int>(params.size()), nullptr, values.data(), nullptr,
                          nullptr, 0));
    auto status = PQresultStatus(r.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) postgres_fail(r.get(), conn_, "query failed");
    changes_ += changed_rows(r.get());
    return r;
  }
  static int64_t changed_rows(const PGresult* r) {
    std::string_view status = PQcmdStatus(const_cast<PGresult*>(r));
    if (status.rfind("INSERT", 0) && status.rfind("UPDATE", 0) && status.rfind("DELETE", 0)) return 0;
    return std::atoll(PQcmdTuples(const_cast<PGresult*>(r)));
  }

 private:
  // A connection the server dropped (a restart, a failover) is opened again before the next
  // statement, unless a transaction was open on it: that transaction is lost, and says so.
  void revive() {
    if (PQstatus(conn_) == CONNECTION_OK) return;
    PQreset(conn_);
    bool lost_write = in_transaction_;
    in_transaction_ = false;
    if (PQstatus(conn_) != CONNECTION_OK)
      fail(ErrorCode::Unavailable, "the database is busy or unreachable; try again in a moment");
    PQclear(PQexec(conn_, "SET client_encoding = 'UTF8'; SET lock_timeout = '5s'; SET TIME ZONE 'UTC'"));
    if (lost_write)
      fail(ErrorCode::Unavailable, "the connection to the database was lost during a write, which was not saved; "
                                   "try again");
  }

  std::string address_;
  PGconn* conn_ = nullptr;
  int64_t changes_ = 0;
  bool in_transaction_ = false;  // between begin_write and commit or rollback
};

PostgresStatement::PostgresStatement(PostgresConnection& conn, std::string_view sql)
    : conn_(conn), sql_(translate_placeholders(sql)), params_(sql_.parameters) {}

bool PostgresStatement::step() {
  if (!result_) {
    if (failed_) return false;  // as SQLite's statement after an error: no rows until reset
    failed_ = true;
    result_ = conn_.run(sql_.text, params_);
    failed_ = false;
    changes_ = PostgresConnection::changed_rows(result_.get());
    row_ = -1;
  }
  if (row_ + 1 >= PQntuples(result_.get())) return false;
  ++row_;
  return true;
}

void PostgresConnection::copy_text(std::string_view table, const std::vector<std::string>& columns,
                                   std::string_view rows, CopyInto into) {
  revive();
  std::string sql = "COPY " + std::string(table) + " (";
  for (size_t i = 0; i < columns.size(); ++i) sql.append(i ? "," : "").append(columns[i]);
  sql += ") FROM STDIN";
  Result start(PQexec(conn_, sql.c_str()));
  if (PQresultStatus(start.get()) != PGRES_COPY_IN) postgres_fail(start.get(), conn_, "cannot start COPY");
  bool sent = PQputCopyData(conn_, rows.data(), static_cast<int>(rows.size())) == 1;
  if (PQputCopyEnd(conn_, sent ? nullptr : "the client could not send the rows") != 1 || !sent)
    fail(ErrorCode::Unavailable, "COPY into " + std::string(table) + " failed: " + PQerrorMessage(conn_));
  Result end(PQgetResult(conn_));
  if (PQresultStatus(end.get()) != PGRES_COMMAND_OK) postgres_fail(end.get(), conn_, "COPY failed");
  if (into == CopyInto::Table) changes_ += std::atoll(PQcmdTuples(end.get()));
  while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);
}

}  // namespace

std::unique_ptr<Connection> open_postgres(const std::string& address) {
  return std::make_unique<PostgresConnection>(address);
}

}  // namespace xinzhi::store
