// The /api routes: each parses and checks its input, calls a module service and writes
// the result as JSON. No business logic here. Every route goes through ApiRouter, which
// authenticates and authorises it against the route table.
#pragma once
#include "server/api_router.h"

namespace xinzhi::server {
// /api/health, version, overview, regions (api_routes.cpp).
void install_api_routes(ApiRouter& api);
// /api/chains: chain list, atlas, segment firms, derive, merges (api_chain_routes.cpp).
void install_chain_routes(ApiRouter& api);
// /api/foresight: heat map (JSON, CSV, PNG, SVG), snapshots, schedules (api_foresight_routes.cpp).
void install_foresight_routes(ApiRouter& api);
// /api/auth, /api/orgs, /api/accounts, /api/audit, /api/access (api_account_routes.cpp).
void install_account_routes(ApiRouter& api);
// /api/scenario-lists, /api/scenarios: 场景创新合伙人 (api_scenario_routes.cpp).
void install_scenario_routes(ApiRouter& api);
// /api/mcda/{method}: AHP, entropy, TOPSIS, PROMETHEE, FCE, sensitivity (api_mcda_routes.cpp).
void install_mcda_routes(ApiRouter& api);
// /api/literature/bursts: keyword bursts of imported papers (api_literature_routes.cpp).
void install_literature_routes(ApiRouter& api);
// /api/search: firms, segments, chains, patents and scenarios by name (api_search_routes.cpp).
void install_search_routes(ApiRouter& api);
// /api/io/tables and /api/chains/{chain}/linkages: 产业关联 (api_linkage_routes.cpp).
void install_linkage_routes(ApiRouter& api);
// /api/engineers, /api/engineer-requests, -rounds, -dispatches: 共享工程师 (api_engineer_routes.cpp).
void install_engineer_routes(ApiRouter& api);
// /api/transfer/…: 国际技术转移 — listings, demands, matches, cases (api_transfer_routes.cpp).
void install_transfer_routes(ApiRouter& api);
// /api/tasks, /api/task-pool: 任务清单制 — demands, profiles, matches, the pool (api_task_routes.cpp).
void install_task_routes(ApiRouter& api);
// /api/nqpf/…: 新质生产力指数 — systems, the index, what moved a province (api_nqpf_routes.cpp).
void install_nqpf_routes(ApiRouter& api);
// /api/settings/region: the home region (api_settings_routes.cpp).
void install_settings_routes(ApiRouter& api);
}  // namespace xinzhi::server
