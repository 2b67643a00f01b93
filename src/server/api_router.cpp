#include "server/api_router.h"

#include <algorithm>

#include "base/digest.h"
#include "base/error.h"
#include "server/route_table.h"
#include "store/audit_trail.h"

namespace xinzhi::server {

bool origin_allowed(const std::string& origin, const Request& req, const AuthOptions& auth) {
  if (!auth.public_origins.empty())
    return std::find(auth.public_origins.begin(), auth.public_origins.end(), origin) != auth.public_origins.end();
  for (const char* host : {"127.0.0.1", "localhost", "[::1]"}) {
    // Built by append: g++ 12 -O3 warns falsely (-Wrestrict) on chained operator+.
    std::string mine = auth.secure_cookies ? "https://" : "http://";
    mine.append(host).append(":").append(std::to_string(req.local_port));
    if (origin == mine) return true;
  }
  return false;
}

std::string cookie_value(const Request& req, const std::string& name) {
  auto header = req.get_header_value("Cookie");
  size_t at = 0;
  while (at < header.size()) {
    size_t end = header.find(';', at);
    if (end == std::string::npos) end = header.size();
    auto part = header.substr(at, end - at);
    auto first = part.find_first_not_of(' ');
    if (first != std::string::npos) part = part.substr(first);
    if (part.size() > name.size() && part.compare(0, name.size(), name) == 0 && part[name.size()] == '=')
      return part.substr(name.size() + 1);
    at = end + 1;
  }
  return "";
}

ApiRouter::ApiRouter(HttpRoutes& routes, std::shared_ptr<store::Store> store, AuthOptions auth)
    : routes_(routes), store_(std::move(store)), auth_(std::move(auth)) {}

void ApiRouter::add(const char* method, const std::string& pattern, Handler h, bool quick) {
  const RouteRule* rule = nullptr;
  for (const auto& r : route_table())
    if (method == std::string(r.method) && pattern == r.pattern) rule = &r;
  if (!rule)
    fail(ErrorCode::Internal, std::string(method) + " " + pattern + " has no row in the route table (route_table.cpp)");
  registered_.insert({method, pattern});
  const auto permission = rule->permission;
  const bool writes = std::string(method) != "GET";
  const bool metrics = pattern == "/metrics";
  // The router is gone once routes are installed: the handler holds its own copies.
  auto guarded = [store = store_, auth = auth_, permission, writes, metrics, h = std::move(h)](const Request& req,
                                                                                               Response& res) {
    if (permission == accounts::Permission::Public) {
      h(req, res, accounts::Principal::anonymous());
      return;
    }
    // The scraper's token opens /metrics alone; it is no account and reaches no data.
    if (metrics && !auth.metrics_token.empty() &&
        constant_time_equal(req.get_header_value("Authorization"), "Bearer " + auth.metrics_token)) {
      h(req, res, accounts::Principal::anonymous());
      return;
    }
    auto who = authenticate(*store, auth, req, writes);
    accounts::require(who, permission);
    store::ActingAs as(who.actor("api"));
    h(req, res, who);
  };
  routes_.add(method, pattern, std::move(guarded), quick);
}

accounts::Principal ApiRouter::authenticate(store::Store& store, const AuthOptions& auth, const Request& req,
                                            bool writes) {
  auto& db = store.connection();
  auto authorization = req.get_header_value("Authorization");
  if (!authorization.empty()) {
    // Scripts: a bearer token is not sent by browsers on their own, so no CSRF check applies.
    if (authorization.rfind("Bearer ", 0) != 0)
      fail_keyed(ErrorCode::Unauthenticated, "authorization_malformed", {}, "the Authorization header must be 'Bearer <token>'");
    return accounts::ApiTokens(db, auth.policy.now).authenticate(authorization.substr(7));
  }
  auto token = cookie_value(req, kSessionCookie);
  if (token.empty()) fail_keyed(ErrorCode::Unauthenticated, "sign_in_first", {}, "sign in first");
  auto who = accounts::Sessions(db, auth.policy).authenticate(token);
  if (writes) {
    // A browser sends the cookie on cross-site requests too; a write must come from our own
    // pages: the Origin header names this server and the CSRF token echoes the session's.
    auto origin = req.get_header_value("Origin");
    if (origin.empty())
      fail_keyed(ErrorCode::Forbidden, "origin_missing", {}, "a write with a session cookie needs an Origin header");
    if (!origin_allowed(origin, req, auth))
      fail_keyed(ErrorCode::Forbidden, "origin_refused", {{"origin", origin}},
                 "requests from " + origin + " may not write here (serve --public-origin names the origins)");
    if (!constant_time_equal(req.get_header_value("X-CSRF-Token"), who.csrf_token))
      fail_keyed(ErrorCode::Forbidden, "csrf_mismatch", {}, "the X-CSRF-Token header is missing or does not match this session");
  }
  return who;
}

void ApiRouter::check_complete() const {
  for (const auto& r : route_table())
    if (!registered_.count({r.method, r.pattern}))
      fail(ErrorCode::Internal, std::string(r.method) + " " + r.pattern + " is in the route table but no code serves it");
}

}  // namespace xinzhi::server
