// Signing in and staying signed in: password logins with lockout, browser sessions with idle
// and absolute expiry, and bearer API tokens scoped to a role. Only SHA-256 digests of
// session and API tokens are stored.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/json_writer.h"
#include "modules/accounts/principal.h"
#include "store/database.h"

namespace xinzhi::accounts {

class AccountStore;

struct AuthPolicy {
  int64_t idle_seconds = 2 * 3600;       // a session unused this long ends
  int64_t absolute_seconds = 12 * 3600;  // and any session ends this long after sign-in
  int lock_after_failures = 10;          // consecutive wrong passwords before a lockout
  int64_t lock_seconds = 15 * 60;
  int64_t touch_every_seconds = 60;  // how often last-seen is written (not on every request)
  std::function<int64_t()> now;      // epoch seconds; the system clock when empty
};

struct NewSession {
  std::string token;  // the cookie value, shown once
  std::string csrf_token;
  int64_t expires_epoch = 0;  // the absolute expiry
  Principal principal;
};

class Sessions {
 public:
  Sessions(store::Database& db, AuthPolicy policy);
  ~Sessions();
  // Unauthenticated for a wrong username or password (one message for both), a disabled
  // account; TooManyRequests while the account is locked. The tenth failure in a row locks
  // the account, logs a warning and writes an audit entry.
  NewSession login(const std::string& username, const std::string& password, const std::string& ip);
  // The session's principal; Unauthenticated when unknown, ended, idle or too old.
  Principal authenticate(const std::string& token);
  void logout(const Principal& p);

 private:
  int64_t now() const;
  std::unique_ptr<AccountStore> store_;  // the SQL behind the rules (account_store.h)
  AuthPolicy policy_;
};

struct ApiToken {
  int64_t id = 0;
  std::string username, name;
  Role role = Role::Viewer;
  std::string created_at;
  int64_t expires_epoch = 0, last_used_epoch = 0;
  bool revoked = false;
};

class ApiTokens {
 public:
  explicit ApiTokens(store::Database& db, std::function<int64_t()> now = {});
  ~ApiTokens();
  // Issues a token for `username` (the caller's own, or anyone's for an administrator) with
  // a role no wider than the account's; returns the secret, shown once.
  std::pair<ApiToken, std::string> issue(const std::string& username, const std::string& role, const std::string& name,
                                         int64_t days, const Principal& by);
  // Own tokens; every token for AccountsRead.
  std::vector<ApiToken> list(const Principal& by);
  void revoke(int64_t id, const Principal& by);
  // Unauthenticated for an unknown, revoked or expired token, or a disabled account.
  Principal authenticate(const std::string& secret);

 private:
  int64_t now() const;
  std::unique_ptr<AccountStore> store_;
  std::function<int64_t()> now_;
};

void write_json(JsonWriter& w, const ApiToken& t);
void write_json(JsonWriter& w, const Principal& p);

}  // namespace xinzhi::accounts
