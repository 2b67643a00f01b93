// Every API route with its method and the permission it needs: the one table the router
// enforces, `xinzhi access` prints and docs/access.md shows. A route registered without a
// row here stops the server at start-up.
#pragma once
#include <vector>

#include "modules/accounts/access.h"

namespace xinzhi::server {

struct RouteRule {
  const char* method;   // GET, POST, PATCH, DELETE
  const char* pattern;  // a regular expression matched against the whole decoded path
  accounts::Permission permission;
  const char* summary;
};

const std::vector<RouteRule>& route_table();

}  // namespace xinzhi::server
