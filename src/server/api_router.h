// The one place where API requests are authenticated and authorised: every route is added
// through ApiRouter, which finds its row in the route table, checks the session cookie (with
// Origin and CSRF token on writes) or bearer token and the permission, sets the audit actor,
// and only then runs the handler.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>
#include <type_traits>

#include "modules/accounts/passwords.h"
#include "modules/accounts/principal.h"
#include "modules/accounts/sessions.h"
#include "server/http_message.h"
#include "server/http_routes.h"
#include "store/database.h"

namespace xinzhi::server {

struct AuthOptions {
  accounts::AuthPolicy policy;
  accounts::PasswordCost password_cost;  // for accounts created over HTTP
  bool secure_cookies = false;           // behind TLS: cookies get Secure, origins https
  // The origins browsers use to reach this server (serve --public-origin, e.g.
  // "https://xinzhi.tj.gov.cn"). Empty: only this machine's own pages, http://127.0.0.1:PORT,
  // http://localhost:PORT or http://[::1]:PORT on the port the request came in on.
  std::vector<std::string> public_origins;
  // A bearer token that may read /metrics and nothing else (serve --metrics-token-file), for
  // a Prometheus scraper; empty: only admins may.
  std::string metrics_token;
};

inline constexpr const char* kSessionCookie = "xinzhi_session";

class ApiRouter {
 public:
  using Handler = std::function<void(const Request&, Response&, const accounts::Principal&)>;

  ApiRouter(HttpRoutes& routes, std::shared_ptr<store::Store> store, AuthOptions auth);

  // Handlers take (request, response) or (request, response, principal). A quick route
  // (liveness, version) runs on the I/O thread; the others on the worker pool.
  template <class F>
  void get(const std::string& pattern, F f, bool quick = false) { add("GET", pattern, wrap(std::move(f)), quick); }
  template <class F>
  void post(const std::string& pattern, F f) { add("POST", pattern, wrap(std::move(f))); }
  template <class F>
  void patch(const std::string& pattern, F f) { add("PATCH", pattern, wrap(std::move(f))); }
  template <class F>
  void del(const std::string& pattern, F f) { add("DELETE", pattern, wrap(std::move(f))); }

  // Internal error naming the first route-table row that no code registered.
  void check_complete() const;
  const AuthOptions& auth() const { return auth_; }
  const std::shared_ptr<store::Store>& store() const { return store_; }

 private:
  template <class F>
  static Handler wrap(F f) {
    if constexpr (std::is_invocable_v<F&, const Request&, Response&, const accounts::Principal&>)
      return Handler(std::move(f));
    else
      return [f = std::move(f)](const Request& req, Response& res, const accounts::Principal&) { f(req, res); };
  }
  void add(const char* method, const std::string& pattern, Handler h, bool quick = false);
  static accounts::Principal authenticate(store::Store& store, const AuthOptions& auth, const Request& req,
                                          bool writes);

  HttpRoutes& routes_;
  std::shared_ptr<store::Store> store_;
  AuthOptions auth_;
  std::set<std::pair<std::string, std::string>> registered_;
};

// Whether a browser's Origin header names this server: one of the configured public origins,
// or, when none is configured, a loopback origin on the request's own port. The Host header
// is never consulted: a client chooses it freely.
bool origin_allowed(const std::string& origin, const Request& req, const AuthOptions& auth);
// The value of one cookie, or "".
std::string cookie_value(const Request& req, const std::string& name);

}  // namespace xinzhi::server
