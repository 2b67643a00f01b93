#include "modules/accounts/sessions.h"

#include <SQLiteCpp/Statement.h>

#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>

#include "base/digest.h"
#include "base/error.h"
#include "base/log.h"
#include "modules/accounts/passwords.h"
#include "store/audit_trail.h"

namespace xinzhi::accounts {

namespace {

int64_t system_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string utc(int64_t epoch) {
  std::time_t t = epoch;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

[[noreturn]] void unauthenticated(const std::string& message) { fail(ErrorCode::Unauthenticated, message); }

// The account columns a principal is built from, after whatever the query selects first.
constexpr const char* kPrincipalColumns =
    "a.id, a.username, a.display_name, a.role, a.disabled, o.id, o.name, o.kind";

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

void touch(store::Database& db, const char* sql, int64_t when, int64_t id) {
  store::WriteTransaction tx(db, {"last-seen time"});
  SQLite::Statement up(db.sql(), sql);
  up.bind(1, when);
  up.bind(2, id);
  up.exec();
  tx.commit();
}

}  // namespace

void end_sessions(store::Database& db, int64_t account_id) {
  SQLite::Statement up(db.sql(), "UPDATE session SET ended = 1 WHERE account_id = ? AND ended = 0");
  up.bind(1, account_id);
  up.exec();
}

int64_t Sessions::now() const { return policy_.now ? policy_.now() : system_now(); }

NewSession Sessions::login(const std::string& username, const std::string& password, const std::string& ip) {
  const int64_t t = now();
  const std::string wrong = "wrong username or password";
  if (username.empty() || username.size() > 64 || password.size() > 1024) {
    verify_password(decoy_hash(), password);
    unauthenticated(wrong);
  }
  SQLite::Statement q(db_.sql(), std::string("SELECT a.password_hash, a.locked_until, ") + kPrincipalColumns +
                                     " FROM account a JOIN organisation o ON o.id = a.org_id WHERE a.username = ?");
  q.bind(1, username);
  if (!q.executeStep()) {
    verify_password(decoy_hash(), password);  // as slow as a known account
    unauthenticated(wrong);
  }
  std::string hash = q.getColumn(0).getString();
  int64_t locked_until = q.getColumn(1).getInt64();
  bool disabled = q.getColumn(6).getInt() != 0;
  Principal p = principal_from(q, 2);
  q.reset();
  store::ActingAs as(p.actor("api"));
  if (locked_until > t)
    fail(ErrorCode::TooManyRequests, "account '" + p.username + "' is locked until " + utc(locked_until) + " after " +
                                         std::to_string(policy_.lock_after_failures) +
                                         " wrong passwords; try again later or ask an administrator");
  if (!verify_password(hash, password)) {
    store::WriteTransaction tx(db_, {"failed-login counter"});
    SQLite::Statement n(db_.sql(), "SELECT failed_logins + 1 FROM account WHERE id = ?");
    n.bind(1, p.account_id);
    n.executeStep();
    int64_t failures = n.getColumn(0).getInt64();
    n.reset();
    bool lock = failures >= policy_.lock_after_failures;
    SQLite::Statement up(db_.sql(), "UPDATE account SET failed_logins = ?, locked_until = ? WHERE id = ?");
    up.bind(1, lock ? 0 : failures);
    up.bind(2, lock ? t + policy_.lock_seconds : int64_t{0});
    up.bind(3, p.account_id);
    up.exec();
    if (lock) {
      spdlog::warn("account {} locked until {} after {} wrong passwords in a row (last from {})", p.username,
                   utc(t + policy_.lock_seconds), failures, ip);
      tx.audit({"account.locked", "account", p.username, "", "",
                nlohmann::json{{"until", utc(t + policy_.lock_seconds)}, {"failures", failures}, {"ip", ip}}.dump()});
    }
    tx.commit();
    unauthenticated(wrong);
  }
  if (disabled) unauthenticated("account '" + p.username + "' is disabled; ask an administrator");
  NewSession s;
  s.token = random_token(32);
  s.csrf_token = random_token(32);
  s.expires_epoch = t + policy_.absolute_seconds;
  store::WriteTransaction tx(db_);
  SQLite::Statement reset(db_.sql(), "UPDATE account SET failed_logins = 0 WHERE id = ?");
  reset.bind(1, p.account_id);
  reset.exec();
  // The account's dead sessions go, so the table does not grow with every sign-in.
  SQLite::Statement prune(db_.sql(), "DELETE FROM session WHERE account_id = ? AND (ended = 1 OR created_epoch < ?)");
  prune.bind(1, p.account_id);
  prune.bind(2, t - policy_.absolute_seconds);
  prune.exec();
  SQLite::Statement ins(db_.sql(),
                        "INSERT INTO session(token_hash, account_id, csrf_token, created_epoch, last_seen_epoch, ip) "
                        "VALUES (?,?,?,?,?,?)");
  ins.bind(1, sha256_hex(s.token));
  ins.bind(2, p.account_id);
  ins.bind(3, s.csrf_token);
  ins.bind(4, t);
  ins.bind(5, t);
  ins.bind(6, ip);
  ins.exec();
  p.session_id = db_.sql().getLastInsertRowid();
  p.csrf_token = s.csrf_token;
  tx.audit({"auth.login", "account", p.username, "", "", nlohmann::json{{"ip", ip}, {"session", p.session_id}}.dump()});
  tx.commit();
  s.principal = p;
  return s;
}

Principal Sessions::authenticate(const std::string& token) {
  if (token.empty() || token.size() > 128) unauthenticated("sign in first");
  SQLite::Statement q(db_.sql(), std::string("SELECT s.id, s.csrf_token, s.created_epoch, s.last_seen_epoch, s.ended, ") +
                                     kPrincipalColumns +
                                     " FROM session s JOIN account a ON a.id = s.account_id"
                                     " JOIN organisation o ON o.id = a.org_id WHERE s.token_hash = ?");
  q.bind(1, sha256_hex(token));
  if (!q.executeStep() || q.getColumn(4).getInt() != 0) unauthenticated("your session has ended; sign in again");
  Principal p = principal_from(q, 5);
  p.session_id = q.getColumn(0).getInt64();
  p.csrf_token = q.getColumn(1).getString();
  int64_t created = q.getColumn(2).getInt64(), seen = q.getColumn(3).getInt64();
  bool disabled = q.getColumn(9).getInt() != 0;
  q.reset();
  const int64_t t = now();
  if (disabled) unauthenticated("account '" + p.username + "' is disabled");
  if (t - seen > policy_.idle_seconds || t - created > policy_.absolute_seconds) {
    touch(db_, "UPDATE session SET ended = 1, last_seen_epoch = ? WHERE id = ?", t, p.session_id);
    unauthenticated("your session expired; sign in again");
  }
  if (t - seen >= policy_.touch_every_seconds)
    touch(db_, "UPDATE session SET last_seen_epoch = ? WHERE id = ?", t, p.session_id);
  return p;
}

void Sessions::logout(const Principal& p) {
  if (!p.session_id) invalid_input("this request was not made with a session");
  store::WriteTransaction tx(db_);
  SQLite::Statement up(db_.sql(), "UPDATE session SET ended = 1 WHERE id = ?");
  up.bind(1, p.session_id);
  up.exec();
  tx.audit({"auth.logout", "account", p.username, "", "", nlohmann::json{{"session", p.session_id}}.dump()});
  tx.commit();
}

int64_t ApiTokens::now() const { return now_ ? now_() : system_now(); }

namespace {
constexpr const char* kTokenSelect =
    "SELECT t.id, a.username, t.name, t.role, t.created_at, t.expires_epoch, t.last_used_epoch, t.revoked, t.account_id "
    "FROM api_token t JOIN account a ON a.id = t.account_id";

ApiToken token_row(SQLite::Statement& q) {
  return {q.getColumn(0).getInt64(), q.getColumn(1).getString(),   q.getColumn(2).getString(),
          role_from(q.getColumn(3).getString()), q.getColumn(4).getString(), q.getColumn(5).getInt64(),
          q.getColumn(6).getInt64(), q.getColumn(7).getInt() != 0};
}
}  // namespace

std::pair<ApiToken, std::string> ApiTokens::issue(const std::string& username, const std::string& role,
                                                  const std::string& name, int64_t days, const Principal& by) {
  if (username != by.username && !by.has(Permission::AccountsManage))
    fail(ErrorCode::Forbidden, "only an administrator issues tokens for another account");
  if (by.token_id) fail(ErrorCode::Forbidden, "an API token cannot issue tokens; sign in with a password");
  if (name.empty() || name.size() > 200) invalid_input("a token needs a name of 1 to 200 bytes");
  if (days < 0 || days > 3650) invalid_input("days must be 0 (never expires) to 3650");
  SQLite::Statement acc(db_.sql(), "SELECT id, role FROM account WHERE username = ?");
  acc.bind(1, username);
  if (!acc.executeStep()) not_found("no account named '" + username + "'");
  int64_t account_id = acc.getColumn(0).getInt64();
  Role account_role = role_from(acc.getColumn(1).getString());
  acc.reset();
  Role scope = role.empty() ? account_role : role_from(role);
  if (!role_within(scope, account_role))
    invalid_input("role " + std::string(role_name(scope)) + " grants more than account '" + username + "' holds (" +
                  std::string(role_name(account_role)) + ")");
  std::string secret = "xz_" + random_token(32);
  int64_t expires = days ? now() + days * 86400 : 0;
  store::WriteTransaction tx(db_);
  SQLite::Statement ins(db_.sql(), "INSERT INTO api_token(token_hash, account_id, role, name, expires_epoch) VALUES (?,?,?,?,?)");
  ins.bind(1, sha256_hex(secret));
  ins.bind(2, account_id);
  ins.bind(3, std::string(role_name(scope)));
  ins.bind(4, name);
  ins.bind(5, expires);
  ins.exec();
  int64_t id = db_.sql().getLastInsertRowid();
  SQLite::Statement back(db_.sql(), std::string(kTokenSelect) + " WHERE t.id = ?");
  back.bind(1, id);
  back.executeStep();
  ApiToken t = token_row(back);
  tx.audit({"token.issue", "api_token", std::to_string(id), "", "",
            nlohmann::json{{"account", username}, {"role", role_name(scope)}, {"name", name}, {"expires_epoch", expires}}.dump()});
  tx.commit();
  return {t, secret};
}

std::vector<ApiToken> ApiTokens::list(const Principal& by) {
  bool all = by.has(Permission::AccountsRead);
  SQLite::Statement q(db_.sql(), std::string(kTokenSelect) + (all ? "" : " WHERE t.account_id = ?") + " ORDER BY t.id");
  if (!all) q.bind(1, by.account_id);
  std::vector<ApiToken> out;
  while (q.executeStep()) out.push_back(token_row(q));
  return out;
}

void ApiTokens::revoke(int64_t id, const Principal& by) {
  store::WriteTransaction tx(db_);
  SQLite::Statement q(db_.sql(), std::string(kTokenSelect) + " WHERE t.id = ?");
  q.bind(1, id);
  if (!q.executeStep() || (q.getColumn(8).getInt64() != by.account_id && !by.has(Permission::AccountsManage)))
    not_found("no API token with id " + std::to_string(id));
  q.reset();
  SQLite::Statement up(db_.sql(), "UPDATE api_token SET revoked = 1 WHERE id = ?");
  up.bind(1, id);
  up.exec();
  tx.audit({"token.revoke", "api_token", std::to_string(id), "", "", "{}"});
  tx.commit();
}

Principal ApiTokens::authenticate(const std::string& secret) {
  if (secret.rfind("xz_", 0) != 0 || secret.size() > 128) unauthenticated("the API token is malformed");
  SQLite::Statement q(db_.sql(), std::string("SELECT t.id, t.role, t.expires_epoch, t.revoked, t.last_used_epoch, ") +
                                     kPrincipalColumns +
                                     " FROM api_token t JOIN account a ON a.id = t.account_id"
                                     " JOIN organisation o ON o.id = a.org_id WHERE t.token_hash = ?");
  q.bind(1, sha256_hex(secret));
  if (!q.executeStep() || q.getColumn(3).getInt() != 0) unauthenticated("the API token is unknown or revoked");
  Principal p = principal_from(q, 5);
  p.token_id = q.getColumn(0).getInt64();
  p.token_role = role_from(q.getColumn(1).getString());
  int64_t expires = q.getColumn(2).getInt64(), used = q.getColumn(4).getInt64();
  bool disabled = q.getColumn(9).getInt() != 0;
  q.reset();
  const int64_t t = now();
  if (expires && t >= expires) unauthenticated("the API token expired on " + utc(expires));
  if (disabled) unauthenticated("account '" + p.username + "' is disabled");
  if (t - used >= 60) touch(db_, "UPDATE api_token SET last_used_epoch = ? WHERE id = ?", t, p.token_id);
  return p;
}

void write_json(JsonWriter& w, const ApiToken& t) {
  w.begin_object().field("id", t.id).field("username", t.username).field("name", t.name);
  w.field("role", std::string(role_name(t.role))).field("created_at", t.created_at);
  w.field("expires_epoch", t.expires_epoch).field("last_used_epoch", t.last_used_epoch).field("revoked", t.revoked);
  w.end_object();
}

void write_json(JsonWriter& w, const Principal& p) {
  w.begin_object().field("id", p.account_id).field("username", p.username).field("display_name", p.display_name);
  w.field("role", std::string(role_name(p.role))).field("role_zh", std::string(role_label_zh(p.role)));
  if (p.token_role) w.field("token_role", std::string(role_name(*p.token_role)));
  w.key("org").begin_object().field("id", p.org_id).field("name", p.org_name);
  w.field("kind", std::string(org_kind_name(p.org_kind))).end_object();
  w.key("permissions").begin_array();
  for (auto perm : kPermissions)
    if (perm != Permission::Public && p.has(perm)) w.value(std::string(permission_name(perm)));
  w.end_array();
  if (!p.csrf_token.empty()) w.field("csrf_token", p.csrf_token);
  w.end_object();
}

}  // namespace xinzhi::accounts
