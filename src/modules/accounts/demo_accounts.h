// The demo organisations and one account per role that `make demo` creates. Their
// passwords are public (README, docs/access.md): for trying Xinzhi out, never for real use.
#pragma once
#include <string>
#include <vector>

#include "modules/accounts/directory.h"

namespace xinzhi::accounts {

struct DemoAccount {
  std::string username, password, display_name, role, org;
};

const std::vector<DemoAccount>& demo_accounts();
// Creates the demo organisations and accounts that are missing; returns how many accounts it added.
int seed_demo_accounts(store::Database& db, const PasswordCost& cost = {});

}  // namespace xinzhi::accounts
