// The HTTP door over real sockets: a server on a free port, requests from a client.
#include "server/api_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <sys/resource.h>

#include <nlohmann/json.hpp>
#include <atomic>
#include <chrono>
#include <thread>

#include "modules/kg/knowledge_graph.h"
#include "modules/registry.h"
#include "server/running_server.h"
#include "server/signed_in.h"
#include "support/captured_log.h"
#include "support/http_client.h"
#include "support/test_support.h"

namespace xinzhi::server {

using nlohmann::json;

using testing::CapturedLog;

class ApiServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::ScratchDir();
    {
      store::Database db(dir_->file("x.db"));
      modules::migrate(db);
      auto graph = kg::sql_graph_store(db);
      kg::KnowledgeGraph(*graph).seed_sample_if_empty();
    }
    dir_->write("web/index.html", "<!doctype html><title>新质</title>");
    token_ = new std::string(testing::token_for(dir_->file("x.db"), "analyst"));
    auto o = testing::test_server_options(dir_->file("x.db"), dir_->file("web"));
    log_ = CapturedLog::install();
    server_ = new testing::RunningServer(o);
    port_ = server_->port();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
    delete token_;
  }
  testing::HttpClient client() {
    testing::HttpClient c("127.0.0.1", port_);
    c.set_read_timeout(5, 0);
    c.set_bearer_token_auth(token_->c_str());
    return c;
  }
  // Sends raw bytes and returns what the server answers within two seconds.
  std::string raw_exchange(const std::string& head, size_t body_bytes) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port_));
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    EXPECT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    timeval tv{2, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    send(fd, head.data(), head.size(), MSG_NOSIGNAL);
    // Offer the body in pieces; the server may close before taking it all.
    std::string chunk(64 * 1024, 'x');
    for (size_t sent = 0; sent < body_bytes; sent += chunk.size())
      if (send(fd, chunk.data(), chunk.size(), MSG_NOSIGNAL) <= 0) break;
    std::string answer;
    char buf[4096];
    ssize_t n;
    while ((n = recv(fd, buf, sizeof buf, 0)) > 0) answer.append(buf, n);
    close(fd);
    return answer;
  }
  static inline std::shared_ptr<CapturedLog> log_;
  static testing::ScratchDir* dir_;
  static std::string* token_;
  static testing::RunningServer* server_;
  static int port_;
};

testing::ScratchDir* ApiServerTest::dir_ = nullptr;
std::string* ApiServerTest::token_ = nullptr;
testing::RunningServer* ApiServerTest::server_ = nullptr;
int ApiServerTest::port_ = 0;

// Behind nginx the peer is the proxy; the client is what trusted proxies appended, read from
// the right. What a client writes into the header itself is not believed.
TEST(ClientAddress, ReadFromTheRightPastTrustedProxiesOnly) {
  auto from = [](std::string peer, std::string forwarded) {
    Request r;
    r.remote_addr = std::move(peer);
    if (!forwarded.empty()) r.headers.emplace("X-Forwarded-For", std::move(forwarded));
    return r;
  };
  const std::vector<std::string> nginx = {"127.0.0.1"};
  EXPECT_EQ(client_address(from("203.0.113.9", "198.51.100.1"), nginx), "203.0.113.9");  // no proxy: header ignored
  EXPECT_EQ(client_address(from("127.0.0.1", "198.51.100.1"), nginx), "198.51.100.1");
  EXPECT_EQ(client_address(from("127.0.0.1", "6.6.6.6, 198.51.100.1"), nginx), "198.51.100.1");  // a forged first hop
  EXPECT_EQ(client_address(from("::ffff:127.0.0.1", "198.51.100.1"), nginx), "198.51.100.1");  // IPv4 on an IPv6 socket
  EXPECT_EQ(client_address(from("127.0.0.1", "198.51.100.1, 127.0.0.1"), nginx), "198.51.100.1");  // two proxies
  EXPECT_EQ(client_address(from("127.0.0.1", "not-an-address"), nginx), "127.0.0.1");
  EXPECT_EQ(client_address(from("127.0.0.1", ""), nginx), "127.0.0.1");
  EXPECT_EQ(client_address(from("127.0.0.1", " 2001:db8::1 "), nginx), "2001:db8::1");
}

TEST_F(ApiServerTest, HealthVersionAndRequestId) {
  auto c = client();
  auto res = c.Get("/api/health");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(json::parse(res->body)["status"], "ok");
  EXPECT_FALSE(res->get_header_value("X-Request-Id").empty());
  auto ver = c.Get("/api/version");
  ASSERT_TRUE(ver);
  EXPECT_EQ(json::parse(ver->body)["name"], "xinzhi");
}

TEST_F(ApiServerTest, OverviewCountsTheSampleRegion) {
  auto res = client().Get("/api/overview");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  auto o = json::parse(res->body);
  EXPECT_EQ(o["entities"]["total"], kg::sample_region().entities.size());
  EXPECT_EQ(o["relations"]["total"], kg::sample_region().relations.size());
  EXPECT_EQ(o["group_companies"]["天津市"], 10);
  EXPECT_EQ(o["group_companies"]["total"], 20);
  EXPECT_TRUE(o["sample"].get<bool>());
}

TEST_F(ApiServerTest, RegionInferenceOverGetAndPost) {
  auto c = client();
  auto res = c.Get("/api/regions/infer?name=%E5%A4%A9%E6%B4%A5%E5%B8%82%E6%BB%A8%E6%B5%B7%E6%96%B0%E5%8C%BA");
  ASSERT_TRUE(res);
  EXPECT_EQ(json::parse(res->body)["district"], "滨海新区");
  auto post = c.Post("/api/regions/infer", R"({"names":["唐山红声网络科技有限公司","华为"]})", "application/json");
  ASSERT_TRUE(post);
  ASSERT_EQ(post->status, 200);
  auto r = json::parse(post->body)["regions"];
  EXPECT_EQ(r[0]["city"], "唐山市");
  EXPECT_EQ(r[1]["known"], false);
}

TEST_F(ApiServerTest, MalformedJsonAndWrongTypesGet400) {
  auto c = client();
  auto res = c.Post("/api/regions/infer", "{\"names\": [", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  auto body = json::parse(res->body);
  EXPECT_EQ(body["error"]["code"], "invalid_input");
  EXPECT_NE(body["error"]["message"].get<std::string>().find("not valid JSON"), std::string::npos);
  auto typed = c.Post("/api/regions/infer", R"({"names": [1]})", "application/json");
  ASSERT_TRUE(typed);
  EXPECT_EQ(typed->status, 400);
  EXPECT_EQ(json::parse(typed->body)["error"]["message"], "names[0] must be a string");
}

TEST_F(ApiServerTest, UnknownRouteGets404Json) {
  auto res = client().Get("/api/nope");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(json::parse(res->body)["error"]["code"], "not_found");
}

TEST_F(ApiServerTest, ChunkedBodyIsRefusedUnread) {
  auto start = std::chrono::steady_clock::now();
  auto answer = raw_exchange(
      "POST /api/regions/infer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n300000\r\n",
      3 * 1024 * 1024);
  EXPECT_EQ(answer.rfind("HTTP/1.1 411", 0), 0u) << answer.substr(0, 200);
  EXPECT_NE(answer.find("length_required"), std::string::npos);
  // Refused at once and the connection closed: the server did not wait for 3 MB.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
}

TEST_F(ApiServerTest, OversizedAndCompressedBodiesAreRefused) {
  auto big = raw_exchange(
      "POST /api/regions/infer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 3145728\r\n\r\n",
      3 * 1024 * 1024);
  EXPECT_EQ(big.rfind("HTTP/1.1 413", 0), 0u) << big.substr(0, 200);
  auto gz = raw_exchange(
      "POST /api/regions/infer HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\nContent-Length: 10\r\n\r\n0123456789",
      0);
  EXPECT_EQ(gz.rfind("HTTP/1.1 415", 0), 0u) << gz.substr(0, 200);
}

TEST_F(ApiServerTest, InternalFailuresNeverCarryExceptionText) {
  {
    store::Database db(dir_->file("x.db"));
    db.exec("ALTER TABLE kg_relation RENAME TO kg_relation_hidden");
  }
  auto res = client().Get("/api/overview");
  {
    store::Database db(dir_->file("x.db"));
    db.exec("ALTER TABLE kg_relation_hidden RENAME TO kg_relation");
  }
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 500);
  EXPECT_EQ(res->body.find("no such table"), std::string::npos) << res->body;
  EXPECT_EQ(res->body.find("kg_relation"), std::string::npos) << res->body;
  auto error = json::parse(res->body)["error"];
  EXPECT_EQ(error["code"], "internal");
  // The dashboard says it in Chinese and names the request id the log holds.
  EXPECT_EQ(error["key"], "internal");
  EXPECT_EQ(error["params"]["request_id"], res->get_header_value("X-Request-Id"));
}

TEST_F(ApiServerTest, ServesTheBuiltDashboard) {
  auto res = client().Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("新质"), std::string::npos);
  auto missing = client().Get("/no-such-page.html");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

}  // namespace xinzhi::server

namespace xinzhi::server {

TEST_F(ApiServerTest, ManyConcurrentClientsAreAllServedByTheBoundedPool) {
  // Two workers, eight clients: connections queue (bounded) and every request is answered.
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 8; ++c)
    clients.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        auto res = client().Get("/api/overview");
        if (res && res->status == 200) ++ok;
      }
    });
  for (auto& t : clients) t.join();
  EXPECT_EQ(ok.load(), 200);
}

TEST_F(ApiServerTest, DecisionMethodsAnswerWhatTheServiceComputes) {
  json body = {{"matrix", {{"rows", {"A1", "A2", "A3"}}, {"cols", {"cost", "benefit"}},
                           {"values", {{1, 3000}, {2, 3750}, {5, 4500}}}}},
               {"weights", {0.5, 0.5}}, {"types", {"-", "+"}}, {"norm", "minmax"}};
  auto res = client().Post("/api/mcda/topsis", body.dump(), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_NEAR(json::parse(res->body)["closeness"][1].get<double>(), 0.617, 0.0005);  // Opricovic & Tzeng 2004
  body.erase("matrix");
  auto bad = client().Post("/api/mcda/topsis", body.dump(), "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(json::parse(bad->body)["error"]["code"], "invalid_input");
  auto unknown = client().Post("/api/mcda/vikor", "{}", "application/json");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
}

TEST_F(ApiServerTest, TheHomeRegionIsReadBySignedInUsersAndShapesTheOverview) {
  auto res = client().Get("/api/settings/region");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(json::parse(res->body)["focal"], "天津市");
  auto o = json::parse(client().Get("/api/overview")->body);
  EXPECT_EQ(o["home"]["group"], "京津冀");
  // The analyst may read but not set it (account managers do): 403, and nothing changes.
  auto set = client().Post("/api/settings/region", R"({"focal":"四川","group":"成渝"})", "application/json");
  ASSERT_TRUE(set);
  EXPECT_EQ(set->status, 403);
  EXPECT_EQ(json::parse(client().Get("/api/settings/region")->body)["focal"], "天津市");
}

// Errors the dashboard translates carry a key and named params beside the English message.
TEST_F(ApiServerTest, ErrorsCarryAKeyAndParamsForTheDashboard) {
  auto missing = client().Post("/api/settings/region", R"({"group":"京津冀"})", "application/json");
  ASSERT_TRUE(missing);
  auto e = json::parse(missing->body)["error"];
  // The analyst may not set the region: the role check comes first, with its key.
  EXPECT_EQ(missing->status, 403);
  EXPECT_EQ(e["key"], "role_forbidden");
  EXPECT_EQ(e["params"]["role"], "analyst");
  EXPECT_EQ(e["params"]["permission"], "accounts.manage");
  auto bad = client().Post("/api/mcda/topsis", "{not json", "application/json");
  ASSERT_TRUE(bad);
  auto b = json::parse(bad->body)["error"];
  EXPECT_EQ(b["key"], "body_not_json");
  EXPECT_EQ(b["params"]["byte"], "3");  // as nlohmann::json counts it
  EXPECT_FALSE(b["message"].get<std::string>().empty());  // the English text stays for the CLI and logs
}

// Issue 13 findings on real sockets; each failed before its fix.
TEST_F(ApiServerTest, ANumberTooLargeForADoubleIsBadInputEvenOnTheLoginRoute) {
  std::string huge = "1e999999";
  auto login = client().Post("/api/auth/login", R"({"username":"a","password":"b","x":)" + huge + "}", "application/json");
  ASSERT_TRUE(login);
  EXPECT_EQ(login->status, 400) << login->body;
  auto digits = client().Post("/api/mcda/entropy", R"({"matrix":)" + std::string(400, '9') + "}", "application/json");
  ASSERT_TRUE(digits);
  EXPECT_EQ(digits->status, 400) << digits->body;
}

TEST_F(ApiServerTest, AControlCharacterInThePathIsRefusedNotServedAsScript) {
  auto answer = raw_exchange("GET /index.html%00.js HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 0);
  EXPECT_EQ(answer.rfind("HTTP/1.1 400", 0), 0u) << answer.substr(0, 200);
  EXPECT_EQ(answer.find("javascript"), std::string::npos);
}

TEST_F(ApiServerTest, EveryResponseCarriesTheSecurityHeaders) {
  for (const char* path : {"/api/health", "/", "/no-such-page.html", "/api/no-such-route"}) {
    auto res = client().Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(res->get_header_value("X-Frame-Options"), "DENY") << path;
    EXPECT_EQ(res->get_header_value("Referrer-Policy"), "no-referrer") << path;
    auto csp = res->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << path;
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << path;
  }
}

TEST_F(ApiServerTest, ABodyToAPageIsRefusedUnreadAndCostsNoMemory) {
  rusage before{};
  getrusage(RUSAGE_SELF, &before);
  // 64 MiB offered chunked to a non-API path (it used to be read whole before the 404).
  auto chunked = raw_exchange("POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                              "100000\r\n", 64u << 20);
  EXPECT_EQ(chunked.rfind("HTTP/1.1 413", 0), 0u) << chunked.substr(0, 200);
  auto gzip = raw_exchange("POST /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Encoding: gzip\r\n"
                           "Content-Length: 67108864\r\n\r\n", 64u << 20);
  EXPECT_EQ(gzip.rfind("HTTP/1.1 413", 0), 0u) << gzip.substr(0, 200);
  rusage after{};
  getrusage(RUSAGE_SELF, &after);
  EXPECT_LT(after.ru_maxrss - before.ru_maxrss, 10 * 1024) << "peak RSS grew by " << (after.ru_maxrss - before.ru_maxrss) << " KiB";
}

TEST_F(ApiServerTest, APathCannotForgeALogLineOrDriveTheTerminal) {
  auto res = client().Get("/x%0a2026-12-01%20warning%20account%20admin%20locked%1b[31m");
  ASSERT_TRUE(res);
  std::string text;
  for (int i = 0; i < 100 && text.find("account admin locked") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    text = log_->text();
  }
  // The request log is JSON: the newline and the escape arrive as \n and \u001b.
  auto at = text.find("/x\\n2026-12-01 warning account admin locked\\u001b[31m");
  EXPECT_NE(at, std::string::npos) << text;
  EXPECT_EQ(text.find("\n2026-12-01 warning account admin locked"), std::string::npos);
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
}

// A stop() that comes before run(), or while run() is starting its accept loop, must not be
// lost: httplib's own stop() does nothing until listening has begun, which once hung a test
// suite for good. Both orders, a thousand times each.
TEST(ApiServerLifecycle, StopBeforeOrDuringStartIsNeverLost) {
  // The race is in the listener, not the store: once, on SQLite, is the check.
  if (testing::on_postgres()) GTEST_SKIP() << "the listener's lifecycle does not depend on the database engine";
  testing::ScratchDir dir;
  {
    store::Database db(dir.database("x.db"));
    modules::migrate(db);
  }
  auto o = testing::test_server_options(dir.database("x.db"), dir.file("no-web"), 1);
  auto started = std::chrono::steady_clock::now();
  for (int round = 0; round < 2000; ++round) {
    ApiServer server(o);
    server.bind();
    if (round % 2 == 0) {
      server.stop();  // before run()
      server.run();   // returns at once
    } else {
      std::thread t([&] { server.run(); });
      server.stop();  // races the start of the accept loop
      t.join();
    }
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(120));
}

TEST(ServerOptions, ListensOnLoopbackByDefault) {
  EXPECT_EQ(ServerOptions{}.host, "127.0.0.1");
  EXPECT_EQ(ServerOptions{}.max_body_bytes, 1u << 20);
}

}  // namespace xinzhi::server
