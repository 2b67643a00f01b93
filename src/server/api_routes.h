// The /api routes: each parses and checks its input, calls a module service and writes
// the result as JSON. No business logic here.
#pragma once
#include <string>

namespace httplib {
class Server;
}

namespace xinzhi::server {
void install_api_routes(httplib::Server& http, const std::string& db_path);
}
