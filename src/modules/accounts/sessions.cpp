#include "modules/accounts/sessions.h"
#include "base/clock.h"

#include "modules/accounts/login_limits.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>

#include "base/digest.h"
#include "base/error.h"
#include "base/log.h"
#include "base/text.h"
#include "modules/accounts/account_store.h"
#include "modules/accounts/passwords.h"
#include "store/audit_trail.h"

namespace xinzhi::accounts {

namespace {

std::string utc(int64_t epoch) {
  std::time_t t = epoch;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

// Each refusal with its key: the sign-in form and the banner that asks to sign in again say it
// in the user's language.
[[noreturn]] void unauthenticated(const char* key, const std::string& message, ErrorParams params = {}) {
  fail_keyed(ErrorCode::Unauthenticated, key, std::move(params), message);
}

}  // namespace

Sessions::Sessions(store::Database& db, AuthPolicy policy) : store_(sql_account_store(db)), policy_(std::move(policy)) {}
Sessions::~Sessions() = default;

int64_t Sessions::now() const { return policy_.now ? policy_.now() : unix_seconds_now(); }

NewSession Sessions::login(const std::string& username, const std::string& password, const std::string& ip) {
  const int64_t t = now();
  const std::string wrong = "wrong username or password";
  // One message for a locked account and a locked name that is no account: neither the
  // words nor the status tell an attacker which names exist.
  auto paused = [&](int64_t until) {
    fail_keyed(ErrorCode::TooManyRequests, "login_paused", {{"until", utc(until)}},
               "too many wrong passwords for this name: signing in is paused until " + utc(until) +
                   "; try again later or ask an administrator");
  };
  if (username.empty() || username.size() > 64 || password.size() > 1024) {
    verify_password(decoy_hash(), password);
    unauthenticated("login_wrong", wrong);
  }
  auto found = store_->login(username);
  if (!found) {
    UnknownNameLockouts unknown(*store_);
    if (int64_t until = unknown.locked_until(username, t)) paused(until);
    verify_password(decoy_hash(), password);  // as slow as a known account
    if (int64_t until = unknown.failed(username, t, policy_.lock_after_failures, policy_.lock_seconds))
      spdlog::warn("name {} (no such account) paused until {} after {} wrong passwords in a row (last from {})",
                   text::printable(username), utc(until), policy_.lock_after_failures, ip);
    unauthenticated("login_wrong", wrong);
  }
  Principal p = found->who;
  store::ActingAs as(p.actor("api"));
  if (found->locked_until > t) paused(found->locked_until);
  if (!verify_password(found->password_hash, password)) {
    store_->bookkeeping("failed-login counter", [&](AccountWriter& w) {
      // Guesses in flight when another one locked the account must not lift the lock: the
      // state is read again inside the write, and a failure never clears a lock (only a
      // successful sign-in or an administrator's reset does).
      if (auto now_state = w.login(username); now_state && now_state->locked_until > t) return;
      int64_t failures = w.failed_logins(p.account_id) + 1;
      bool lock = failures >= policy_.lock_after_failures;
      w.set_failed_logins(p.account_id, lock ? 0 : failures);
      if (lock) w.set_locked_until(p.account_id, t + policy_.lock_seconds);
      if (lock) {
        spdlog::warn("account {} locked until {} after {} wrong passwords in a row (last from {})", p.username,
                     utc(t + policy_.lock_seconds), failures, ip);
        w.audit({"account.locked", "account", p.username, "", "",
                 nlohmann::json{{"until", utc(t + policy_.lock_seconds)}, {"failures", failures}, {"ip", ip}}.dump()});
      }
    });
    unauthenticated("login_wrong", wrong);
  }
  if (found->disabled)
    unauthenticated("account_disabled", "account '" + p.username + "' is disabled; ask an administrator",
                    {{"username", p.username}});
  NewSession s;
  s.token = random_token(32);
  s.csrf_token = random_token(32);
  s.expires_epoch = t + policy_.absolute_seconds;
  store_->write([&](AccountWriter& w) {
    w.set_failed_logins(p.account_id, 0);
    // The account's dead sessions go, so the table does not grow with every sign-in.
    w.remove_sessions(p.account_id, t - policy_.absolute_seconds);
    p.session_id = w.add_session(p.account_id, sha256_hex(s.token), s.csrf_token, t, ip);
    p.csrf_token = s.csrf_token;
    w.audit({"auth.login", "account", p.username, "", "", nlohmann::json{{"ip", ip}, {"session", p.session_id}}.dump()});
  });
  s.principal = p;
  return s;
}

Principal Sessions::authenticate(const std::string& token) {
  if (token.empty() || token.size() > 128) unauthenticated("sign_in_first", "sign in first");
  auto found = store_->session(sha256_hex(token));
  if (!found || found->ended) unauthenticated("session_ended", "your session has ended; sign in again");
  Principal p = found->who;
  p.session_id = found->id;
  p.csrf_token = found->csrf_token;
  const int64_t t = now(), created = found->created_epoch, seen = found->last_seen_epoch;
  if (found->disabled)
    unauthenticated("account_disabled", "account '" + p.username + "' is disabled", {{"username", p.username}});
  if (t - seen > policy_.idle_seconds || t - created > policy_.absolute_seconds) {
    store_->bookkeeping("last-seen time", [&](AccountWriter& w) {
      w.end_session(p.session_id);
      w.set_session_seen(p.session_id, t);
    });
    unauthenticated("session_expired", "your session expired; sign in again");
  }
  // Not on every request: each write takes the database's one write lock.
  // Last-seen is written sparingly, but always well within the idle limit: a user active
  // every minute under --session-idle 60 must not be signed out.
  if (t - seen >= std::min(policy_.touch_every_seconds, std::max<int64_t>(1, policy_.idle_seconds / 4)))
    store_->bookkeeping("last-seen time", [&](AccountWriter& w) { w.set_session_seen(p.session_id, t); });
  return p;
}

void Sessions::logout(const Principal& p) {
  if (!p.session_id)
    fail_keyed(ErrorCode::InvalidInput, "not_a_session", {}, "this request was not made with a session");
  store_->write([&](AccountWriter& w) {
    w.end_session(p.session_id);
    w.audit({"auth.logout", "account", p.username, "", "", nlohmann::json{{"session", p.session_id}}.dump()});
  });
}

ApiTokens::ApiTokens(store::Database& db, std::function<int64_t()> now)
    : store_(sql_account_store(db)), now_(std::move(now)) {}
ApiTokens::~ApiTokens() = default;

int64_t ApiTokens::now() const { return now_ ? now_() : unix_seconds_now(); }

std::pair<ApiToken, std::string> ApiTokens::issue(const std::string& username, const std::string& role,
                                                  const std::string& name, int64_t days, const Principal& by) {
  if (username != by.username && !by.has(Permission::AccountsManage))
    fail_keyed(ErrorCode::Forbidden, "token_for_other_account", {}, "only an administrator issues tokens for another account");
  if (by.token_id)
    fail_keyed(ErrorCode::Forbidden, "token_issues_token", {}, "an API token cannot issue tokens; sign in with a password");
  if (name.empty() || name.size() > 200)
    fail_keyed(ErrorCode::InvalidInput, "token_name_length", {{"max", "200"}}, "a token needs a name of 1 to 200 bytes");
  // Every token expires: at most a year, renewed by issuing a new one.
  if (days < 1 || days > 365)
    fail_keyed(ErrorCode::InvalidInput, "token_days_range", {{"days", std::to_string(days)}},
               "days must be 1 to 365 (every API token expires)");
  auto account = store_->account(username);
  if (!account) fail_keyed(ErrorCode::NotFound, "account_not_found", {{"username", username}}, "no account named '" + username + "'");
  Role scope = role.empty() ? account->role : role_from(role);
  if (!role_within(scope, account->role))
    fail_keyed(ErrorCode::InvalidInput, "token_role_too_wide",
               {{"role", std::string(role_name(scope))}, {"username", username}, {"account_role", std::string(role_name(account->role))}},
               "role " + std::string(role_name(scope)) + " grants more than account '" + username + "' holds (" +
                   std::string(role_name(account->role)) + ")");
  std::string secret = "xz_" + random_token(32);
  int64_t expires = now() + days * 86400;
  ApiToken t;
  store_->write([&](AccountWriter& w) {
    int64_t id = w.add_token(account->id, sha256_hex(secret), scope, name, expires);
    t = w.token(id)->token;
    w.audit({"token.issue", "api_token", std::to_string(id), "", "",
             nlohmann::json{{"account", username}, {"role", role_name(scope)}, {"name", name}, {"expires_epoch", expires}}.dump()});
  });
  return {t, secret};
}

std::vector<ApiToken> ApiTokens::list(const Principal& by) {
  if (by.has(Permission::AccountsRead)) return store_->tokens(std::nullopt);
  return store_->tokens(by.account_id);
}

void ApiTokens::revoke(int64_t id, const Principal& by) {
  store_->write([&](AccountWriter& w) {
    auto t = w.token(id);
    // Someone else's token is answered as absent: its id tells the caller nothing.
    if (!t || (t->account_id != by.account_id && !by.has(Permission::AccountsManage)))
      fail_keyed(ErrorCode::NotFound, "token_not_found", {{"id", std::to_string(id)}}, "no API token with id " + std::to_string(id));
    w.revoke_token(id);
    w.audit({"token.revoke", "api_token", std::to_string(id), "", "", "{}"});
  });
}

Principal ApiTokens::authenticate(const std::string& secret) {
  if (secret.rfind("xz_", 0) != 0 || secret.size() > 128) unauthenticated("token_malformed", "the API token is malformed");
  auto found = store_->token_use(sha256_hex(secret));
  if (!found || found->revoked) unauthenticated("token_unknown", "the API token is unknown or revoked");
  Principal p = found->who;
  p.token_id = found->id;
  p.token_role = found->role;
  const int64_t t = now();
  // Tokens issued before every token had to expire carry 0: refused, so none lives forever.
  if (found->expires_epoch == 0) unauthenticated("token_no_expiry", "the API token has no expiry date; issue a new one (1 to 365 days)");
  if (t >= found->expires_epoch) unauthenticated("token_expired", "the API token expired on " + utc(found->expires_epoch), {{"at", utc(found->expires_epoch)}});
  if (found->disabled)
    unauthenticated("account_disabled", "account '" + p.username + "' is disabled", {{"username", p.username}});
  if (t - found->last_used_epoch >= 60)
    store_->bookkeeping("last-seen time", [&](AccountWriter& w) { w.set_token_used(p.token_id, t); });
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
