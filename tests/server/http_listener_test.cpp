// The socket layer on real sockets: keep-alive and pipelining, a thousand slow clients,
// limits on headers, targets and bodies (a gigabyte offered chunked or compressed on any
// path), deadlines, static files with caching and compression, /metrics and the JSON
// request log.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "modules/kg/knowledge_graph.h"
#include "modules/registry.h"
#include "server/api_server.h"
#include "server/running_server.h"
#include "server/signed_in.h"
#include "server/static_files.h"
#include "support/captured_log.h"
#include "support/http_client.h"
#include "support/loopback_socket.h"
#include "support/test_support.h"

namespace xinzhi::server {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr const char* kMetricsToken = "metrics-token-for-the-scraper";

int connect_to(int port) { return testing::connect_loopback(port, 5); }

void send_text(int fd, const std::string& s) { send(fd, s.data(), s.size(), MSG_NOSIGNAL); }

// Everything the server sends until it closes (or five seconds pass).
std::string read_to_close(int fd) {
  std::string answer;
  char buf[8192];
  ssize_t n;
  while ((n = recv(fd, buf, sizeof buf, 0)) > 0) answer.append(buf, n);
  return answer;
}

size_t count_of(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

std::string gunzip(const std::string& data) {
  z_stream z{};
  inflateInit2(&z, 15 + 16);
  std::string out;
  char buf[16384];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  int rc;
  do {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
  } while (rc == Z_OK);
  inflateEnd(&z);
  return rc == Z_STREAM_END ? out : "";
}

long peak_rss_kib() {
  rusage r{};
  getrusage(RUSAGE_SELF, &r);
  return r.ru_maxrss;
}

class HttpListenerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::ScratchDir();
    {
      store::Database db(dir_->file("x.db"));
      modules::migrate(db);
      kg::KnowledgeGraph(*kg::sql_graph_store(db)).seed_sample_if_empty();
    }
    dir_->write("web/index.html", "<!doctype html><title>新质</title>");
    // A built asset as Vite names it: content-hashed, a few kilobytes of script.
    std::string script;
    for (int i = 0; i < 400; ++i) script += "export const line" + std::to_string(i) + " = '新质生产力';\n";
    dir_->write("web/assets/index-3f9a1c2b.js", script);
    script_ = new std::string(script);
    admin_ = new std::string(testing::token_for(dir_->file("x.db"), "admin"));
    analyst_ = new std::string(testing::token_for(dir_->file("x.db"), "analyst"));
    auto o = testing::test_server_options(dir_->file("x.db"), dir_->file("web"));
    o.auth.metrics_token = kMetricsToken;
    log_ = testing::CapturedLog::install();
    server_ = new testing::RunningServer(o);
    port_ = server_->port();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
    delete admin_;
    delete analyst_;
    delete script_;
  }
  static testing::HttpClient client(const std::string& token = "") {
    testing::HttpClient c("127.0.0.1", port_);
    if (!token.empty()) c.set_bearer_token_auth(token);
    return c;
  }
  // The answer to a raw request offering `body_bytes` more bytes after the head.
  static std::string exchange(const std::string& head, size_t body_bytes = 0) {
    int fd = connect_to(port_);
    EXPECT_GE(fd, 0);
    send_text(fd, head);
    std::string chunk(64 * 1024, 'x');
    for (size_t sent = 0; sent < body_bytes; sent += chunk.size())
      if (send(fd, chunk.data(), chunk.size(), MSG_NOSIGNAL) <= 0) break;
    auto answer = read_to_close(fd);
    close(fd);
    return answer;
  }

  static inline testing::ScratchDir* dir_ = nullptr;
  static inline std::string *admin_ = nullptr, *analyst_ = nullptr, *script_ = nullptr;
  static inline std::shared_ptr<testing::CapturedLog> log_;
  static inline testing::RunningServer* server_ = nullptr;
  static inline int port_ = 0;
};

TEST_F(HttpListenerTest, PipelinedRequestsAreAnsweredInOrderOnOneConnection) {
  // Three requests in one write (HTTP/1.1 pipelining); the last asks to close.
  auto answer = exchange(
      "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /api/version HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(count_of(answer, "HTTP/1.1 200 OK"), 3u) << answer;
  auto first = answer.find("\"status\":\"ok\""), second = answer.find("\"name\":\"xinzhi\""),
       third = answer.find("\"status\":\"ok\"", first + 1);
  ASSERT_NE(second, std::string::npos);
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
  EXPECT_NE(third, std::string::npos);
}

TEST_F(HttpListenerTest, AKeptAliveConnectionServesRequestAfterRequest) {
  int fd = connect_to(port_);
  ASSERT_GE(fd, 0);
  for (int i = 0; i < 50; ++i) {
    send_text(fd, "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
    std::string got;
    char buf[4096];
    while (got.find("\"status\":\"ok\"}") == std::string::npos) {
      ssize_t n = recv(fd, buf, sizeof buf, 0);
      ASSERT_GT(n, 0) << "closed after " << i << " requests";
      got.append(buf, n);
    }
    EXPECT_EQ(got.rfind("HTTP/1.1 200", 0), 0u);
  }
  close(fd);
}

// Issue 13: eight slow clients used to hold all eight workers. Now a thousand connections,
// half idle and half sending a header one byte at a time, leave /api/health as quick as ever.
TEST_F(HttpListenerTest, AThousandSlowOrIdleConnectionsDoNotDelayHealth) {
  std::vector<int> fds;
  std::atomic<bool> dripping{true};
  std::thread drip;
  struct Cleanup {  // also when an assertion returns early
    std::vector<int>& fds;
    std::atomic<bool>& dripping;
    std::thread& drip;
    ~Cleanup() {
      dripping = false;
      if (drip.joinable()) drip.join();
      for (int fd : fds) close(fd);
    }
  } cleanup{fds, dripping, drip};
  for (int i = 0; i < 1000; ++i) {
    int fd = connect_to(port_);
    ASSERT_GE(fd, 0) << "connection " << i;
    fds.push_back(fd);
  }
  drip = std::thread([&] {
    const std::string header = "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: ";
    size_t at = 0;
    while (dripping) {
      for (size_t i = 0; i < fds.size(); i += 2) send(fds[i], &header[at % header.size()], 1, MSG_NOSIGNAL);
      ++at;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  std::vector<double> ms;
  for (int i = 0; i < 40; ++i) {
    auto start = Clock::now();
    auto res = client().Get("/api/health");
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
  }
  std::sort(ms.begin(), ms.end());
#if defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "latency is not measured under ThreadSanitizer (p90 " << ms[35] << " ms)";
#endif
  // The 90th percentile of 40 requests (each on a new connection) against the issue's
  // 50 ms; a single scheduling hiccup on a loaded two-core machine does not fail it.
  EXPECT_LT(ms[35], 50.0) << "p90 /api/health with 1,000 slow connections open; max " << ms.back();
  EXPECT_LT(ms.back(), 1000.0);
}

TEST_F(HttpListenerTest, OversizedHeadersTargetsAndBodiesAreRefusedWithTheirStatus) {
  auto big_header = exchange("GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
  EXPECT_EQ(big_header.rfind("HTTP/1.1 431", 0), 0u) << big_header.substr(0, 200);
  std::string many = "GET /api/health HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 150; ++i) many += "X-F" + std::to_string(i) + ": 1\r\n";
  auto fields = exchange(many + "\r\n");
  EXPECT_EQ(fields.rfind("HTTP/1.1 431", 0), 0u) << fields.substr(0, 200);
  EXPECT_NE(fields.find("header_too_large"), std::string::npos);
  auto target = exchange("GET /api/health?q=" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(target.rfind("HTTP/1.1 414", 0), 0u) << target.substr(0, 200);
  auto garbage = exchange("NOT HTTP AT ALL\r\n\r\n");
  EXPECT_EQ(garbage.rfind("HTTP/1.1 400", 0), 0u) << garbage.substr(0, 200);
  // Every refusal still carries the security headers.
  EXPECT_NE(target.find("frame-ancestors 'none'"), std::string::npos);
}

// Issue 13: a chunked upload to /upload was read whole (RSS 30 → 327 MB) and a gzip body
// inflated to 500 MB. A gigabyte offered on any path now costs less than 10 MB.
TEST_F(HttpListenerTest, AGigabyteChunkedOrCompressedBodyIsRefusedOnAnyPath) {
  const size_t gigabyte = 1u << 30;
  auto before = peak_rss_kib();
  auto start = Clock::now();
  struct Case {
    std::string head;
    const char* status;
  } cases[] = {
      {"POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n40000000\r\n", "413"},
      {"POST /api/regions/infer HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n40000000\r\n", "411"},
      {"POST /index.html HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\nContent-Length: 1073741824\r\n\r\n", "413"},
      {"POST /api/regions/infer HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\nContent-Length: 1073741824\r\n\r\n", "415"},
      {"POST /api/regions/infer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n", "413"},
      {"PUT /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 1073741824\r\n\r\n", "413"},
  };
  for (const auto& c : cases) {
    auto answer = exchange(c.head, gigabyte);
    EXPECT_EQ(answer.rfind(std::string("HTTP/1.1 ") + c.status, 0), 0u) << c.head << answer.substr(0, 200);
    EXPECT_NE(answer.find("Connection: close"), std::string::npos) << c.head;
  }
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(20)) << "the server read the bodies instead of refusing them";
  EXPECT_LT(peak_rss_kib() - before, 10 * 1024) << "peak RSS grew by " << (peak_rss_kib() - before) << " KiB";
}

TEST_F(HttpListenerTest, StaticFilesAreTypedCachedRevalidatedAndCompressed) {
  auto plain = client().Get("/assets/index-3f9a1c2b.js");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->status, 200);
  EXPECT_EQ(plain->body, *script_);
  EXPECT_EQ(plain->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(plain->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
  auto etag = plain->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto again = client().Get("/assets/index-3f9a1c2b.js", {{"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  auto gz = client().Get("/assets/index-3f9a1c2b.js", {{"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_TRUE(gz);
  EXPECT_EQ(gz->get_header_value("Content-Encoding"), "gzip");
  EXPECT_LT(gz->body.size(), script_->size() / 4);
  EXPECT_EQ(gunzip(gz->body), *script_);
  auto index = client().Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->get_header_value("Cache-Control"), "no-cache");  // the page names the current assets
  EXPECT_EQ(index->get_header_value("Content-Type"), "text/html; charset=utf-8");
  auto head = exchange("HEAD /assets/index-3f9a1c2b.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(head.find("Content-Length: " + std::to_string(script_->size())), std::string::npos) << head;
  EXPECT_EQ(head.find("export const"), std::string::npos);
}

// Issue 13: files deleted from the web root stayed in the in-memory cache for the life of the
// server (a rebuild renames every hashed bundle, so each `make web` while serving leaked one).
TEST(StaticFilesCache, DeletedFilesLeaveTheCacheAndARebuildSweepsTheRest) {
  testing::ScratchDir dir;
  dir.write("web/index.html", "<!doctype html><title>x</title>");
  dir.write("web/assets/a-1.js", std::string(2048, 'a'));
  dir.write("web/assets/b-1.js", std::string(2048, 'b'));
  StaticFiles files(dir.file("web"));
  auto get = [&](const std::string& path) {
    Request req;
    req.method = "GET";
    req.path = path;
    Response res;
    return files.serve(req, res) ? res.status : 404;
  };
  EXPECT_EQ(get("/index.html"), 200);
  EXPECT_EQ(get("/assets/a-1.js"), 200);
  EXPECT_EQ(get("/assets/b-1.js"), 200);
  EXPECT_EQ(files.cached_files(), 3u);
  // Asked for again after it was deleted: a 404, and its bytes are freed.
  std::filesystem::remove(dir.file("web/assets/a-1.js"));
  EXPECT_EQ(get("/assets/a-1.js"), 404);
  EXPECT_EQ(files.cached_files(), 2u);
  // A rebuild: b-1.js is replaced by b-2.js and index.html changes; no one asks for b-1.js
  // again, yet it leaves the cache when the new index.html is first served.
  std::filesystem::remove(dir.file("web/assets/b-1.js"));
  dir.write("web/assets/b-2.js", std::string(2048, 'c'));
  dir.write("web/index.html", "<!doctype html><title>rebuilt</title>");
  std::filesystem::last_write_time(dir.file("web/index.html"),
                                   std::filesystem::last_write_time(dir.file("web/index.html")) + std::chrono::seconds(5));
  EXPECT_EQ(get("/index.html"), 200);
  EXPECT_EQ(files.cached_files(), 1u);
  EXPECT_EQ(get("/assets/b-2.js"), 200);
  EXPECT_EQ(files.cached_files(), 2u);
}

// Issue 14: the 1 MB bundle was compressed per request (~1.5 s of a 2 s first load). The web
// build writes .br and .gz beside each file; they are sent as they are, a stale one is not.
TEST_F(HttpListenerTest, PrecompressedSiblingsAreServedAsBuiltAndStaleOnesIgnored) {
  std::string body(4096, 'x');
  dir_->write("web/assets/app-1a2b3c.js", body);
  dir_->write("web/assets/app-1a2b3c.js.br", "BROTLI-AS-BUILT");
  dir_->write("web/assets/app-1a2b3c.js.gz", server::gzip_compress(body, 6));
  auto br = client().Get("/assets/app-1a2b3c.js", {{"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_TRUE(br);
  EXPECT_EQ(br->get_header_value("Content-Encoding"), "br");
  EXPECT_EQ(br->body, "BROTLI-AS-BUILT");
  auto br_etag = br->get_header_value("ETag");
  EXPECT_NE(br_etag.find("-br\""), std::string::npos) << br_etag;
  auto revalidated = client().Get("/assets/app-1a2b3c.js", {{"Accept-Encoding", "br"}, {"If-None-Match", br_etag}});
  ASSERT_TRUE(revalidated);
  EXPECT_EQ(revalidated->status, 304);
  auto gz = client().Get("/assets/app-1a2b3c.js", {{"Accept-Encoding", "br;q=0, gzip"}});
  ASSERT_TRUE(gz);
  EXPECT_EQ(gz->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(gunzip(gz->body), body);
  // A sibling older than its file belongs to an earlier build.
  dir_->write("web/assets/old-9f8e7d.js", body);
  dir_->write("web/assets/old-9f8e7d.js.br", "STALE");
  std::filesystem::last_write_time(dir_->file("web/assets/old-9f8e7d.js.br"),
                                   std::filesystem::last_write_time(dir_->file("web/assets/old-9f8e7d.js")) -
                                       std::chrono::hours(1));
  auto fresh = client().Get("/assets/old-9f8e7d.js", {{"Accept-Encoding", "br, gzip"}});
  ASSERT_TRUE(fresh);
  EXPECT_EQ(fresh->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(gunzip(fresh->body), body);
}

TEST_F(HttpListenerTest, LargeAnswersAreCompressedForClientsThatAcceptGzip) {
  auto plain = client(*analyst_).Get("/api/access");
  ASSERT_TRUE(plain);
  ASSERT_GT(plain->body.size(), 8192u);
  auto gz = client(*analyst_).Get("/api/access", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(gz);
  EXPECT_EQ(gz->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(gunzip(gz->body), plain->body);
}

TEST_F(HttpListenerTest, MetricsAreForAdminsAndTheScraperToken) {
  client().Get("/api/health");
  EXPECT_EQ(client().Get("/metrics")->status, 401);
  EXPECT_EQ(client(*analyst_).Get("/metrics")->status, 403);
  EXPECT_EQ(client("not-the-metrics-token").Get("/metrics")->status, 401);
  auto scraped = client(kMetricsToken).Get("/metrics");
  ASSERT_TRUE(scraped);
  ASSERT_EQ(scraped->status, 200);
  EXPECT_EQ(scraped->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  auto admin = client(*admin_).Get("/metrics");
  ASSERT_EQ(admin->status, 200);
  const auto& text = admin->body;
  EXPECT_NE(text.find("# TYPE xinzhi_http_requests_total counter"), std::string::npos);
  EXPECT_NE(text.find("xinzhi_http_requests_total{method=\"GET\",route=\"/api/health\",status=\"200\"}"), std::string::npos);
  EXPECT_NE(text.find("xinzhi_http_requests_total{method=\"GET\",route=\"/metrics\",status=\"403\"}"), std::string::npos);
  EXPECT_NE(text.find("xinzhi_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/health\",le=\"+Inf\"}"),
            std::string::npos);
  EXPECT_NE(text.find("xinzhi_http_open_connections "), std::string::npos);
  EXPECT_NE(text.find("xinzhi_scheduler_runs_total{outcome=\"ok\"}"), std::string::npos);
  EXPECT_NE(text.find("process_resident_memory_bytes "), std::string::npos);
  // Paths clients invent do not become series: they share the label "unmatched".
  client().Get("/api/invented-" + std::to_string(std::rand()));
  auto later = client(*admin_).Get("/metrics")->body;
  EXPECT_EQ(later.find("invented"), std::string::npos);
  EXPECT_NE(later.find("route=\"unmatched\",status=\"404\""), std::string::npos);
}

TEST_F(HttpListenerTest, EveryRequestIsLoggedAsOneJsonLine) {
  client().Get("/api/version?who=%E6%96%B0%E8%B4%A8");
  std::string text;
  for (int i = 0; i < 100 && text.find("/api/version") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    text = log_->text();
  }
  std::istringstream lines(text);
  std::string line;
  bool found = false;
  while (std::getline(lines, line)) {
    auto at = line.find("{\"time\":");
    if (at == std::string::npos || line.find("/api/version") == std::string::npos) continue;
    auto entry = json::parse(line.substr(at));
    EXPECT_EQ(entry["method"], "GET");
    EXPECT_EQ(entry["path"], "/api/version");
    EXPECT_EQ(entry["route"], "/api/version");
    EXPECT_EQ(entry["status"], 200);
    EXPECT_EQ(entry["remote"], "127.0.0.1");
    EXPECT_TRUE(entry["ms"].is_number());
    EXPECT_EQ(entry["id"].get<std::string>().size(), 15u);
    found = true;
  }
  EXPECT_TRUE(found) << text;
}

// A header dripped slower than its deadline is cut off, and the server notices.
TEST(HttpDeadlines, AHeaderSlowerThanItsDeadlineIsCutOff) {
  testing::ScratchDir dir;
  {
    store::Database db(dir.database("x.db"));
    modules::migrate(db);
  }
  auto o = testing::test_server_options(dir.database("x.db"), dir.file("none"), 1);
  o.read_timeout_seconds = 1;
  o.idle_timeout_seconds = 1;
  testing::RunningServer server(o);
  int port = server.port();
  int idle = connect_to(port), slow = connect_to(port);
  ASSERT_GE(idle, 0);
  ASSERT_GE(slow, 0);
  auto start = Clock::now();
  const std::string header = "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaa";
  bool cut = false;
  for (char c : header) {
    if (send(slow, &c, 1, MSG_NOSIGNAL) <= 0) {
      cut = true;
      break;
    }
    pollfd p{slow, POLLIN, 0};
    if (poll(&p, 1, 200) > 0) {
      char b;
      if (recv(slow, &b, 1, 0) <= 0) {
        cut = true;
        break;
      }
    }
  }
  auto took = Clock::now() - start;
  EXPECT_TRUE(cut) << "the slow header was still being read after " << header.size() * 200 << " ms";
  EXPECT_LT(took, std::chrono::milliseconds(2500));
  char b;
  EXPECT_EQ(recv(idle, &b, 1, 0), 0) << "an idle connection outlived its deadline";
  close(idle);
  close(slow);
}

}  // namespace
}  // namespace xinzhi::server
