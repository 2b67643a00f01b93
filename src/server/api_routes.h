// The /api routes: each parses and checks its input, calls a module service and writes
// the result as JSON. No business logic here.
#pragma once
#include <memory>
#include <string>

namespace httplib {
class Server;
}

namespace xinzhi::store {
class Store;
}

namespace xinzhi::server {
void install_api_routes(httplib::Server& http, const std::string& db_path);
// /api/chains: chain list, atlas, segment firms, derive, merges (api_chain_routes.cpp).
void install_chain_routes(httplib::Server& http, std::shared_ptr<store::Store> store);
// /api/foresight: heat map (JSON, CSV, PNG, SVG), snapshots, schedules (api_foresight_routes.cpp).
void install_foresight_routes(httplib::Server& http, std::shared_ptr<store::Store> store);
}
