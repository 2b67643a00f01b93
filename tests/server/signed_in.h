// For HTTP tests: accounts with cheap password hashes and bearer tokens, so that a test can
// call protected routes as a given role.
#pragma once
#include <string>

#include "base/error.h"
#include "modules/accounts/directory.h"
#include "modules/accounts/sessions.h"
#include "modules/registry.h"
#include "store/database.h"

namespace xinzhi::testing {

// The cheapest argon2id libsodium allows: tests hash hundreds of passwords.
inline accounts::PasswordCost cheap_cost() { return {1, 8192}; }

// Creates (once) an organisation of `kind` named `org` and an account `username` with `role`,
// password "password-" + username.
inline void ensure_account(store::Database& db, const std::string& username, const std::string& role,
                           const std::string& org, const std::string& kind) {
  modules::migrate(db);
  accounts::AccountDirectory dir(db, cheap_cost());
  auto console = accounts::Principal::console("test");
  try {
    dir.find_org(org);
  } catch (const xinzhi::Error&) {
    dir.add_org({org, kind, std::nullopt, std::nullopt, std::nullopt, std::nullopt}, console);
  }
  try {
    dir.account(username);
  } catch (const xinzhi::Error&) {
    dir.add_account({username, username, org, role, "password-" + username}, console);
  }
}

// A bearer token for a fresh account of `role` in a bureau (or the org given).
inline std::string token_for(const std::string& db_path, const std::string& role = "admin",
                             const std::string& org = "测试局", const std::string& kind = "bureau") {
  store::Database db(db_path);
  std::string username = "t-" + role + "-" + std::to_string(std::hash<std::string>{}(org) % 100000);
  ensure_account(db, username, role, org, kind);
  return accounts::ApiTokens(db).issue(username, "", "test", 1, accounts::Principal::console("test")).second;
}

}  // namespace xinzhi::testing
