// /api/auth, /api/orgs, /api/accounts, /api/audit and /api/access: signing in and out, API
// tokens, organisations and accounts, the audit trail, and the access table itself.
#include <map>

#include "base/error.h"
#include "base/json_writer.h"
#include "modules/accounts/directory.h"
#include "modules/accounts/login_limits.h"
#include "modules/accounts/sessions.h"
#include "server/api_routes.h"
#include "server/json_response.h"
#include "server/request_json.h"
#include "server/route_table.h"
#include "server/streamed_body.h"
#include "store/audit_trail.h"

namespace xinzhi::server {

namespace {

std::optional<std::string> optional_string(const nlohmann::json& body, const char* field, size_t max) {
  if (!body.is_object() || !body.contains(field)) return std::nullopt;
  return string_field(body, field, max);
}

accounts::OrganisationFields org_fields(const nlohmann::json& body) {
  if (!body.is_object()) fail_keyed(ErrorCode::InvalidInput, "body_not_object", {}, "request body must be a JSON object");
  return {optional_string(body, "name", 200),        optional_string(body, "kind", 40),
          optional_string(body, "region", 200),      optional_string(body, "credit_code", 18),
          optional_string(body, "contact", 200),     optional_string(body, "description", 4000)};
}

void write_principal(Response& res, const accounts::Principal& p, int status = 200) {
  JsonWriter w;
  accounts::write_json(w, p);
  write_json_text(res, w.take(), status);
}

std::string session_cookie(const std::string& value, int64_t max_age, bool secure) {
  return std::string(kSessionCookie) + "=" + value + "; Path=/; Max-Age=" + std::to_string(max_age) +
         "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
}

void write_entry(JsonWriter& w, const store::AuditEntry& e) {
  w.begin_object().field("seq", e.seq).field("at", e.at).field("account_id", e.account_id).field("actor", e.actor);
  w.field("org_id", e.org_id).field("org", e.org).field("via", e.via).field("action", e.action);
  w.field("target_kind", e.target_kind).field("target_id", e.target_id).field("before_digest", e.before_digest);
  w.field("after_digest", e.after_digest).field("detail", e.detail).field("hash", e.hash).end_object();
}

// The audit filter a query names (the list and the CSV read the same parameters).
store::AuditFilter audit_filter(const Request& req) {
  store::AuditFilter f;
  f.actor = string_param(req, "actor");
  f.since = string_param(req, "since");
  f.action = string_param(req, "action");
  f.org_id = static_cast<int64_t>(number_param(req, "org", 0, 0, 9e15));
  f.before_seq = static_cast<int64_t>(number_param(req, "before", 0, 0, 9e15));
  return f;
}

}  // namespace

void install_account_routes(ApiRouter& api) {
  auto store = api.store();
  const AuthOptions auth = api.auth();
  // Failed logins per client address (in the database, shared by every replica): past 30 in
  // ten minutes, that address waits. The per-account lockout stops guessing one password;
  // this slows guessing across accounts.
  api.post("/api/auth/login", [store, auth](const Request& req, Response& res) {
    accounts::AddressThrottle throttle(store->connection());
    // A login form posted from another site would sign the victim into the attacker's account.
    auto origin = req.get_header_value("Origin");
    if (!origin.empty() && !origin_allowed(origin, req, auth))
      fail_keyed(ErrorCode::Forbidden, "origin_refused", {{"origin", origin}}, "sign-in from " + origin + " is not accepted");
    if (throttle.blocked(req.remote_addr))
      fail_keyed(ErrorCode::TooManyRequests, "address_throttled", {}, "too many failed sign-ins from this address; wait a few minutes");
    auto body = parse_json_body(req);
    auto username = string_field(body, "username", 64), password = string_field(body, "password", 1024);
    try {
      auto s = accounts::Sessions(store->connection(), auth.policy).login(username, password, req.remote_addr);
      res.set_header("Set-Cookie", session_cookie(s.token, auth.policy.absolute_seconds, auth.secure_cookies));
      res.set_header("Cache-Control", "no-store");
      write_principal(res, s.principal);
    } catch (const Error& e) {
      if (e.code() == ErrorCode::Unauthenticated) throttle.failed(req.remote_addr);
      throw;
    }
  });

  api.get("/api/auth/me", [](const Request&, Response& res, const accounts::Principal& me) {
    res.set_header("Cache-Control", "no-store");
    write_principal(res, me);
  });

  api.post("/api/auth/logout", [store, auth](const Request&, Response& res, const accounts::Principal& me) {
    accounts::Sessions(store->connection(), auth.policy).logout(me);
    res.set_header("Set-Cookie", session_cookie("", 0, auth.secure_cookies));
    write_json(res, {{"signed_out", me.username}});
  });

  api.post("/api/auth/password", [store, auth](const Request& req, Response& res,
                                               const accounts::Principal& me) {
    auto body = parse_json_body(req);
    accounts::AccountDirectory(store->connection(), auth.password_cost)
        .change_own_password(me, string_field(body, "old_password", 1024), string_field(body, "new_password", 1024));
    write_json(res, {{"changed", me.username}});
  });

  api.get("/api/auth/tokens", [store](const Request&, Response& res, const accounts::Principal& me) {
    write_json_list(res, "tokens", accounts::ApiTokens(store->connection()).list(me));
  });
  api.post("/api/auth/tokens", [store](const Request& req, Response& res, const accounts::Principal& me) {
    auto body = parse_json_body(req);
    auto username = optional_string(body, "username", 64).value_or(me.username);
    auto role = optional_string(body, "role", 40).value_or("");
    auto [token, secret] = accounts::ApiTokens(store->connection())
                               .issue(username, role, string_field(body, "name", 200), int_field(body, "days", 90, 1, 365), me);
    JsonWriter w;
    w.begin_object().key("token");
    accounts::write_json(w, token);
    w.field("secret", secret).end_object();
    res.set_header("Cache-Control", "no-store");
    write_json_text(res, w.take(), 201);
  });
  api.del(R"(/api/auth/tokens/(\d+))", [store](const Request& req, Response& res,
                                               const accounts::Principal& me) {
    accounts::ApiTokens(store->connection()).revoke(path_id(req), me);
    write_json(res, {{"revoked", path_id(req)}});
  });

  api.get("/api/access", [](const Request&, Response& res) {
    JsonWriter w;
    w.begin_object().key("roles").begin_array();
    for (auto r : accounts::kRoles) {
      w.begin_object().field("role", std::string(accounts::role_name(r))).field("label_zh", std::string(accounts::role_label_zh(r)));
      w.key("permissions").begin_object();
      for (auto p : accounts::kPermissions)
        w.field(accounts::permission_name(p),
                std::string(!accounts::role_has(r, p) ? "no" : accounts::reaches_all_orgs(r, p) ? "all" : "own"));
      w.end_object().end_object();
    }
    w.end_array().key("routes").begin_array();
    for (const auto& r : route_table())
      w.begin_object().field("method", r.method).field("pattern", r.pattern)
          .field("permission", std::string(accounts::permission_name(r.permission))).field("summary", r.summary).end_object();
    write_json_text(res, w.end_array().end_object().take());
  });

  api.get("/api/orgs", [store](const Request&, Response& res, const accounts::Principal& me) {
    write_json_list(res, "orgs", accounts::AccountDirectory(store->connection()).orgs(me));
  });
  api.post("/api/orgs", [store](const Request& req, Response& res, const accounts::Principal& me) {
    auto o = accounts::AccountDirectory(store->connection()).add_org(org_fields(parse_json_body(req)), me);
    JsonWriter w;
    accounts::write_json(w, o);
    write_json_text(res, w.take(), 201);
  });
  api.get(R"(/api/orgs/(\d+))", [store](const Request& req, Response& res, const accounts::Principal& me) {
    JsonWriter w;
    accounts::write_json(w, accounts::AccountDirectory(store->connection()).org(path_id(req), me));
    write_json_text(res, w.take());
  });
  api.patch(R"(/api/orgs/(\d+))", [store](const Request& req, Response& res, const accounts::Principal& me) {
    auto o = accounts::AccountDirectory(store->connection()).update_org(path_id(req), org_fields(parse_json_body(req)), me);
    JsonWriter w;
    accounts::write_json(w, o);
    write_json_text(res, w.take());
  });
  api.get(R"(/api/orgs/(\d+)/members)", [store](const Request& req, Response& res,
                                                const accounts::Principal& me) {
    write_json_list(res, "accounts", accounts::AccountDirectory(store->connection()).members(path_id(req), me));
  });

  api.get("/api/accounts", [store](const Request&, Response& res, const accounts::Principal& me) {
    write_json_list(res, "accounts", accounts::AccountDirectory(store->connection()).accounts(me));
  });
  api.post("/api/accounts", [store, auth](const Request& req, Response& res, const accounts::Principal& me) {
    auto body = parse_json_body(req);
    accounts::NewAccount a{string_field(body, "username", 64), optional_string(body, "display_name", 200).value_or(""),
                           string_field(body, "org", 200), string_field(body, "role", 40), string_field(body, "password", 1024)};
    JsonWriter w;
    accounts::write_json(w, accounts::AccountDirectory(store->connection(), auth.password_cost).add_account(a, me));
    write_json_text(res, w.take(), 201);
  });
  for (bool disable : {true, false}) {
    api.post(disable ? R"(/api/accounts/([^/]+)/disable)" : R"(/api/accounts/([^/]+)/enable)",
             [store, disable](const Request& req, Response& res, const accounts::Principal& me) {
               accounts::AccountDirectory(store->connection()).set_disabled(req.matches[1], disable, me);
               write_json(res, {{"username", std::string(req.matches[1])}, {"disabled", disable}});
             });
  }
  api.post(R"(/api/accounts/([^/]+)/password)", [store, auth](const Request& req, Response& res,
                                                             const accounts::Principal& me) {
    auto body = parse_json_body(req);
    accounts::AccountDirectory(store->connection(), auth.password_cost)
        .set_password(req.matches[1], string_field(body, "password", 1024), me);
    write_json(res, {{"username", std::string(req.matches[1])}, {"password_set", true}});
  });

  api.get("/api/audit", [store](const Request& req, Response& res) {
    auto f = audit_filter(req);
    f.limit = static_cast<size_t>(number_param(req, "limit", 200, 1, 10000));
    JsonWriter w;
    w.begin_object().key("entries").begin_array();
    for (const auto& e : store::list_audit(store->connection(), f)) write_entry(w, e);
    write_json_text(res, w.end_array().end_object().take());
  });
  // The whole filtered trail for a report, however long: written while it is read, a page of
  // entries at a time, so that neither the server nor the database holds it whole.
  api.get("/api/audit.csv", [store](const Request& req, Response& res) {
    auto f = audit_filter(req);
    res.set_header("Content-Type", "text/csv; charset=utf-8");
    res.set_header("Content-Disposition", "attachment; filename=\"audit.csv\"");
    res.set_header("Cache-Control", "no-store");
    res.produce = [store, f](BodyWriter& out) {
      // A byte-order mark, so that Excel reads the Chinese as UTF-8.
      if (!out.write("\xEF\xBB\xBF" + store::audit_csv_header())) return;
      store::for_each_audit(store->connection(), f,
                            [&](const store::AuditEntry& e) { return out.write(store::audit_csv_row(e)); });
    };
  });
  // ?expect_head=SEQ:HASH anchors the check to a checkpoint written down earlier.
  api.get("/api/audit/verify", [store](const Request& req, Response& res) {
    auto checkpoint = req.has_param("expect_head") ? req.get_param_value("expect_head") : "";
    if (checkpoint.size() > 100)
      fail_keyed(ErrorCode::InvalidInput, "param_too_long", {{"param", "expect_head"}, {"max", "100"}},
                 "query parameter 'expect_head' is longer than 100 bytes");
    auto v = store::verify_audit(store->connection(), checkpoint);
    // problem_key and problem_params: the problem in the dashboard's language, as errors carry it.
    nlohmann::json params = nlohmann::json::object();
    for (const auto& [name, value] : v.problem_params) params[name] = value;
    write_json(res, {{"ok", v.ok}, {"entries", v.entries}, {"first_bad_seq", v.first_bad_seq}, {"problem", v.problem},
                     {"problem_key", v.problem_key}, {"problem_params", params}, {"head_hash", v.head_hash},
                     {"checkpoint", v.ok ? std::to_string(v.entries) + ":" + v.head_hash : std::string()}});
  });
}

}  // namespace xinzhi::server
