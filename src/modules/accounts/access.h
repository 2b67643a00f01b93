// Roles, organisation kinds and permissions, and the one role × permission matrix that the
// HTTP router enforces and docs/access.md prints.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xinzhi::accounts {

enum class Role { Admin, Analyst, ParkOperator, Enterprise, Lab, Insurer, Auditor, Viewer };
inline constexpr std::array kRoles = {Role::Admin,   Role::Analyst, Role::ParkOperator, Role::Enterprise,
                                      Role::Lab,     Role::Insurer, Role::Auditor,      Role::Viewer};

enum class OrgKind { Bureau, Park, Enterprise, Lab, Insurer, AuditOffice };
inline constexpr std::array kOrgKinds = {OrgKind::Bureau,     OrgKind::Park,    OrgKind::Enterprise,
                                         OrgKind::Lab,        OrgKind::Insurer, OrgKind::AuditOffice};

// What a route needs. Scoped permissions (OrgRead, OrgEdit) are further limited to the
// caller's own organisation unless the role reaches every organisation (reaches_all_orgs).
enum class Permission {
  Public,          // no session needed (opt-in per route)
  SignedIn,        // any signed-in account: its own session, password and tokens
  AnalyticsRead,   // chain atlas, chokepoints, heat maps, knowledge-graph overview, regions
  AnalyticsWrite,  // chain edits, derived chains, merges, foresight snapshots and schedules
  OrgRead,         // organisation profiles and their members
  OrgEdit,         // an organisation's profile
  AccountsRead,    // every account and organisation
  AccountsManage,  // create organisations and accounts, disable, reset passwords, revoke tokens
  AuditRead,       // the audit trail and its verification
  ScenarioManage,  // scenario lists, scenarios, indicators, experts, evaluation and decisions
  ScenarioApply,   // apply for a scenario on behalf of one's own organisation
  ScenarioScore,   // judge and score a scenario's applications (where assigned as an expert)
  EngineersRequest,   // the shared-engineer registry; ask for engineers (own organisation's requests)
  EngineersDispatch,  // register engineers, run dispatch rounds, record answers, hours and outcomes
  TransferRequest,    // overseas technology listings and their matches; post own organisation's demands
  TransferManage,     // import listings, open transfer cases, work their checklist, sign or decline
  TasksRead,          // the national demand list, capability profiles, matches; own candidacies
  TasksManage,        // import the list, put bodies into the pre-research pool, move them through its gates
};
inline constexpr std::array kPermissions = {Permission::Public,        Permission::SignedIn,     Permission::AnalyticsRead,
                                            Permission::AnalyticsWrite, Permission::OrgRead,      Permission::OrgEdit,
                                            Permission::AccountsRead,  Permission::AccountsManage, Permission::AuditRead,
                                            Permission::ScenarioManage, Permission::ScenarioApply, Permission::ScenarioScore,
                                            Permission::EngineersRequest, Permission::EngineersDispatch,
                                            Permission::TransferRequest, Permission::TransferManage,
                                            Permission::TasksRead, Permission::TasksManage};

std::string_view role_name(Role r);        // "park_operator"
std::string_view role_label_zh(Role r);    // "园区运营方"
std::optional<Role> parse_role(std::string_view name);
Role role_from(std::string_view name);     // InvalidInput naming the accepted roles
std::string_view org_kind_name(OrgKind k);  // "audit_office"
std::string_view org_kind_label_zh(OrgKind k);
OrgKind org_kind_from(std::string_view name);
std::string_view permission_name(Permission p);  // "analytics.read"
std::string_view permission_meaning(Permission p);

// The matrix.
bool role_has(Role r, Permission p);
// Whether a role's scoped permissions reach every organisation, not only its own.
bool reaches_all_orgs(Role r, Permission p);
// A token's role must not grant what its account's role does not.
bool role_within(Role narrower, Role wider);
// The roles that an organisation of this kind may hold (an enterprise's accounts are
// enterprise; the bureau's are admin, analyst or viewer …).
std::vector<Role> roles_for(OrgKind k);

}  // namespace xinzhi::accounts
