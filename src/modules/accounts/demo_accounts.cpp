#include "modules/accounts/demo_accounts.h"

#include "modules/accounts/account_store.h"

namespace xinzhi::accounts {

namespace {
struct DemoOrg {
  const char* name;
  const char* kind;
  const char* region;
};
// Sample organisations, marked （示例） like the sample region's firms.
constexpr DemoOrg kOrgs[] = {
    {"天津市科学技术局（示例）", "bureau", "天津市"},
    {"滨海高新区园区平台（示例）", "park", "天津市滨海新区"},
    {"天津海河智能装备有限公司（示例）", "enterprise", "天津市滨海新区"},
    {"天津津沽新材料有限公司（示例）", "enterprise", "天津市西青区"},
    {"海河实验室（示例）", "lab", "天津市南开区"},
    {"津门科技保险（示例）", "insurer", "天津市和平区"},
    {"天津市审计事务所（示例）", "audit_office", "天津市河西区"},
};
}  // namespace

const std::vector<DemoAccount>& demo_accounts() {
  static const std::vector<DemoAccount> accounts = {
      {"admin", "demo-admin-2026", "系统管理员（示例）", "admin", kOrgs[0].name},
      {"analyst", "demo-analyst-2026", "科技局分析师（示例）", "analyst", kOrgs[0].name},
      {"viewer", "demo-viewer-2026", "只读用户（示例）", "viewer", kOrgs[0].name},
      {"park", "demo-park-2026", "园区运营（示例）", "park_operator", kOrgs[1].name},
      {"enterprise", "demo-enterprise-2026", "海河智能装备（示例）", "enterprise", kOrgs[2].name},
      {"enterprise2", "demo-enterprise2-2026", "津沽新材料（示例）", "enterprise", kOrgs[3].name},
      {"lab", "demo-lab-2026", "海河实验室（示例）", "lab", kOrgs[4].name},
      {"insurer", "demo-insurer-2026", "科技保险（示例）", "insurer", kOrgs[5].name},
      {"auditor", "demo-auditor-2026", "审计员（示例）", "auditor", kOrgs[6].name},
  };
  return accounts;
}

int seed_demo_accounts(store::Database& db, const PasswordCost& cost) {
  AccountDirectory dir(db, cost);
  auto store = sql_account_store(db);
  auto admin = Principal::console("demo");
  for (const auto& o : kOrgs)
    if (!store->organisation_named(o.name))
      dir.add_org({o.name, o.kind, o.region, std::nullopt, std::nullopt, "演示用的示例机构"}, admin);
  int added = 0;
  for (const auto& a : demo_accounts()) {
    if (store->account(a.username)) continue;
    dir.add_account({a.username, a.display_name, a.org, a.role, a.password}, admin);
    ++added;
  }
  return added;
}

}  // namespace xinzhi::accounts
