// Who is calling: the signed-in account (through a session or an API token) or the operator
// at the console, with the permissions and organisation scope the matrix gives it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "modules/accounts/access.h"
#include "store/audit_trail.h"

namespace xinzhi::accounts {

struct Principal {
  int64_t account_id = 0;  // 0 for the console operator
  std::string username, display_name;
  Role role = Role::Viewer;
  std::optional<Role> token_role;  // set when calling with an API token scoped to a role
  int64_t org_id = 0;
  std::string org_name;
  OrgKind org_kind = OrgKind::Bureau;
  std::string csrf_token;  // cookie sessions only: writes must echo it
  int64_t session_id = 0, token_id = 0;
  bool signed_in = true;  // false only for the anonymous caller of a public route

  bool has(Permission p) const {
    if (!signed_in) return p == Permission::Public;
    return role_has(role, p) && (!token_role || role_has(*token_role, p));
  }
  bool reaches_all(Permission p) const {
    return has(p) && reaches_all_orgs(role, p) && (!token_role || reaches_all_orgs(*token_role, p));
  }
  bool may_read_org(int64_t id) const { return has(Permission::OrgRead) && (reaches_all(Permission::OrgRead) || id == org_id); }
  bool may_edit_org(int64_t id) const { return has(Permission::OrgEdit) && (reaches_all(Permission::OrgEdit) || id == org_id); }
  store::Actor actor(const std::string& via) const { return {account_id, username, org_id, org_name, via}; }

  static Principal anonymous() {
    Principal p;
    p.signed_in = false;
    p.username = "anonymous";
    return p;
  }
  // Whoever runs the xinzhi command against the database file: every permission.
  static Principal console(const std::string& who) {
    Principal p;
    p.username = who;
    p.display_name = who;
    p.role = Role::Admin;
    return p;
  }
};

// Forbidden (key role_forbidden with the role and the permission, which the dashboard
// names in Chinese) unless `by` holds `p`.
void require(const Principal& by, Permission p);

}  // namespace xinzhi::accounts
