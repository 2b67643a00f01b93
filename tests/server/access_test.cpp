// Access control over real HTTP: every route refuses a caller without a session unless it
// is public, each role gets exactly what the matrix in route_table.cpp and access.cpp says,
// an enterprise cannot reach another's records, sessions expire and end, cookie writes need
// Origin and CSRF token, ten wrong passwords lock an account, text comes back verbatim and
// static paths cannot climb out of the web root.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>

#include "base/log.h"
#include "modules/accounts/access.h"
#include "modules/kg/knowledge_graph.h"
#include "modules/registry.h"
#include "server/api_server.h"
#include "server/route_table.h"
#include "server/running_server.h"
#include "server/signed_in.h"
#include "store/audit_trail.h"
#include "store/queries.h"
#include "support/captured_log.h"
#include "support/http_client.h"
#include "support/test_support.h"

namespace xinzhi::server {
namespace {

using nlohmann::json;
using accounts::Permission;
using accounts::Role;

std::atomic<int64_t> clock_shift{0};

std::string url_encode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}  // seconds added to the server's clock

struct Org {
  const char* name;
  const char* kind;
};
// One account per role; enterprise_b is the neighbour an enterprise must not reach.
struct Member {
  const char* username;
  const char* role;
  Org org;
};
const Member kMembers[] = {
    {"admin", "admin", {"天津市科学技术局", "bureau"}},
    {"analyst", "analyst", {"天津市科学技术局", "bureau"}},
    {"viewer", "viewer", {"天津市科学技术局", "bureau"}},
    {"park", "park_operator", {"滨海高新区园区平台", "park"}},
    {"enterprise", "enterprise", {"企业甲", "enterprise"}},
    {"enterprise_b", "enterprise", {"企业乙", "enterprise"}},
    {"lab", "lab", {"海河实验室", "lab"}},
    {"insurer", "insurer", {"科技保险", "insurer"}},
    {"auditor", "auditor", {"审计事务所", "audit_office"}},
};

class AccessTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    spdlog::set_level(spdlog::level::warn);  // request lines would drown the failures
    log_ = testing::CapturedLog::install();
    dir_ = new testing::ScratchDir();
    db_path_ = dir_->file("x.db");
    {
      store::Database db(db_path_);
      modules::seed_sample_region(db);
      for (const auto& m : kMembers) testing::ensure_account(db, m.username, m.role, m.org.name, m.org.kind);
    }
    dir_->write("web/index.html", "<!doctype html><title>新质</title>");
    dir_->write("secret.txt", "top secret");
    auto o = testing::test_server_options(db_path_, dir_->file("web"), 4);
    o.auth.password_cost = testing::cheap_cost();
    o.auth.policy.idle_seconds = 600;
    o.auth.policy.absolute_seconds = 3600;
    o.auth.policy.now = [] {
      return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                 .count() +
             clock_shift.load();
    };
    server_ = new testing::RunningServer(o);
    port_ = server_->port();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  void TearDown() override { clock_shift = 0; }

  static testing::HttpClient client() {
    testing::HttpClient c("127.0.0.1", port_);
    c.set_read_timeout(10, 0);
    return c;
  }
  static std::string origin() { return "http://127.0.0.1:" + std::to_string(port_); }

  struct Session {
    std::string cookie, csrf;
    json me;
  };
  static Session login(const std::string& username, const std::string& password = "") {
    auto res = client().Post("/api/auth/login",
                             json{{"username", username}, {"password", password.empty() ? "password-" + username : password}}.dump(),
                             "application/json");
    EXPECT_TRUE(res);
    EXPECT_EQ(res->status, 200) << res->body;
    auto set = res->get_header_value("Set-Cookie");
    EXPECT_NE(set.find("HttpOnly"), std::string::npos);
    EXPECT_NE(set.find("SameSite=Strict"), std::string::npos);
    Session s;
    s.cookie = set.substr(0, set.find(';'));
    s.me = json::parse(res->body);
    s.csrf = s.me["csrf_token"];
    return s;
  }
  static std::string token(const std::string& username) {
    auto s = login(username);
    auto res = client().Post("/api/auth/tokens",
                             testing::Headers{{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}, {"Origin", origin()}},
                             json{{"name", "script"}}.dump(), "application/json");
    EXPECT_EQ(res->status, 201) << res->body;
    return json::parse(res->body)["secret"];
  }
  static int org_id(const std::string& name) {
    store::Database db(db_path_);
    return static_cast<int>(accounts::AccountDirectory(db).find_org(name).id);
  }
  // A request to a route with its parameters filled in: the org id is the caller's own, a
  // token id one that does not exist (revoking the caller's own token would end the test).
  static testing::HttpResult call(const RouteRule& r, const testing::Headers& headers, int own_org = 1) {
    std::string path = r.pattern;
    bool token_route = path.find("/tokens/") != std::string::npos;
    path = std::regex_replace(path, std::regex(R"(\(\\d\+\))"), token_route ? "999999" : std::to_string(own_org));
    path = std::regex_replace(path, std::regex(R"(\(png\|svg\))"), "png");
    path = std::regex_replace(path, std::regex(R"(\(ahp\|[a-z|]+\))"), "ahp");
    path = std::regex_replace(path, std::regex(R"(\(\[\^/\]\+\))"), "x");
    path = std::regex_replace(path, std::regex(R"(\\\.)"), ".");
    std::string m = r.method;
    auto c = client();
    if (m == "GET") return c.Get(path, headers);
    if (m == "DELETE") return c.Delete(path, headers);
    if (m == "PATCH") return c.Patch(path, headers, "{}", "application/json");
    return c.Post(path, headers, "{}", "application/json");
  }

  static testing::ScratchDir* dir_;
  static std::string db_path_;
  static inline std::shared_ptr<testing::CapturedLog> log_;
  static testing::RunningServer* server_;
  static int port_;
};
testing::ScratchDir* AccessTest::dir_ = nullptr;
std::string AccessTest::db_path_;
testing::RunningServer* AccessTest::server_ = nullptr;
int AccessTest::port_ = 0;

TEST_F(AccessTest, EveryRouteRefusesACallerWithoutASessionUnlessPublic) {
  size_t public_routes = 0;
  for (const auto& r : route_table()) {
    auto res = call(r, {});
    ASSERT_TRUE(res) << r.method << " " << r.pattern;
    if (r.permission == Permission::Public) {
      ++public_routes;
      EXPECT_NE(res->status, 401) << r.method << " " << r.pattern;
    } else {
      EXPECT_EQ(res->status, 401) << r.method << " " << r.pattern << ": " << res->body;
      EXPECT_EQ(res->get_header_value("WWW-Authenticate"), "Bearer realm=\"xinzhi\"");
    }
  }
  EXPECT_EQ(public_routes, 4u);  // health, version, login, the published scenario lists
  EXPECT_GE(route_table().size(), 49u);
}

TEST_F(AccessTest, EachRoleGetsExactlyWhatTheMatrixSays) {
  for (const auto& m : kMembers) {
    auto secret = token(m.username);
    Role role = accounts::role_from(m.role);
    int own = org_id(m.org.name);
    for (const auto& r : route_table()) {
      auto res = call(r, {{"Authorization", "Bearer " + secret}}, own);
      ASSERT_TRUE(res);
      std::string where = std::string(m.role) + " " + r.method + " " + r.pattern + ": " + res->body;
      if (accounts::role_has(role, r.permission)) {
        EXPECT_NE(res->status, 401) << where;
        EXPECT_NE(res->status, 403) << where;
      } else {
        EXPECT_EQ(res->status, 403) << where;
      }
      // Auditors read everything and change nothing beyond their own session and tokens.
      if (role == Role::Auditor && (r.permission == Permission::AnalyticsWrite || r.permission == Permission::OrgEdit ||
                                    r.permission == Permission::AccountsManage || r.permission == Permission::ScenarioManage ||
                                    r.permission == Permission::ScenarioApply || r.permission == Permission::ScenarioScore)) {
        EXPECT_EQ(res->status, 403) << where;
      }
    }
  }
}

TEST_F(AccessTest, AnEnterpriseCannotReachAnotherEnterprisesRecords) {
  auto secret = token("enterprise");
  testing::Headers h{{"Authorization", "Bearer " + secret}};
  int own = org_id("企业甲"), other = org_id("企业乙");
  auto orgs = json::parse(client().Get("/api/orgs", h)->body)["orgs"];
  ASSERT_EQ(orgs.size(), 1u);
  EXPECT_EQ(orgs[0]["id"], own);
  auto missing = client().Get("/api/orgs/999999", h);
  EXPECT_EQ(missing->status, 404);
  // Guessing ids: every organisation but its own answers exactly as one that does not exist.
  for (int id = 1; id <= 12; ++id) {
    if (id == own) continue;
    auto res = client().Get("/api/orgs/" + std::to_string(id), h);
    EXPECT_EQ(res->status, 404) << id;
    EXPECT_EQ(json::parse(res->body)["error"]["message"], "no organisation with id " + std::to_string(id));
    EXPECT_EQ(client().Get("/api/orgs/" + std::to_string(id) + "/members", h)->status, 404) << id;
    EXPECT_EQ(client().Patch("/api/orgs/" + std::to_string(id), h, R"({"description":"taken over"})", "application/json")->status,
              404) << id;
  }
  store::Database db(db_path_);
  EXPECT_EQ(accounts::AccountDirectory(db).find_org("企业乙").description, "");
  // Its own profile it may edit.
  auto mine = client().Patch("/api/orgs/" + std::to_string(own), h, R"({"contact":"张工 022-1234"})", "application/json");
  ASSERT_EQ(mine->status, 200) << mine->body;
  EXPECT_EQ(json::parse(mine->body)["contact"], "张工 022-1234");
  // Nor another enterprise's tokens.
  auto b_secret = token("enterprise_b");
  auto b_tokens = json::parse(client().Get("/api/auth/tokens", {{"Authorization", "Bearer " + b_secret}})->body)["tokens"];
  ASSERT_FALSE(b_tokens.empty());
  auto own_tokens = json::parse(client().Get("/api/auth/tokens", h)->body)["tokens"];
  for (const auto& t : own_tokens) EXPECT_EQ(t["username"], "enterprise");
  auto revoke = client().Delete("/api/auth/tokens/" + std::to_string(b_tokens[0]["id"].get<int>()), h);
  EXPECT_EQ(revoke->status, 404);
  EXPECT_EQ(client().Get("/api/auth/me", {{"Authorization", "Bearer " + b_secret}})->status, 200);
  (void)other;
}

TEST_F(AccessTest, LoggedOutExpiredAndRevokedCredentialsAreRefused) {
  auto s = login("analyst");
  testing::Headers cookie{{"Cookie", s.cookie}};
  EXPECT_EQ(client().Get("/api/overview", cookie)->status, 200);
  auto out = client().Post("/api/auth/logout", {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}, {"Origin", origin()}}, "",
                           "application/json");
  EXPECT_EQ(out->status, 200);
  EXPECT_NE(out->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  auto after = client().Get("/api/overview", cookie);
  EXPECT_EQ(after->status, 401);
  EXPECT_NE(after->body.find("ended"), std::string::npos);

  auto idle = login("analyst");
  clock_shift = 601;  // past the idle limit
  auto res = client().Get("/api/overview", {{"Cookie", idle.cookie}});
  EXPECT_EQ(res->status, 401);
  EXPECT_NE(res->body.find("expired"), std::string::npos);
  clock_shift = 0;
  EXPECT_EQ(client().Get("/api/overview", {{"Cookie", idle.cookie}})->status, 401);  // ended for good

  auto busy = login("analyst");
  for (int64_t t = 500; t <= 3500; t += 500) {  // used every 500 s: never idle
    clock_shift = t;
    EXPECT_EQ(client().Get("/api/overview", {{"Cookie", busy.cookie}})->status, 200) << t;
  }
  clock_shift = 3601;  // but past the absolute limit
  EXPECT_EQ(client().Get("/api/overview", {{"Cookie", busy.cookie}})->status, 401);

  clock_shift = 0;
  auto secret = token("viewer");
  testing::Headers bearer{{"Authorization", "Bearer " + secret}};
  EXPECT_EQ(client().Get("/api/overview", bearer)->status, 200);
  clock_shift = 91 * 86400;  // tokens default to 90 days
  EXPECT_EQ(client().Get("/api/overview", bearer)->status, 401);
  clock_shift = 0;
  auto list = json::parse(client().Get("/api/auth/tokens", bearer)->body)["tokens"];
  int id = list.back()["id"];
  EXPECT_EQ(client().Delete("/api/auth/tokens/" + std::to_string(id), bearer)->status, 200);
  EXPECT_EQ(client().Get("/api/overview", bearer)->status, 401);
  EXPECT_EQ(client().Get("/api/overview", {{"Authorization", "Bearer xz_forged"}})->status, 401);
  EXPECT_EQ(client().Get("/api/overview", {{"Cookie", "xinzhi_session=forged"}})->status, 401);
}

TEST_F(AccessTest, ACookieWriteNeedsOurOriginAndTheCsrfToken) {
  auto s = login("analyst");
  const std::string body = json{{"name", "每月"}, {"every", "monthly"}}.dump();
  auto post = [&](testing::Headers h) { return client().Post("/api/foresight/schedules", h, body, "application/json"); };
  auto none = post({{"Cookie", s.cookie}, {"Origin", origin()}});
  EXPECT_EQ(none->status, 403);
  EXPECT_NE(none->body.find("X-CSRF-Token"), std::string::npos);
  EXPECT_EQ(post({{"Cookie", s.cookie}, {"Origin", origin()}, {"X-CSRF-Token", "wrong"}})->status, 403);
  EXPECT_EQ(post({{"Cookie", s.cookie}, {"Origin", "http://evil.example"}, {"X-CSRF-Token", s.csrf}})->status, 403);
  EXPECT_EQ(post({{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}})->status, 403);  // no Origin
  auto other = login("viewer");  // another session's token does not fit
  EXPECT_EQ(post({{"Cookie", s.cookie}, {"Origin", origin()}, {"X-CSRF-Token", other.csrf}})->status, 403);
  auto ok = post({{"Cookie", s.cookie}, {"Origin", origin()}, {"X-CSRF-Token", s.csrf}});
  EXPECT_EQ(ok->status, 201) << ok->body;
  // A forged Host header does not make a foreign Origin ours (it once did: the expected
  // origin was built from Host).
  EXPECT_EQ(post({{"Cookie", s.cookie}, {"Host", "evil.example"}, {"Origin", "http://evil.example"}, {"X-CSRF-Token", s.csrf}})->status,
            403);
  EXPECT_NE(post({{"Cookie", s.cookie}, {"Origin", "http://localhost:" + std::to_string(port_)}, {"X-CSRF-Token", s.csrf}})->status,
            403);  // this machine's own name for the same port is ours
  // A login form posted from another site is refused too.
  auto foreign = client().Post("/api/auth/login", {{"Origin", "http://evil.example"}},
                               json{{"username", "analyst"}, {"password", "password-analyst"}}.dump(), "application/json");
  EXPECT_EQ(foreign->status, 403);
}

TEST_F(AccessTest, ALockHeldByAnotherWriterMakesSignInUnavailableNotBroken) {
  store::Database other(db_path_);
  other.connection().begin_write();  // another process holding the write lock past the busy timeout
  auto res = client().Post("/api/auth/login", json{{"username", "analyst"}, {"password", "wrong-password"}}.dump(),
                           "application/json");
  other.connection().rollback();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503) << res->body;  // it used to be 500
  EXPECT_EQ(json::parse(res->body)["error"]["code"], "unavailable");
}

TEST_F(AccessTest, TenWrongPasswordsLockTheAccountAndTheLogSaysSo) {
  {
    store::Database db(db_path_);
    testing::ensure_account(db, "victim", "analyst", "天津市科学技术局", "bureau");
  }
  auto attempt = [](const std::string& password) {
    return client().Post("/api/auth/login", json{{"username", "victim"}, {"password", password}}.dump(), "application/json");
  };
  for (int i = 0; i < 9; ++i) EXPECT_EQ(attempt("wrong-password-" + std::to_string(i))->status, 401);
  EXPECT_EQ(attempt("password-victim")->status, 200);  // nine failures do not lock; success resets
  for (int i = 0; i < 10; ++i) EXPECT_EQ(attempt("wrong-password-" + std::to_string(i))->status, 401);
  auto locked = attempt("password-victim");
  EXPECT_EQ(locked->status, 429);
  EXPECT_NE(locked->body.find("paused until"), std::string::npos) << locked->body;
  EXPECT_NE(log_->text().find("account victim locked until"), std::string::npos) << log_->text();
  store::Database db(db_path_);
  store::AuditFilter f;
  f.action = "account.locked";
  auto entries = store::list_audit(db, f);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].target_id, "victim");
  clock_shift = 15 * 60 + 1;  // the lock lapses
  EXPECT_EQ(attempt("password-victim")->status, 200);
}

TEST_F(AccessTest, SqlMetacharactersAreStoredAndReturnedVerbatim) {
  const std::vector<std::string> nasty = {"Robert'); DROP TABLE account;--", "x' OR '1'='1", "50%_off\\\"quoted\"",
                                          "名称'; DELETE FROM audit_entry; --", "<script>alert(1)</script>"};
  auto admin = token("admin");
  auto analyst = token("analyst");
  testing::Headers a{{"Authorization", "Bearer " + admin}}, b{{"Authorization", "Bearer " + analyst}};
  for (size_t i = 0; i < nasty.size(); ++i) {
    const auto& t = nasty[i];
    auto org = client().Post("/api/orgs", a,
                             json{{"name", t + std::to_string(i)}, {"kind", "enterprise"}, {"region", t}, {"credit_code", "91120000X"},
                                  {"contact", t}, {"description", t}}.dump(),
                             "application/json");
    ASSERT_EQ(org->status, 201) << org->body;
    int id = json::parse(org->body)["id"];
    auto back = json::parse(client().Get("/api/orgs/" + std::to_string(id), a)->body);
    EXPECT_EQ(back["name"], t + std::to_string(i));
    EXPECT_EQ(back["region"], t);
    EXPECT_EQ(back["contact"], t);
    EXPECT_EQ(back["description"], t);
    auto user = client().Post("/api/accounts", a,
                              json{{"username", "meta" + std::to_string(i)}, {"display_name", t}, {"org", std::to_string(id)},
                                   {"role", "enterprise"}, {"password", "long-enough-password"}}.dump(),
                              "application/json");
    ASSERT_EQ(user->status, 201) << user->body;
    EXPECT_EQ(json::parse(user->body)["display_name"], t);
    auto sched = client().Post("/api/foresight/schedules", b, json{{"name", t}, {"every", "weekly"}}.dump(), "application/json");
    ASSERT_EQ(sched->status, 201) << sched->body;
    auto edit = client().Post("/api/chains/" + url_encode("新能源汽车（示例）") + "/edits", b,
                              json{{"action", "add_segment"}, {"segment", t}, {"stage", "上游"}}.dump(), "application/json");
    EXPECT_EQ(edit->status, 201) << edit->body;
    auto tok = client().Post("/api/auth/tokens", a, json{{"name", t}}.dump(), "application/json");
    EXPECT_EQ(tok->status, 403);  // a token cannot issue tokens; the name never reached SQL
    auto audit = client().Get("/api/audit?actor=" + url_encode(t), a);
    EXPECT_EQ(audit->status, 200);
    EXPECT_TRUE(json::parse(audit->body)["entries"].empty());
  }
  auto schedules = json::parse(client().Get("/api/foresight/schedules", b)->body)["schedules"];
  for (const auto& t : nasty) {
    bool found = false;
    for (const auto& s : schedules) found |= s["name"] == t;
    EXPECT_TRUE(found) << t;
  }
  auto edits = client().Get("/api/chains/" + url_encode("新能源汽车（示例）") + "/edits", b);
  for (const auto& t : nasty) EXPECT_NE(edits->body.find(json(t).dump().substr(1, 8)), std::string::npos) << t;
  store::Database db(db_path_);
  EXPECT_TRUE(store::verify_audit(db).ok);
  EXPECT_GT(db.query_int("SELECT count(*) FROM account"), 9);
}

// The refusals a browser walk met in English now carry a key and params (the dashboard says
// them in the user's language); the English message stays for the CLI, logs and scripts.
TEST_F(AccessTest, RefusalsTheDashboardShowsCarryAKeyAndParams) {
  auto error_of = [](const testing::HttpResult& res) { return json::parse(res->body)["error"]; };
  auto wrong = client().Post("/api/auth/login", json{{"username", "analyst"}, {"password", "not-the-password"}}.dump(),
                             "application/json");
  ASSERT_EQ(wrong->status, 401);
  EXPECT_EQ(error_of(wrong)["key"], "login_wrong");
  EXPECT_EQ(error_of(wrong)["message"], "wrong username or password");
  EXPECT_EQ(login("analyst").me["username"], "analyst");  // one failure leaves the account usable

  testing::Headers b{{"Authorization", "Bearer " + token("analyst")}};
  // Bounds in their shortest form: the message used to say "1800.000000".
  auto from = client().Get("/api/foresight/heatmap?from=", b);
  ASSERT_EQ(from->status, 400);
  auto e = error_of(from);
  EXPECT_EQ(e["key"], "param_number");
  EXPECT_EQ(e["params"], (json{{"param", "from"}, {"value", ""}, {"min", "1800"}, {"max", "2200"}}));
  EXPECT_EQ(e["message"], "query parameter 'from' is '', expected a number from 1800 to 2200");
  auto s = client().Get("/api/foresight/heatmap?s=0.5", b);
  ASSERT_EQ(s->status, 400);
  EXPECT_EQ(error_of(s)["key"], "param_greater_than");
  EXPECT_EQ(error_of(s)["params"], (json{{"param", "s"}, {"value", "0.5"}, {"min", "1"}}));
  EXPECT_NE(error_of(s)["message"].get<std::string>().find("'s' must be greater than 1"), std::string::npos);

  auto chain = client().Get("/api/chains/x/atlas", b);
  ASSERT_EQ(chain->status, 404);
  EXPECT_EQ(error_of(chain)["key"], "chain_not_found");
  EXPECT_EQ(error_of(chain)["params"], (json{{"chain", "x"}}));
  EXPECT_EQ(error_of(chain)["message"], "no chain named 'x'");
  auto segment = client().Get("/api/chains/" + url_encode("新能源汽车（示例）") + "/firms?segment=" + url_encode("无此环节"), b);
  ASSERT_EQ(segment->status, 404);
  EXPECT_EQ(error_of(segment)["key"], "chain_no_segment");
  EXPECT_EQ(error_of(segment)["params"], (json{{"chain", "新能源汽车（示例）"}, {"segment", "无此环节"}}));
  auto edit = client().Post("/api/chains/" + url_encode("新能源汽车（示例）") + "/edits", b,
                            json{{"action", "add_link"}, {"segment", "无此环节"}, {"target", "锂矿资源"}}.dump(), "application/json");
  ASSERT_EQ(edit->status, 404);
  EXPECT_EQ(error_of(edit)["key"], "chain_no_segment");
  auto missing = client().Post("/api/chains/" + url_encode("新能源汽车（示例）") + "/edits", b,
                               json{{"action", "add_link"}, {"segment", "锂矿资源"}}.dump(), "application/json");
  ASSERT_EQ(missing->status, 400);
  EXPECT_EQ(error_of(missing)["key"], "field_missing");
  EXPECT_EQ(error_of(missing)["params"], (json{{"field", "target"}}));

  // A scenario with no application yet: assigning an unknown account, and its evaluation.
  auto list = client().Post("/api/scenario-lists", b, json{{"title", "键名测试清单"}}.dump(), "application/json");
  ASSERT_EQ(list->status, 201) << list->body;
  auto created = client().Post("/api/scenarios", b, json{{"list_id", json::parse(list->body)["id"]}, {"title", "键名测试场景"}}.dump(),
                               "application/json");
  ASSERT_EQ(created->status, 201) << created->body;
  auto id = std::to_string(json::parse(created->body)["id"].get<int64_t>());
  auto nobody = client().Post("/api/scenarios/" + id + "/experts", b, json{{"username", "nobody-here"}}.dump(), "application/json");
  ASSERT_EQ(nobody->status, 404);
  EXPECT_EQ(error_of(nobody)["key"], "account_not_found");
  EXPECT_EQ(error_of(nobody)["params"], (json{{"username", "nobody-here"}}));
  auto evaluation = client().Get("/api/scenarios/" + id + "/evaluation", b);
  ASSERT_EQ(evaluation->status, 400);
  EXPECT_EQ(error_of(evaluation)["key"], "evaluation_too_few");
  EXPECT_EQ(error_of(evaluation)["params"], (json{{"scenario", id}, {"applications", "0"}}));
  EXPECT_EQ(error_of(evaluation)["message"], "an evaluation needs at least 2 applications; scenario " + id + " has 0");

  // The audit check's problem, keyed like an error; the trail is put back as it was after.
  testing::Headers auditor{{"Authorization", "Bearer " + token("auditor")}};
  std::string actor;
  {
    store::Database db(db_path_);
    store::AuditFilter third;
    third.before_seq = 4;
    third.limit = 1;
    actor = store::list_audit(db, third).at(0).actor;  // entry 3, as written
    db.exec("UPDATE audit_entry SET actor = 'mallory' WHERE seq = 3");
  }
  auto verdict = json::parse(client().Get("/api/audit/verify", auditor)->body);
  {
    store::Database db(db_path_);
    store::run(db, "UPDATE audit_entry SET actor = ? WHERE seq = 3", {actor});
  }
  EXPECT_FALSE(verdict["ok"]);
  EXPECT_EQ(verdict["first_bad_seq"], 3);
  EXPECT_EQ(verdict["problem_key"], "audit_entry_changed");
  EXPECT_EQ(verdict["problem_params"]["entry"], "3");
  EXPECT_EQ(verdict["problem_params"]["actor"], "mallory");
  EXPECT_NE(verdict["problem"].get<std::string>().find("entry 3 was changed"), std::string::npos);
  EXPECT_TRUE(json::parse(client().Get("/api/audit/verify", auditor)->body)["ok"]);
}

// Each edit names its author (account and display name); edits recorded before authors were
// (chain migration 2) name none.
TEST_F(AccessTest, ChainEditsNameTheirAuthor) {
  const std::string chain = url_encode("信创（示例）");
  {
    store::Database db(db_path_);
    accounts::AccountDirectory dir(db, testing::cheap_cost());
    dir.add_account({"author", "王分析师", "天津市科学技术局", "analyst", "password-author"}, accounts::Principal::console("test"));
    // An edit as it was stored before the author columns: no account, no actor.
    db.exec("INSERT INTO chain_edit(chain_id, action, detail) SELECT id, 'add_segment', '{\"segment\":\"旧\"}' FROM chain "
            "WHERE name = '信创（示例）'");
  }
  auto author = login("author");
  testing::Headers cookie{{"Cookie", author.cookie}, {"X-CSRF-Token", author.csrf}, {"Origin", origin()}};
  int64_t added = 0;
  for (const char* segment : {"作者测试甲", "作者测试乙"}) {
    auto edit = client().Post("/api/chains/" + chain + "/edits", cookie,
                              json{{"action", "add_segment"}, {"segment", segment}, {"stage", "中游"}}.dump(), "application/json");
    ASSERT_EQ(edit->status, 201) << edit->body;
    added = json::parse(edit->body)["id"];
  }
  auto merged = client().Post("/api/chains/" + chain + "/merge", cookie, json{{"from", "作者测试甲"}, {"into", "作者测试乙"}}.dump(),
                              "application/json");
  ASSERT_EQ(merged->status, 200) << merged->body;
  // The viewer reads who made each edit too.
  auto edits = json::parse(client().Get("/api/chains/" + chain + "/edits", {{"Authorization", "Bearer " + token("viewer")}})->body)["edits"];
  ASSERT_GE(edits.size(), 4u);
  const auto& old = edits[edits.size() - 4];
  EXPECT_EQ(old["detail"], "{\"segment\":\"旧\"}");
  EXPECT_FALSE(old.contains("by")) << old.dump();
  EXPECT_FALSE(old.contains("display_name")) << old.dump();
  const auto& mine = edits[edits.size() - 2];
  EXPECT_EQ(mine["id"], added);
  EXPECT_EQ(mine["by"], "author");
  EXPECT_EQ(mine["display_name"], "王分析师");
  EXPECT_EQ(edits.back()["action"], "merge");
  EXPECT_EQ(edits.back()["by"], "author");
  EXPECT_EQ(edits.back()["display_name"], "王分析师");
}

// Every role that sees a scenario sees who its experts are (it used to get usernames only).
TEST_F(AccessTest, ScenarioExpertsComeWithTheirDisplayNames) {
  {
    store::Database db(db_path_);
    accounts::AccountDirectory dir(db, testing::cheap_cost());
    dir.add_account({"expert-li", "李专家", "海河实验室", "lab", "password-expert-li"}, accounts::Principal::console("test"));
  }
  testing::Headers b{{"Authorization", "Bearer " + token("analyst")}};
  auto list = client().Post("/api/scenario-lists", b, json{{"title", "专家名称测试清单"}}.dump(), "application/json");
  ASSERT_EQ(list->status, 201) << list->body;
  auto list_id = json::parse(list->body)["id"].get<int64_t>();
  auto created = client().Post("/api/scenarios", b, json{{"list_id", list_id}, {"title", "专家名称测试场景"}}.dump(), "application/json");
  ASSERT_EQ(created->status, 201) << created->body;
  auto id = std::to_string(json::parse(created->body)["id"].get<int64_t>());
  ASSERT_EQ(client().Post("/api/scenario-lists/" + std::to_string(list_id) + "/publish", b, "{}", "application/json")->status, 200);
  auto assigned = client().Post("/api/scenarios/" + id + "/experts", b, json{{"username", "expert-li"}}.dump(), "application/json");
  ASSERT_EQ(assigned->status, 201) << assigned->body;
  const json expected = {{"experts", {{{"username", "expert-li"}, {"display_name", "李专家"}}}}};
  EXPECT_EQ(json::parse(assigned->body), expected);
  for (const char* role : {"viewer", "enterprise", "lab"}) {
    auto res = client().Get("/api/scenarios/" + id + "/experts", {{"Authorization", "Bearer " + token(role)}});
    ASSERT_EQ(res->status, 200) << role << res->body;
    EXPECT_EQ(json::parse(res->body), expected) << role;
  }
}

TEST_F(AccessTest, StaticPathsCannotClimbOutOfTheWebRoot) {
  for (const char* path : {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt", "/..%2fsecret.txt"}) {
    auto res = client().Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 404) << path;
    EXPECT_EQ(res->body.find("top secret"), std::string::npos) << path;
  }
}

TEST_F(AccessTest, ARouteMissingFromTheTableStopsTheServer) {
  HttpRoutes routes;
  ApiRouter api(routes, std::make_shared<store::Store>(db_path_), {});
  testing::expect_error(ErrorCode::Internal, [&] { api.get("/api/unlisted", [](const Request&, Response&) {}); },
                                   "no row in the route table");
  testing::expect_error(ErrorCode::Internal, [&] { api.check_complete(); }, "no code serves it");
}

}  // namespace
}  // namespace xinzhi::server

namespace xinzhi::server {
namespace {

// Its own server: after this test the address is throttled for ten minutes.
TEST(LoginThrottle, ThirtyFailuresFromOneAddressMakeItWait) {
  testing::ScratchDir dir;
  {
    store::Database db(dir.database("t.db"));
    for (const char* u : {"user1", "user2", "user3", "user4"}) testing::ensure_account(db, u, "viewer", "测试局", "bureau");
  }
  testing::RunningServer server(testing::test_server_options(dir.database("t.db"), dir.file("none")));
  int port = server.port();
  testing::HttpClient c("127.0.0.1", port);
  auto attempt = [&](const std::string& user, const std::string& password) {
    return c.Post("/api/auth/login", json{{"username", user}, {"password", password}}.dump(), "application/json")->status;
  };
  // Ten wrong passwords each for three accounts: every one refused, none yet throttled.
  for (const char* u : {"user1", "user2", "user3"})
    for (int i = 0; i < 10; ++i) EXPECT_EQ(attempt(u, "wrong-password"), 401) << u << " " << i;
  // The thirty-first attempt from the address waits, even with another account's right password.
  EXPECT_EQ(attempt("user4", "password-user4"), 429);
}

}  // namespace
}  // namespace xinzhi::server
