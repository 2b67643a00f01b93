// accounts::AccountStore: the SQL behind organisations, accounts, sessions and API tokens,
// private to the module. AccountDirectory, Sessions and ApiTokens hold the rules; sql_account_store.cpp implements it.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "modules/accounts/directory.h"
#include "modules/accounts/principal.h"
#include "modules/accounts/sessions.h"
#include "store/audit_trail.h"
#include "store/database.h"

namespace xinzhi::accounts {

// An account as a caller, read in the one query each sign-in path makes: `who` carries the
// account and its organisation (account_id, username, display_name, role, org_id, org_name,
// org_kind); the service adds the session or token to it.
struct StoredLogin {
  Principal who;
  bool disabled = false;
  std::string password_hash;
  int64_t locked_until = 0;
};

struct StoredSession {
  int64_t id = 0;
  std::string csrf_token;
  int64_t created_epoch = 0, last_seen_epoch = 0;
  bool ended = false;
  Principal who;
  bool disabled = false;
};

// A token as presented by a caller (looked up by the digest of its secret).
struct StoredTokenUse {
  int64_t id = 0;
  Role role = Role::Viewer;
  int64_t expires_epoch = 0, last_used_epoch = 0;
  bool revoked = false;
  Principal who;
  bool disabled = false;
};

// Failed sign-ins counted under a key ("ip:203.0.113.7", "name:mallory"), shared by every
// server process on the database (login_limits.h).
struct LoginGuard {
  int64_t failures = 0;
  int64_t since_epoch = 0;   // the first failure counted
  int64_t locked_until = 0;  // 0: not locked
};

// A token as listed, with the account it belongs to.
struct StoredToken {
  ApiToken token;
  int64_t account_id = 0;
};

// What may be read, outside a write or inside one. Usernames compare without case (the
// column is case-insensitive); organisation names compare exactly.
class AccountReads {
 public:
  virtual ~AccountReads() = default;
  virtual std::vector<Organisation> organisations() = 0;  // by id
  virtual std::optional<Organisation> organisation(int64_t id) = 0;
  virtual std::optional<Organisation> organisation_named(const std::string& name) = 0;
  // The organisation whose name is `text` or whose id written in decimal is `text`.
  virtual std::optional<Organisation> organisation_by_id_or_name(const std::string& text) = 0;
  virtual std::map<int64_t, std::string> organisation_names() = 0;
  virtual std::vector<Account> accounts() = 0;                  // by organisation, then id
  virtual std::vector<Account> members(int64_t org_id) = 0;     // by id
  virtual std::optional<Account> account(const std::string& username) = 0;
  virtual std::map<int64_t, std::string> usernames() = 0;
  virtual std::map<int64_t, std::string> display_names() = 0;
  virtual std::optional<std::string> password_hash(int64_t account_id) = 0;
  virtual int64_t failed_logins(int64_t account_id) = 0;  // wrong passwords in a row so far
  virtual std::optional<StoredLogin> login(const std::string& username) = 0;
  virtual std::optional<StoredSession> session(const std::string& token_hash) = 0;
  virtual std::vector<ApiToken> tokens(std::optional<int64_t> account_id) = 0;  // by id; every token when none
  virtual std::optional<StoredToken> token(int64_t id) = 0;
  virtual std::optional<StoredTokenUse> token_use(const std::string& token_hash) = 0;
  virtual std::optional<LoginGuard> login_guard(const std::string& key) = 0;
};

// The writes one transaction may make. The rules deciding which to make live in the services;
// a store only carries them out.
class AccountWriter : public AccountReads {
 public:
  // name, kind, region, credit_code, contact and description; returns the new id.
  virtual int64_t add_organisation(const Organisation& o) = 0;
  virtual void update_organisation(const Organisation& o) = 0;  // the same fields, by o.id
  virtual int64_t add_account(const std::string& username, const std::string& display_name, int64_t org_id, Role role,
                              const std::string& password_hash) = 0;
  virtual void set_disabled(int64_t account_id, bool disabled) = 0;
  // Stores the hash and stamps password_changed_at with the current time.
  virtual void set_password_hash(int64_t account_id, const std::string& hash) = 0;
  virtual void set_failed_logins(int64_t account_id, int64_t failures) = 0;
  virtual void set_locked_until(int64_t account_id, int64_t epoch) = 0;  // 0: not locked
  // A session created and last seen at `epoch`; returns its id.
  virtual int64_t add_session(int64_t account_id, const std::string& token_hash, const std::string& csrf_token,
                              int64_t epoch, const std::string& ip) = 0;
  virtual void end_session(int64_t session_id) = 0;
  // Ends the account's open sessions except `keep_session` (0: none kept).
  virtual void end_sessions(int64_t account_id, int64_t keep_session) = 0;
  virtual void set_session_seen(int64_t session_id, int64_t epoch) = 0;
  // Deletes the account's sessions that have ended or were created before `created_before`.
  virtual void remove_sessions(int64_t account_id, int64_t created_before) = 0;
  // expires_epoch 0: never; returns the token's id.
  virtual int64_t add_token(int64_t account_id, const std::string& token_hash, Role role, const std::string& name,
                            int64_t expires_epoch) = 0;
  virtual void revoke_token(int64_t id) = 0;
  virtual int64_t revoke_tokens_of(int64_t account_id) = 0;  // every live token; returns how many
  virtual void set_token_used(int64_t id, int64_t epoch) = 0;
  virtual void set_login_guard(const std::string& key, const LoginGuard& guard) = 0;
  // Forgets guards counting since before `before` that hold no lock past it.
  virtual void prune_login_guards(int64_t before) = 0;
  // Appends the entry to the audit trail inside this transaction.
  virtual void audit(const store::AuditChange& change) = 0;
};

class AccountStore : public AccountReads {
 public:
  // A user's write in one write transaction: `fn` reads and writes through the writer and
  // says what it did with audit(); the commit refuses changed rows without an audit entry.
  // Rolled back when `fn` throws.
  virtual void write(const std::function<void(AccountWriter&)>& fn) = 0;
  // A write that is no user's (a session's last-seen time, the failed-login counter), in one
  // write transaction that needs no audit entry (it may still add one). `why` names it.
  virtual void bookkeeping(const char* why, const std::function<void(AccountWriter&)>& fn) = 0;
};

std::unique_ptr<AccountStore> sql_account_store(store::Database& db);

}  // namespace xinzhi::accounts
