#include "server/route_table.h"

namespace xinzhi::server {

const std::vector<RouteRule>& route_table() {
  using enum accounts::Permission;
  static const std::vector<RouteRule> rules = {
      // Public by choice: liveness for monitors, the version, and signing in.
      {"GET", "/api/health", Public, "liveness and database check"},
      {"GET", "/metrics", AccountsManage, "Prometheus metrics (admins, or the token of serve --metrics-token-file)"},
      {"GET", "/api/version", Public, "build version"},
      {"POST", "/api/auth/login", Public, "sign in with username and password (sets the session cookie)"},

      {"GET", "/api/auth/me", SignedIn, "the signed-in account, its organisation, permissions and CSRF token"},
      {"POST", "/api/auth/logout", SignedIn, "end this session"},
      {"POST", "/api/auth/password", SignedIn, "change one's own password"},
      {"GET", "/api/auth/tokens", SignedIn, "API tokens: one's own (every token for accounts.read)"},
      {"POST", "/api/auth/tokens", SignedIn, "issue an API token scoped to a role (shown once)"},
      {"DELETE", R"(/api/auth/tokens/(\d+))", SignedIn, "revoke an API token (one's own; any for accounts.manage)"},
      {"GET", "/api/access", SignedIn, "this table and the role × permission matrix"},

      {"GET", "/api/orgs", OrgRead, "organisations (one's own unless the role reaches all)"},
      {"POST", "/api/orgs", AccountsManage, "add an organisation"},
      {"GET", R"(/api/orgs/(\d+))", OrgRead, "one organisation's profile"},
      {"PATCH", R"(/api/orgs/(\d+))", OrgEdit, "edit an organisation's profile"},
      {"GET", R"(/api/orgs/(\d+)/members)", OrgRead, "an organisation's accounts"},
      {"GET", "/api/accounts", AccountsRead, "every account"},
      {"POST", "/api/accounts", AccountsManage, "add an account"},
      {"POST", R"(/api/accounts/([^/]+)/disable)", AccountsManage, "disable an account and end its sessions"},
      {"POST", R"(/api/accounts/([^/]+)/enable)", AccountsManage, "enable an account"},
      {"POST", R"(/api/accounts/([^/]+)/password)", AccountsManage, "set an account's password, lifting a lockout"},
      {"GET", "/api/audit", AuditRead, "audit entries, newest first"},
      {"GET", "/api/audit/verify", AuditRead, "recompute the audit hash chain"},

      {"GET", "/api/overview", AnalyticsRead, "knowledge-graph overview"},
      {"GET", "/api/regions/infer", AnalyticsRead, "infer a region from a name"},
      {"POST", "/api/regions/infer", AnalyticsRead, "infer regions for many names (reads only)"},
      {"GET", "/api/regions/groups", AnalyticsRead, "region groups such as 京津冀"},
      {"GET", "/api/regions/places", AnalyticsRead, "provinces, cities and the home group's districts to pick a region from"},

      {"GET", "/api/search", SignedIn, "find firms, segments, chains, patents and scenarios by name (what the role may read)"},

      {"GET", "/api/chains", AnalyticsRead, "industry chains"},
      {"GET", R"(/api/chains/([^/]+)/atlas)", AnalyticsRead, "chain atlas"},
      {"GET", R"(/api/chains/([^/]+)/atlas\.xlsx)", AnalyticsRead, "chain atlas workbook"},
      {"GET", R"(/api/chains/([^/]+)/segments/([^/]+)/firms)", AnalyticsRead, "a segment's firms"},
      {"GET", R"(/api/chains/([^/]+)/firms)", AnalyticsRead, "a segment's firms (segment as a parameter), or without one every firm of the chain"},
      {"GET", R"(/api/chains/([^/]+)/chokepoints)", AnalyticsRead, "chokepoint ranking"},
      {"GET", R"(/api/chains/([^/]+)/chokepoints\.csv)", AnalyticsRead, "chokepoint ranking as CSV (every component, the data gaps)"},
      {"GET", R"(/api/chains/([^/]+)/shock)", AnalyticsRead, "shock propagation"},
      {"GET", R"(/api/chains/([^/]+)/ecosystem)", AnalyticsRead, "firm ecosystem network"},
      {"GET", R"(/api/chains/([^/]+)/ecosystem\.gexf)", AnalyticsRead, "ecosystem network as GEXF"},
      {"GET", R"(/api/chains/([^/]+)/map)", AnalyticsRead, "a chain's firms and covered segments per district of a region"},
      {"GET", R"(/api/chains/([^/]+)/edits)", AnalyticsRead, "a chain's edit history"},
      {"POST", R"(/api/chains/([^/]+)/edits)", AnalyticsWrite, "edit a chain"},
      {"GET", R"(/api/chains/([^/]+)/linkages)", AnalyticsRead, "each segment's input-output sector, multiplier and linkages"},
      {"POST", R"(/api/chains/([^/]+)/linkages)", AnalyticsWrite, "read a segment as a sector of an input-output table"},
      {"GET", "/api/io/tables", AnalyticsRead, "stored input-output tables"},
      {"POST", "/api/chains/derive", AnalyticsWrite, "derive a chain from the knowledge graph"},
      {"POST", R"(/api/chains/([^/]+)/merge)", AnalyticsWrite, "merge two segments"},
      {"POST", R"(/api/chains/([^/]+)/unmerge)", AnalyticsWrite, "undo a merge"},

      {"GET", "/api/foresight/heatmap", AnalyticsRead, "technology heat map"},
      {"GET", "/api/foresight/heatmap.csv", AnalyticsRead, "heat map as CSV"},
      {"GET", R"(/api/foresight/heatmap\.(png|svg))", AnalyticsRead, "heat map picture"},
      {"GET", "/api/foresight/overview", AnalyticsRead, "patents held"},
      {"GET", "/api/literature/bursts", AnalyticsRead, "keyword bursts of imported papers"},
      {"GET", "/api/foresight/snapshots", AnalyticsRead, "heat-map snapshots"},
      {"POST", "/api/foresight/snapshots", AnalyticsWrite, "take a snapshot"},
      {"GET", "/api/foresight/snapshots/diff", AnalyticsRead, "compare two snapshots"},
      {"GET", "/api/foresight/schedules", AnalyticsRead, "scheduled snapshots"},
      {"POST", "/api/foresight/schedules", AnalyticsWrite, "schedule snapshots"},

      {"POST", R"(/api/mcda/(ahp|entropy|topsis|promethee|fce|sensitivity))", AnalyticsRead,
       "decision methods on a matrix in the body (computes, stores nothing)"},

      {"GET", "/api/settings/region", SignedIn, "the home region: focal province and partner group"},
      {"POST", "/api/settings/region", AccountsManage, "set the home region"},

      {"GET", "/api/scenarios/public", Public, "published scenario lists and their scenarios (opt-in public)"},
      {"GET", "/api/scenario-lists", SignedIn, "scenario lists (drafts too for scenario.manage)"},
      {"POST", "/api/scenario-lists", ScenarioManage, "start a scenario list"},
      {"POST", R"(/api/scenario-lists/(\d+)/publish)", ScenarioManage, "publish a scenario list"},
      {"GET", "/api/scenarios", SignedIn, "scenarios of published lists"},
      {"POST", "/api/scenarios", ScenarioManage, "add a scenario to a list"},
      {"GET", R"(/api/scenarios/(\d+))", SignedIn, "one scenario"},
      {"PATCH", R"(/api/scenarios/(\d+))", ScenarioManage, "edit a scenario"},
      {"GET", R"(/api/scenarios/(\d+)/indicators)", SignedIn, "the indicator tree"},
      {"POST", R"(/api/scenarios/(\d+)/indicators)", ScenarioManage, "replace the indicator tree (征集 only)"},
      {"GET", R"(/api/scenarios/(\d+)/experts)", SignedIn, "the scenario's experts"},
      {"POST", R"(/api/scenarios/(\d+)/experts)", ScenarioManage, "assign an expert"},
      {"GET", R"(/api/scenarios/(\d+)/applications)", SignedIn, "applications (all for managers and experts, own otherwise)"},
      {"POST", R"(/api/scenarios/(\d+)/applications)", ScenarioApply, "apply for one's organisation (征集 only)"},
      {"POST", R"(/api/scenarios/(\d+)/judgements)", ScenarioScore, "an expert's pairwise judgements (评估 only)"},
      {"POST", R"(/api/scenarios/(\d+)/scores)", ScenarioScore, "an expert's scores of an application (评估 only)"},
      {"GET", R"(/api/scenarios/(\d+)/my-review)", ScenarioScore, "the calling expert's own judgements and scores"},
      {"POST", R"(/api/scenarios/(\d+)/advance)", ScenarioManage, "move along 征集 → 评估 → 首试首用 → 推广 (or 终止)"},
      {"POST", R"(/api/scenarios/(\d+)/decision)", ScenarioManage, "choose the first-trial application and record why"},
      {"GET", R"(/api/scenarios/(\d+)/evaluation)", SignedIn, "weights, ranking and sensitivity (managers, experts, auditors)"},
      {"GET", R"(/api/scenarios/(\d+)/report\.xlsx)", SignedIn, "the evaluation report workbook"},
  };
  return rules;
}

}  // namespace xinzhi::server
