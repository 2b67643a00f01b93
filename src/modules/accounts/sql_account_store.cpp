// The SQL implementation (SQLite and PostgreSQL, one text) of accounts::AccountStore: the module's only SQL outside its
// migrations. Every statement is prepared with bound values.
#include "store/queries.h"

#include <initializer_list>

#include "modules/accounts/account_store.h"

namespace xinzhi::accounts {

namespace {

using store::Value;

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

Organisation org_row(store::Statement& q) {
  return {q.int64(0),  q.text(1), org_kind_from(q.text(2)),
          q.text(3), q.text(4), q.text(5),
          q.text(6), q.text(7), q.int64(8)};
}

Account account_row(store::Statement& q) {
  return {q.int64(0),    q.text(1), q.text(2),
          role_from(q.text(3)), q.int64(4), q.text(5),
          q.flag(6), q.int64(7), q.text(8),
          q.text(9)};
}

ApiToken token_row(store::Statement& q) {
  return {q.int64(0), q.text(1),   q.text(2),
          role_from(q.text(3)), q.text(4), q.int64(5),
          q.int64(6), q.flag(7)};
}

// kPrincipalColumns starting at column `first`.
Principal principal_from(store::Statement& q, int first) {
  Principal p;
  p.account_id = q.int64(first);
  p.username = q.text(first + 1);
  p.display_name = q.text(first + 2);
  p.role = role_from(q.text(first + 3));
  p.org_id = q.int64(first + 5);
  p.org_name = q.text(first + 6);
  p.org_kind = org_kind_from(q.text(first + 7));
  return p;
}

bool disabled_at(store::Statement& q, int first) { return q.flag(first + 4); }

// The reads, shared by the store and its writer (both read through the same connection; the
// writer's reads see the transaction's own writes).
template <class Base>
class SqlReads : public Base {
 public:
  explicit SqlReads(store::Database& db) : db_(db) {}

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
  std::map<int64_t, std::string> display_names() override { return names_by_id("SELECT id, display_name FROM account"); }

  std::optional<std::string> password_hash(int64_t account_id) override {
    return first("SELECT password_hash FROM account WHERE id = ?", {account_id},
                 [](store::Statement& q) { return q.text(0); });
  }
  int64_t failed_logins(int64_t account_id) override {
    return first("SELECT failed_logins FROM account WHERE id = ?", {account_id},
                 [](store::Statement& q) { return q.int64(0); })
        .value_or(0);
  }

  std::optional<StoredLogin> login(const std::string& username) override {
    return first(std::string("SELECT a.password_hash, a.locked_until, ") + kPrincipalColumns +
                     " FROM account a JOIN organisation o ON o.id = a.org_id WHERE a.username = ?",
                 {username}, [](store::Statement& q) {
                   return StoredLogin{principal_from(q, 2), disabled_at(q, 2), q.text(0),
                                      q.int64(1)};
                 });
  }
  std::optional<StoredSession> session(const std::string& token_hash) override {
    return first(std::string("SELECT s.id, s.csrf_token, s.created_epoch, s.last_seen_epoch, s.ended, ") +
                     kPrincipalColumns +
                     " FROM session s JOIN account a ON a.id = s.account_id"
                     " JOIN organisation o ON o.id = a.org_id WHERE s.token_hash = ?",
                 {token_hash}, [](store::Statement& q) {
                   return StoredSession{q.int64(0), q.text(1),
                                        q.int64(2), q.int64(3),
                                        q.flag(4), principal_from(q, 5), disabled_at(q, 5)};
                 });
  }

  std::vector<ApiToken> tokens(std::optional<int64_t> account_id) override {
    if (!account_id) return all(std::string(kTokenSelect) + " ORDER BY t.id", {}, token_row);
    return all(std::string(kTokenSelect) + " WHERE t.account_id = ? ORDER BY t.id", {*account_id}, token_row);
  }
  std::optional<StoredToken> token(int64_t id) override {
    return first(std::string(kTokenSelect) + " WHERE t.id = ?", {id},
                 [](store::Statement& q) { return StoredToken{token_row(q), q.int64(8)}; });
  }
  std::optional<StoredTokenUse> token_use(const std::string& token_hash) override {
    return first(std::string("SELECT t.id, t.role, t.expires_epoch, t.revoked, t.last_used_epoch, ") + kPrincipalColumns +
                     " FROM api_token t JOIN account a ON a.id = t.account_id"
                     " JOIN organisation o ON o.id = a.org_id WHERE t.token_hash = ?",
                 {token_hash}, [](store::Statement& q) {
                   return StoredTokenUse{q.int64(0), role_from(q.text(1)),
                                         q.int64(2), q.int64(4),
                                         q.flag(3), principal_from(q, 5), disabled_at(q, 5)};
                 });
  }

  std::optional<LoginGuard> login_guard(const std::string& key) override {
    return first("SELECT failures, since_epoch, locked_until FROM login_guard WHERE key = ?", {key},
                 [](store::Statement& q) { return LoginGuard{q.int64(0), q.int64(1), q.int64(2)}; });
  }

 protected:
  template <class Row>
  auto all(const std::string& sql, std::initializer_list<Value> values, Row row) {
    return store::all_rows(db_, sql, values, row);
  }
  template <class Row>
  auto first(const std::string& sql, std::initializer_list<Value> values, Row row) {
    return store::first_row(db_, sql, values, row);
  }
  std::map<int64_t, std::string> names_by_id(const char* sql) {
    std::map<int64_t, std::string> out;
    store::Statement q(db_, sql);
    while (q.step()) out.emplace(q.int64(0), q.text(1));
    return out;
  }
  int64_t run(const char* sql, std::initializer_list<Value> values) { return store::run(db_, sql, values); }

  store::Database& db_;
};

// The primitives a write may use, each a plain statement inside the store's transaction.
class SqlAccountWriter final : public SqlReads<AccountWriter> {
 public:
  SqlAccountWriter(store::Database& db, store::WriteTransaction& tx) : SqlReads(db), tx_(tx) {}

  int64_t add_organisation(const Organisation& o) override {
    return store::insert_id(
        db_, "INSERT INTO organisation(name, kind, region, credit_code, contact, description) VALUES (?,?,?,?,?,?) "
             "RETURNING id",
        {o.name, std::string(org_kind_name(o.kind)), o.region, o.credit_code, o.contact, o.description});
  }
  void update_organisation(const Organisation& o) override {
    run("UPDATE organisation SET name = ?, kind = ?, region = ?, credit_code = ?, contact = ?, description = ? "
        "WHERE id = ?",
        {o.name, std::string(org_kind_name(o.kind)), o.region, o.credit_code, o.contact, o.description, o.id});
  }
  int64_t add_account(const std::string& username, const std::string& display_name, int64_t org_id, Role role,
                      const std::string& password_hash) override {
    return store::insert_id(
        db_, "INSERT INTO account(username, display_name, org_id, role, password_hash) VALUES (?,?,?,?,?) RETURNING id",
        {username, display_name, org_id, std::string(role_name(role)), password_hash});
  }
  void set_disabled(int64_t account_id, bool disabled) override {
    run("UPDATE account SET disabled = ? WHERE id = ?", {int64_t{disabled ? 1 : 0}, account_id});
  }
  void set_password_hash(int64_t account_id, const std::string& hash) override {
    run("UPDATE account SET password_hash = ?, password_changed_at = ? WHERE id = ?", {hash, store::utc_now(), account_id});
  }
  void set_failed_logins(int64_t account_id, int64_t failures) override {
    run("UPDATE account SET failed_logins = ? WHERE id = ?", {failures, account_id});
  }
  void set_locked_until(int64_t account_id, int64_t epoch) override {
    run("UPDATE account SET locked_until = ? WHERE id = ?", {epoch, account_id});
  }

  int64_t add_session(int64_t account_id, const std::string& token_hash, const std::string& csrf_token, int64_t epoch,
                      const std::string& ip) override {
    return store::insert_id(db_,
                            "INSERT INTO session(token_hash, account_id, csrf_token, created_epoch, last_seen_epoch, ip) "
                            "VALUES (?,?,?,?,?,?) RETURNING id",
                            {token_hash, account_id, csrf_token, epoch, epoch, ip});
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
    return store::insert_id(
        db_, "INSERT INTO api_token(token_hash, account_id, role, name, expires_epoch) VALUES (?,?,?,?,?) RETURNING id",
        {token_hash, account_id, std::string(role_name(role)), name, expires_epoch});
  }
  void revoke_token(int64_t id) override { run("UPDATE api_token SET revoked = 1 WHERE id = ?", {id}); }
  int64_t revoke_tokens_of(int64_t account_id) override {
    return run("UPDATE api_token SET revoked = 1 WHERE account_id = ? AND revoked = 0", {account_id});
  }
  void set_token_used(int64_t id, int64_t epoch) override {
    run("UPDATE api_token SET last_used_epoch = ? WHERE id = ?", {epoch, id});
  }

  void set_login_guard(const std::string& key, const LoginGuard& g) override {
    run("INSERT INTO login_guard(key, failures, since_epoch, locked_until) VALUES (?,?,?,?) ON CONFLICT (key) DO UPDATE "
        "SET failures = excluded.failures, since_epoch = excluded.since_epoch, locked_until = excluded.locked_until",
        {key, g.failures, g.since_epoch, g.locked_until});
  }
  void prune_login_guards(int64_t before) override {
    run("DELETE FROM login_guard WHERE since_epoch < ? AND locked_until < ?", {before, before});
  }

  void audit(const store::AuditChange& change) override { tx_.audit(change); }

 private:
  store::WriteTransaction& tx_;
};

class SqlAccountStore final : public SqlReads<AccountStore> {
 public:
  using SqlReads::SqlReads;

  void write(const std::function<void(AccountWriter&)>& fn) override {
    store::unit_of_work<SqlAccountWriter>(db_, fn);
  }
  void bookkeeping(const char* why, const std::function<void(AccountWriter&)>& fn) override {
    store::unit_of_work<SqlAccountWriter>(db_, fn, why);
  }
};

}  // namespace

std::unique_ptr<AccountStore> sql_account_store(store::Database& db) {
  return std::make_unique<SqlAccountStore>(db);
}

}  // namespace xinzhi::accounts
