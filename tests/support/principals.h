// A caller for the services' tests: a role in an organisation, as a signed-in account would be.
#pragma once
#include <string>

#include "modules/accounts/principal.h"

namespace xinzhi::testing {

inline accounts::Principal person(accounts::Role role, const std::string& org) {
  accounts::Principal p;
  p.username = "u";
  p.role = role;
  p.org_name = org;
  return p;
}

}  // namespace xinzhi::testing
