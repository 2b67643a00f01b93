// SQLite implementation of accounts::AccountStore: the module's only SQL outside its
// migrations. Every statement is prepared with bound values.
#include <SQLiteCpp/Statement.h>

#include <initializer_list>
#include <variant>

#include "modules/accounts/account_store.h"

namespace xinzhi::accounts {

namespace {

using Value = std::variant<int64_t, std::string>;

constexpr const char* kOrgSelect =
    "SELECT o.id, o.name, o.kind, o.region, o.credit_code, o.contact, o.description, o.created_at,"
    " (SELECT count(*) FROM account a WHERE a.org_id = o.id) FROM organisation o";
constexpr const char* kAccountSelect =
    "SELECT a.id, a.username, a.display_name, a.role, a.org_id, o.name, a.disabled, a.locked_until, a.created_at,"
    " a.password_changed_at FROM account a JOIN organisation o ON o.id = a.org_id";
constexpr const char* kTokenSelect =
    "SELECT t.id, a.username, t.name, t.role, t.created_at, t.expires_epoch, t.last_used_epoch, t.revoked, t.account_id "
    "FROM api_token t JOIN account a ON a.id = t.account_id";
// The account columns a principal is built from, after whatever the query selects first.
constexpr const char* kPrincipalColumns = "a.id, a.username, a.display_name, a.role, a.disabled, o.id, o.name, o.kind";

Organisation org_row(SQLite::Statement& q) {
  return {q.getColumn(0).getInt64(),  q.getColumn(1).getString(), org_kind_from(q.getColumn(2).getString()),
          q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getString(),
          q.getColumn(6).getString(), q.getColumn(7).getString(), q.getColumn(8).getInt64()};
}

Account account_row(SQLite::Statement& q) {
  return {q.getColumn(0).getInt64(),    q.getColumn(1).getString(), q.getColumn(2).getString(),
          role_from(q.getColumn(3).getString()), q.getColumn(4).getInt64(), q.getColumn(5).getString(),
          q.getColumn(6).getInt() != 0, q.getColumn(7).getInt64(), q.getColumn(8).getString(),
          q.getColumn(9).getString()};
}

ApiToken token_row(SQLite::Statement& q) {
  return {q.getColumn(0).getInt64(), q.getColumn(1).getString(),   q.getColumn(2).getString(),
          role_from(q.getColumn(3).getString()), q.getColumn(4).getString(), q.getColumn(5).getInt64(),
          q.getColumn(6).getInt64(), q.getColumn(7).getInt() != 0};
}

// kPrincipalColumns starting at column `first`.
Principal principal_from(SQLite::Statement& q, int first) {
  Principal p;
  p.account_id = q.getColumn(first).getInt64();
  p.username = q.getColumn(first + 1).getString();
  p.display_name = q.getColumn(first + 2).getString();
  p.role = role_from(q.getColumn(first + 3).getString());
  p.org_id = q.getColumn(first + 5).getInt64();
  p.org_name = q.getColumn(first + 6).getString();
  p.org_kind = org_kind_from(q.getColumn(first + 7).getString());
  return p;
}

bool disabled_at(SQLite::Statement& q, int first) { return q.getColumn(first + 4).getInt() != 0; }

// The reads, shared by the store and its writer (both read through the same connection; the
// writer's reads see the transaction's own writes).
template <class Base>
class SqliteReads : public Base {
 public:
  explicit SqliteReads(store::Database& db) : db_(db) {}

  std::vector<Organisation> organisations() override {
    return all(std::string(kOrgSelect) + " ORDER BY o.id", {}, org_row);
  }
  std::optional<Organisation> organisation(int64_t id) override {
    return first(std::string(kOrgSelect) + " WHERE o.id = ?", {id}, org_row);
  }
  std::optional<Organisation> organisation_named(const std::string& name) override {
    return first(std::string(kOrgSelect) + " WHERE o.name = ?", {name}, org_row);
  }
  std::optional<Organisation> organisation_by_id_or_name(const std::string& text) override {
    return first(std::string(kOrgSelect) + " WHERE o.name = ? OR CAST(o.id AS TEXT) = ?", {text, text}, org_row);
  }
  std::map<int64_t, std::string> organisation_names() override { return names_by_id("SELECT id, name FROM organisation"); }

  std::vector<Account> accounts() override {
    return all(std::string(kAccountSelect) + " ORDER BY a.org_id, a.id", {}, account_row);
  }
  std::vector<Account> members(int64_t org_id) override {
    return all(std::string(kAccountSelect) + " WHERE a.org_id = ? ORDER BY a.id", {org_id}, account_row);
  }
  std::optional<Account> account(const std::string& username) override {
    return first(std::string(kAccountSelect) + " WHERE a.username = ?", {username}, account_row);
  }
  std::map<int64_t, std::string> usernames() override { return names_by_id("SELECT id, username FROM account"); }

  std::optional<std::string> password_hash(int64_t account_id) override {
    return first("SELECT password_hash FROM account WHERE id = ?", {account_id},
                 [](SQLite::Statement& q) { return q.getColumn(0).getString(); });
  }
  int64_t failed_logins(int64_t account_id) override {
    return first("SELECT failed_logins FROM account WHERE id = ?", {account_id},
                 [](SQLite::Statement& q) { return q.getColumn(0).getInt64(); })
        .value_or(0);
  }

  std::optional<StoredLogin> login(const std::string& username) override {
    return first(std::string("SELECT a.password_hash, a.locked_until, ") + kPrincipalColumns +
                     " FROM account a JOIN organisation o ON o.id = a.org_id WHERE a.username = ?",
                 {username}, [](SQLite::Statement& q) {
                   return StoredLogin{principal_from(q, 2), disabled_at(q, 2), q.getColumn(0).getString(),
                                      q.getColumn(1).getInt64()};
                 });
  }
  std::optional<StoredSession> session(const std::string& token_hash) override {
    return first(std::string("SELECT s.id, s.csrf_token, s.created_epoch, s.last_seen_epoch, s.ended, ") +
                     kPrincipalColumns +
                     " FROM session s JOIN account a ON a.id = s.account_id"
                     " JOIN organisation o ON o.id = a.org_id WHERE s.token_hash = ?",
                 {token_hash}, [](SQLite::Statement& q) {
                   return StoredSession{q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                                        q.getColumn(2).getInt64(), q.getColumn(3).getInt64(),
                                        q.getColumn(4).getInt() != 0, principal_from(q, 5), disabled_at(q, 5)};
                 });
  }

  std::vector<ApiToken> tokens(std::optional<int64_t> account_id) override {
    if (!account_id) return all(std::string(kTokenSelect) + " ORDER BY t.id", {}, token_row);
    return all(std::string(kTokenSelect) + " WHERE t.account_id = ? ORDER BY t.id", {*account_id}, token_row);
  }
  std::optional<StoredToken> token(int64_t id) override {
    return first(std::string(kTokenSelect) + " WHERE t.id = ?", {id},
                 [](SQLite::Statement& q) { return StoredToken{token_row(q), q.getColumn(8).getInt64()}; });
  }
  std::optional<StoredTokenUse> token_use(const std::string& token_hash) override {
    return first(std::string("SELECT t.id, t.role, t.expires_epoch, t.revoked, t.last_used_epoch, ") + kPrincipalColumns +
                     " FROM api_token t JOIN account a ON a.id = t.account_id"
                     " JOIN organisation o ON o.id = a.org_id WHERE t.token_hash = ?",
                 {token_hash}, [](SQLite::Statement& q) {
                   return StoredTokenUse{q.getColumn(0).getInt64(), role_from(q.getColumn(1).getString()),
                                         q.getColumn(2).getInt64(), q.getColumn(4).getInt64(),
                                         q.getColumn(3).getInt() != 0, principal_from(q, 5), disabled_at(q, 5)};
                 });
  }

 protected:
  static void bind(SQLite::Statement& q, std::initializer_list<Value> values) {
    int i = 1;
    for (const auto& v : values) std::visit([&](const auto& x) { q.bind(i++, x); }, v);
  }
  template <class Row>
  auto all(const std::string& sql, std::initializer_list<Value> values, Row row) {
    SQLite::Statement q(db_.sql(), sql);
    bind(q, values);
    std::vector<decltype(row(q))> out;
    while (q.executeStep()) out.push_back(row(q));
    return out;
  }
  template <class Row>
  auto first(const std::string& sql, std::initializer_list<Value> values, Row row) {
    SQLite::Statement q(db_.sql(), sql);
    bind(q, values);
    std::optional<decltype(row(q))> out;
    if (q.executeStep()) out = row(q);
    return out;
  }
  std::map<int64_t, std::string> names_by_id(const char* sql) {
    std::map<int64_t, std::string> out;
    SQLite::Statement q(db_.sql(), sql);
    while (q.executeStep()) out.emplace(q.getColumn(0).getInt64(), q.getColumn(1).getString());
    return out;
  }
  // Runs one write; returns the number of rows it changed.
  int run(const char* sql, std::initializer_list<Value> values) {
    SQLite::Statement q(db_.sql(), sql);
    bind(q, values);
    return q.exec();
  }

  store::Database& db_;
};

// The primitives a write may use, each a plain statement inside the store's transaction.
class SqliteAccountWriter final : public SqliteReads<AccountWriter> {
 public:
  SqliteAccountWriter(store::Database& db, store::WriteTransaction& tx) : SqliteReads(db), tx_(tx) {}

  int64_t add_organisation(const Organisation& o) override {
    run("INSERT INTO organisation(name, kind, region, credit_code, contact, description) VALUES (?,?,?,?,?,?)",
        {o.name, std::string(org_kind_name(o.kind)), o.region, o.credit_code, o.contact, o.description});
    return db_.sql().getLastInsertRowid();
  }
  void update_organisation(const Organisation& o) override {
    run("UPDATE organisation SET name = ?, kind = ?, region = ?, credit_code = ?, contact = ?, description = ? "
        "WHERE id = ?",
        {o.name, std::string(org_kind_name(o.kind)), o.region, o.credit_code, o.contact, o.description, o.id});
  }
  int64_t add_account(const std::string& username, const std::string& display_name, int64_t org_id, Role role,
                      const std::string& password_hash) override {
    run("INSERT INTO account(username, display_name, org_id, role, password_hash) VALUES (?,?,?,?,?)",
        {username, display_name, org_id, std::string(role_name(role)), password_hash});
    return db_.sql().getLastInsertRowid();
  }
  void set_disabled(int64_t account_id, bool disabled) override {
    run("UPDATE account SET disabled = ? WHERE id = ?", {int64_t{disabled ? 1 : 0}, account_id});
  }
  void set_password_hash(int64_t account_id, const std::string& hash) override {
    run("UPDATE account SET password_hash = ?, password_changed_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?",
        {hash, account_id});
  }
  void set_failed_logins(int64_t account_id, int64_t failures) override {
    run("UPDATE account SET failed_logins = ? WHERE id = ?", {failures, account_id});
  }
  void set_locked_until(int64_t account_id, int64_t epoch) override {
    run("UPDATE account SET locked_until = ? WHERE id = ?", {epoch, account_id});
  }

  int64_t add_session(int64_t account_id, const std::string& token_hash, const std::string& csrf_token, int64_t epoch,
                      const std::string& ip) override {
    run("INSERT INTO session(token_hash, account_id, csrf_token, created_epoch, last_seen_epoch, ip) "
        "VALUES (?,?,?,?,?,?)",
        {token_hash, account_id, csrf_token, epoch, epoch, ip});
    return db_.sql().getLastInsertRowid();
  }
  void end_session(int64_t session_id) override { run("UPDATE session SET ended = 1 WHERE id = ?", {session_id}); }
  void end_sessions(int64_t account_id, int64_t keep_session) override {
    run("UPDATE session SET ended = 1 WHERE account_id = ? AND ended = 0 AND id <> ?", {account_id, keep_session});
  }
  void set_session_seen(int64_t session_id, int64_t epoch) override {
    run("UPDATE session SET last_seen_epoch = ? WHERE id = ?", {epoch, session_id});
  }
  void remove_sessions(int64_t account_id, int64_t created_before) override {
    run("DELETE FROM session WHERE account_id = ? AND (ended = 1 OR created_epoch < ?)", {account_id, created_before});
  }

  int64_t add_token(int64_t account_id, const std::string& token_hash, Role role, const std::string& name,
                    int64_t expires_epoch) override {
    run("INSERT INTO api_token(token_hash, account_id, role, name, expires_epoch) VALUES (?,?,?,?,?)",
        {token_hash, account_id, std::string(role_name(role)), name, expires_epoch});
    return db_.sql().getLastInsertRowid();
  }
  void revoke_token(int64_t id) override { run("UPDATE api_token SET revoked = 1 WHERE id = ?", {id}); }
  int64_t revoke_tokens_of(int64_t account_id) override {
    return run("UPDATE api_token SET revoked = 1 WHERE account_id = ? AND revoked = 0", {account_id});
  }
  void set_token_used(int64_t id, int64_t epoch) override {
    run("UPDATE api_token SET last_used_epoch = ? WHERE id = ?", {epoch, id});
  }

  void audit(const store::AuditChange& change) override { tx_.audit(change); }

 private:
  store::WriteTransaction& tx_;
};

class SqliteAccountStore final : public SqliteReads<AccountStore> {
 public:
  using SqliteReads::SqliteReads;

  void write(const std::function<void(AccountWriter&)>& fn) override {
    store::WriteTransaction tx(db_);
    SqliteAccountWriter writer(db_, tx);
    fn(writer);
    tx.commit();
  }
  void bookkeeping(const char* why, const std::function<void(AccountWriter&)>& fn) override {
    store::WriteTransaction tx(db_, {why});
    SqliteAccountWriter writer(db_, tx);
    fn(writer);
    tx.commit();
  }
};

}  // namespace

std::unique_ptr<AccountStore> sqlite_account_store(store::Database& db) {
  return std::make_unique<SqliteAccountStore>(db);
}

}  // namespace xinzhi::accounts
