#include "modules/accounts/access.h"

#include <algorithm>

#include "base/error.h"
#include "modules/accounts/principal.h"

namespace xinzhi::accounts {

namespace {
struct RoleInfo {
  Role role;
  const char* name;
  const char* zh;
};
constexpr RoleInfo kRoleInfo[] = {
    {Role::Admin, "admin", "系统管理员"},         {Role::Analyst, "analyst", "分析师"},
    {Role::ParkOperator, "park_operator", "园区运营方"}, {Role::Enterprise, "enterprise", "企业用户"},
    {Role::Lab, "lab", "实验室用户"},             {Role::Insurer, "insurer", "保险机构"},
    {Role::Auditor, "auditor", "审计员"},         {Role::Viewer, "viewer", "只读用户"},
};
struct KindInfo {
  OrgKind kind;
  const char* name;
  const char* zh;
};
constexpr KindInfo kKindInfo[] = {
    {OrgKind::Bureau, "bureau", "政府部门"},   {OrgKind::Park, "park", "园区平台"},
    {OrgKind::Enterprise, "enterprise", "企业"}, {OrgKind::Lab, "lab", "实验室"},
    {OrgKind::Insurer, "insurer", "保险机构"},  {OrgKind::AuditOffice, "audit_office", "审计机构"},
};

template <class T, size_t N>
std::string accepted(const T (&table)[N]) {
  std::string s;
  for (const auto& x : table) s += (s.empty() ? "" : ", ") + std::string(x.name);
  return s;
}
}  // namespace

std::string_view role_name(Role r) { return kRoleInfo[static_cast<int>(r)].name; }
std::string_view role_label_zh(Role r) { return kRoleInfo[static_cast<int>(r)].zh; }
std::optional<Role> parse_role(std::string_view name) {
  for (const auto& x : kRoleInfo)
    if (name == x.name) return x.role;
  return std::nullopt;
}
Role role_from(std::string_view name) {
  if (auto r = parse_role(name)) return *r;
  fail_keyed(ErrorCode::InvalidInput, "role_unknown", {{"value", std::string(name)}, {"accepted", accepted(kRoleInfo)}},
             "role is '" + std::string(name) + "', expected one of " + accepted(kRoleInfo));
}
std::string_view org_kind_name(OrgKind k) { return kKindInfo[static_cast<int>(k)].name; }
std::string_view org_kind_label_zh(OrgKind k) { return kKindInfo[static_cast<int>(k)].zh; }
OrgKind org_kind_from(std::string_view name) {
  for (const auto& x : kKindInfo)
    if (name == x.name) return x.kind;
  fail_keyed(ErrorCode::InvalidInput, "org_kind_unknown", {{"value", std::string(name)}, {"accepted", accepted(kKindInfo)}},
             "organisation kind is '" + std::string(name) + "', expected one of " + accepted(kKindInfo));
}

std::string_view permission_name(Permission p) {
  switch (p) {
    case Permission::Public: return "public";
    case Permission::SignedIn: return "signed_in";
    case Permission::AnalyticsRead: return "analytics.read";
    case Permission::AnalyticsWrite: return "analytics.write";
    case Permission::OrgRead: return "org.read";
    case Permission::OrgEdit: return "org.edit";
    case Permission::AccountsRead: return "accounts.read";
    case Permission::AccountsManage: return "accounts.manage";
    case Permission::AuditRead: return "audit.read";
    case Permission::ScenarioManage: return "scenario.manage";
    case Permission::ScenarioApply: return "scenario.apply";
    case Permission::ScenarioScore: return "scenario.score";
    case Permission::EngineersRequest: return "engineers.request";
    case Permission::EngineersDispatch: return "engineers.dispatch";
    case Permission::TransferRequest: return "transfer.request";
    case Permission::TransferManage: return "transfer.manage";
    case Permission::TasksRead: return "tasks.read";
    case Permission::TasksManage: return "tasks.manage";
  }
  return "?";
}

std::string_view permission_meaning(Permission p) {
  switch (p) {
    case Permission::Public: return "no session needed";
    case Permission::SignedIn: return "any signed-in account: its own session, password and API tokens";
    case Permission::AnalyticsRead: return "chain atlas, chokepoints, ecosystem, heat maps, graph overview, regions";
    case Permission::AnalyticsWrite: return "chain edits, derived chains, merges, foresight snapshots and schedules";
    case Permission::OrgRead: return "organisation profiles and their members";
    case Permission::OrgEdit: return "an organisation's profile (name, region, contact, description)";
    case Permission::AccountsRead: return "every account, organisation and API token";
    case Permission::AccountsManage: return "create organisations and accounts, disable, reset passwords";
    case Permission::AuditRead: return "the audit trail and its verification";
    case Permission::ScenarioManage: return "publish scenario lists and scenarios, set indicators and experts, evaluate, decide";
    case Permission::ScenarioApply: return "apply for a scenario for one's own organisation; see its own applications";
    case Permission::ScenarioScore: return "judge indicators and score applications of scenarios one is an expert on";
    case Permission::EngineersRequest: return "the shared-engineer registry and dispatches; ask for engineers for one's own organisation";
    case Permission::EngineersDispatch: return "register engineers, run dispatch rounds, record answers, hours and outcomes";
    case Permission::TransferRequest: return "overseas technology listings and their matches; post technology demands for one's own organisation";
    case Permission::TransferManage: return "import technology listings, open transfer cases, work their checklist, sign or decline";
    case Permission::TasksRead: return "the national demand list, capability profiles and matches; one's own organisation's candidacies";
    case Permission::TasksManage: return "import the national demand list, put labs and firms into the pre-research pool, move them through its gates";
  }
  return "?";
}

bool role_has(Role r, Permission p) {
  using enum Role;
  switch (p) {
    case Permission::Public:
    case Permission::SignedIn:
    case Permission::OrgRead: return true;
    case Permission::AnalyticsRead: return r == Admin || r == Analyst || r == ParkOperator || r == Auditor || r == Viewer;
    case Permission::AnalyticsWrite: return r == Admin || r == Analyst;
    case Permission::OrgEdit: return r == Admin || r == ParkOperator || r == Enterprise || r == Lab || r == Insurer;
    case Permission::AccountsRead:
    case Permission::AuditRead: return r == Admin || r == Auditor;
    case Permission::AccountsManage: return r == Admin;
    case Permission::ScenarioManage: return r == Admin || r == Analyst;
    case Permission::ScenarioApply: return r == Enterprise || r == Lab;
    case Permission::ScenarioScore: return r == Admin || r == Analyst || r == ParkOperator || r == Lab;
    case Permission::EngineersRequest: return r == Admin || r == Analyst || r == ParkOperator || r == Enterprise || r == Lab;
    case Permission::EngineersDispatch: return r == Admin || r == Analyst || r == ParkOperator;
    case Permission::TransferRequest: return r == Admin || r == Analyst || r == ParkOperator || r == Enterprise || r == Lab;
    case Permission::TransferManage: return r == Admin || r == Analyst || r == ParkOperator;
    case Permission::TasksRead: return r == Admin || r == Analyst || r == ParkOperator || r == Enterprise || r == Lab;
    case Permission::TasksManage: return r == Admin || r == Analyst;
  }
  return false;
}

bool reaches_all_orgs(Role r, Permission p) {
  using enum Role;
  if (p == Permission::OrgEdit) return r == Admin;
  if (p == Permission::OrgRead) return r == Admin || r == Analyst || r == ParkOperator || r == Auditor;
  // Applicants act for their own organisation; experts only on scenarios they are assigned to.
  if (p == Permission::ScenarioApply || p == Permission::ScenarioScore) return false;
  // Firms and labs see and open their own organisation's requests only.
  if (p == Permission::EngineersRequest || p == Permission::TransferRequest || p == Permission::TasksRead)
    return r == Admin || r == Analyst || r == ParkOperator;
  return role_has(r, p);
}

bool role_within(Role narrower, Role wider) {
  for (auto p : kPermissions) {
    if (role_has(narrower, p) && !role_has(wider, p)) return false;
    if (reaches_all_orgs(narrower, p) && !reaches_all_orgs(wider, p)) return false;
  }
  return true;
}

std::vector<Role> roles_for(OrgKind k) {
  using enum Role;
  switch (k) {
    case OrgKind::Bureau: return {Admin, Analyst, Viewer};
    case OrgKind::Park: return {ParkOperator, Analyst, Viewer};
    // No viewers here: a viewer reads regional analytics, which these organisations' own
    // roles do not.
    case OrgKind::Enterprise: return {Enterprise};
    case OrgKind::Lab: return {Lab};
    case OrgKind::Insurer: return {Insurer};
    case OrgKind::AuditOffice: return {Auditor, Viewer};
  }
  return {};
}

void require(const Principal& by, Permission p) {
  if (by.has(p)) return;
  auto role = std::string(role_name(by.token_role ? *by.token_role : by.role));
  fail_keyed(ErrorCode::Forbidden, "role_forbidden", {{"role", role}, {"permission", std::string(permission_name(p))}},
             "role " + role + " may not " + std::string(permission_meaning(p)));
}

}  // namespace xinzhi::accounts
