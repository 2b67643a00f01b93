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
}
