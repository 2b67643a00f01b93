// Large answers streamed (issue 13): the hand-over between the worker writing a body and the
// I/O thread sending it, and the whole audit trail as CSV on real sockets — complete and in
// order, in bounded memory whatever its length, stopped when the client goes, HEAD and
// HTTP/1.0 answered as the protocol says.
#include "server/streamed_body.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <chrono>
#include <thread>

#include "modules/registry.h"
#include "server/running_server.h"
#include "server/signed_in.h"
#include "store/audit_trail.h"
#include "store/database.h"
#include "support/http_client.h"
#include "support/loopback_socket.h"
#include "support/test_support.h"

// ASan keeps freed memory in a 256 MB quarantine to catch use after free, so that a body
// streamed through small pieces would seem to grow the process by its whole length. The
// quarantine is kept small here; the release server has none.
extern "C" const char* __asan_default_options() { return "quarantine_size_mb=8"; }

namespace xinzhi::server {
namespace {

using Clock = std::chrono::steady_clock;

TEST(StreamedBody, AWriterWaitsWhileTheWindowIsFullAndStopsWhenCancelled) {
  StreamedBody body(64 * 1024);
  std::atomic<size_t> written{0};
  std::atomic<bool> refused{false};
  std::thread writer([&] {
    std::string row(1000, 'x');
    for (int i = 0; i < 10000; ++i) {
      if (!body.write(row)) {
        refused = true;
        return;
      }
      written += row.size();
    }
    body.finish();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  // Nobody took anything: the writer is held at the window (plus the piece it gathers).
  EXPECT_LE(written.load(), 64u * 1024 + 2 * 16 * 1024);
  std::string out;
  size_t taken = 0;
  for (int i = 0; i < 5; ++i) {
    while (body.take(out, [] {}) != StreamedBody::Take::Data) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    taken += out.size();
  }
  EXPECT_GT(taken, 0u);
  body.cancel();
  writer.join();
  EXPECT_TRUE(refused.load());
  EXPECT_LT(written.load(), 10000u * 1000);
  EXPECT_EQ(body.take(out, [] {}), StreamedBody::Take::Failed);
}

TEST(StreamedBody, EveryByteArrivesInOrderThenTheEnd) {
  StreamedBody body(8 * 1024);
  std::string sent;
  for (int i = 0; i < 20000; ++i) sent += std::to_string(i) + ",";
  std::thread writer([&] {
    for (size_t at = 0; at < sent.size(); at += 7) body.write(std::string_view(sent).substr(at, 7));
    body.finish();
  });
  std::string got, out;
  std::atomic<bool> woken{false};
  for (;;) {
    auto state = body.take(out, [&] { woken = true; });
    if (state == StreamedBody::Take::End) break;
    ASSERT_NE(state, StreamedBody::Take::Failed);
    if (state == StreamedBody::Take::Data) got += out;
    if (state == StreamedBody::Take::Wait) {
      while (!woken) std::this_thread::yield();  // the writer calls back once there is more
      woken = false;
    }
  }
  writer.join();
  ASSERT_EQ(got.size(), sent.size());
  EXPECT_TRUE(got == sent) << "first difference at byte "
                           << std::mismatch(got.begin(), got.end(), sent.begin()).first - got.begin();
}

TEST(StreamedBody, AFailedWriterIsSeenAsFailedNotAsTheEnd) {
  StreamedBody body;
  body.write("partial");
  body.fail();
  std::string out;
  EXPECT_EQ(body.take(out, [] {}), StreamedBody::Take::Failed);
}

// One audit entry as a CSV row: Beijing time beside UTC, a formula defused, quotes doubled.
TEST(AuditCsv, ARowSaysTheEntryInBothTimesWithItsHash) {
  store::AuditEntry e;
  e.seq = 7, e.at = "2026-12-01T20:15:30.250Z", e.actor = "analyst", e.org = "天津市工信局", e.via = "api";
  e.action = "chain.edit", e.target_kind = "chain", e.target_id = "3", e.detail = "=HYPERLINK(\"x\")", e.hash = "ab12";
  EXPECT_EQ(store::audit_csv_header(), "seq,at_utc,at_beijing,actor,org,via,action,target,detail,hash\r\n");
  EXPECT_EQ(store::audit_csv_row(e),
            "7,2026-12-01T20:15:30.250Z,2026-12-02 04:15:30,analyst,天津市工信局,api,chain.edit,chain:3,"
            "\"'=HYPERLINK(\"\"x\"\")\",ab12\r\n");
}

int connect_to(int port) { return testing::connect_loopback(port, 20); }

// Resident memory now (not the peak: the suite's set-up wrote 6,000 entries before).
long rss_kib() {
  long pages = 0, resident = 0;
  if (FILE* f = fopen("/proc/self/statm", "r")) {
    if (fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    fclose(f);
  }
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

class AuditExport : public ::testing::Test {
 protected:
  static constexpr int kEntries = 6000;
  static void SetUpTestSuite() {
    dir_ = new testing::ScratchDir();
    {
      store::Database db(dir_->database("x.db"));
      modules::migrate(db);
      // 6,000 entries of some 5 KB each: a CSV of some 30 MB (few entries, so that the
      // PostgreSQL copy of the suite sets up in seconds).
      store::ActingAs as(store::Actor{0, "importer", 0, "", "test"});
      store::WriteTransaction tx(db);
      std::string detail(5000, 'd');
      for (int i = 0; i < kEntries; ++i)
        tx.audit({"import.test", "row", std::to_string(i), "", "", detail + std::to_string(i)});
      tx.commit();
    }
    auditor_ = new std::string(testing::token_for(dir_->database("x.db"), "auditor", "审计事务所", "audit_office"));
    server_ = new testing::RunningServer(testing::test_server_options(dir_->database("x.db"), dir_->file("web"), 2));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete auditor_;
    delete dir_;
  }
  static std::string request(const std::string& method, const std::string& path, const char* version = "HTTP/1.1") {
    return method + " " + path + " " + version + "\r\nHost: x\r\nAuthorization: Bearer " + *auditor_ + "\r\n\r\n";
  }
  static inline testing::ScratchDir* dir_ = nullptr;
  static inline std::string* auditor_ = nullptr;
  static inline testing::RunningServer* server_ = nullptr;
};

// First in the suite, before any test has held a body of that size in this process (the
// measure is the process's resident memory). The body is some 30 MB; the server holds a window of it, not all of it. A client reading
// slowly slows the writer instead of filling the server's memory.
TEST_F(AuditExport, ASlowReaderTakesThirtyMegabytesWithoutTheServerHoldingThem) {
  {
    // Warm up first: the workers' first request opens their database connections and fills
    // the allocator's per-thread caches, once for the server's life.
    testing::HttpClient c("127.0.0.1", server_->port());
    c.set_bearer_token_auth(*auditor_);
    for (int i = 0; i < 4; ++i) ASSERT_EQ(c.Get("/api/audit.csv?before=1200")->status, 200);
  }
  auto before = rss_kib();
  long most = before;
  int fd = connect_to(server_->port());
  ASSERT_GE(fd, 0);
  // Connection: close, so that the end of the body is the end of the connection.
  auto req = request("GET", "/api/audit.csv");
  req.insert(req.size() - 2, "Connection: close\r\n");
  send(fd, req.data(), req.size(), MSG_NOSIGNAL);
  char buf[16384];
  size_t total = 0;
  ssize_t n;
  int reads = 0;
  bool paused = false;
  std::string tail;
  while ((n = recv(fd, buf, sizeof buf, 0)) > 0) {
    total += static_cast<size_t>(n);
    if (!paused && total > (1u << 20)) {
      // The reader stops for a while: long enough for the writer to read the whole trail
      // (some 3 s under ASan) were it not held back by the window.
      paused = true;
      for (int i = 0; i < 20; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
        most = std::max(most, rss_kib());
      }
    }
    if (++reads % 200 == 0) most = std::max(most, rss_kib());
    tail = (tail + std::string(buf, static_cast<size_t>(n))).substr(std::max<size_t>(tail.size() + n, 7) - 7);
  }
  EXPECT_EQ(tail, "\r\n0\r\n\r\n");  // the last chunk: the body is whole
  close(fd);
  EXPECT_GT(total, 25u << 20);
#if !defined(__SANITIZE_THREAD__)
  EXPECT_LT(most - before, 10 * 1024) << "RSS grew by " << (most - before) << " KiB while the body was sent";
#endif
}

TEST_F(AuditExport, TheWholeTrailArrivesChunkedNewestFirstAsTheListHasIt) {
  testing::HttpClient c("127.0.0.1", server_->port());
  c.set_bearer_token_auth(*auditor_);
  c.set_read_timeout(120);
  auto res = c.Get("/api/audit.csv?action=import");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Transfer-Encoding"), "chunked");
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_FALSE(res->has_header("Content-Length"));
  const std::string& csv = res->body;
  ASSERT_EQ(csv.rfind("\xEF\xBB\xBFseq,at_utc,", 0), 0u);
  size_t rows = 0;
  for (char ch : csv) rows += ch == '\n';
  EXPECT_EQ(rows, 1u + kEntries);  // the header, then every entry: more than any page of the list
  // The first page of the list, row for row, at the top.
  store::Database db(dir_->database("x.db"));
  store::AuditFilter f;
  f.action = "import";
  f.limit = 3;
  std::string top = "\xEF\xBB\xBF" + store::audit_csv_header();
  for (const auto& e : store::list_audit(db, f)) top += store::audit_csv_row(e);
  EXPECT_EQ(csv.substr(0, top.size()), top);
  // … and the oldest entry last.
  auto last = csv.substr(csv.rfind("\r\n", csv.size() - 3) + 2);
  EXPECT_NE(last.find(",import.test,row:0,"), std::string::npos) << last.substr(0, 120);
}

// A client that goes away mid-body frees its worker: with two workers, three abandoned
// exports in a row still leave the server answering.
TEST_F(AuditExport, AClientThatLeavesMidwayFreesItsWorker) {
  // Three downloads in a row, each left after 200 KB. Only one runs at a time (two workers),
  // so each of the next ones is let in only once the server has seen its predecessor go and
  // stopped writing for it: a writer left waiting would keep the rest out for good.
  for (int i = 0; i < 3; ++i) {
    auto until = Clock::now() + std::chrono::seconds(5);
    std::string head;
    int fd = -1;
    do {
      if (fd >= 0) close(fd), std::this_thread::sleep_for(std::chrono::milliseconds(50));
      fd = connect_to(server_->port());
      ASSERT_GE(fd, 0);
      auto req = request("GET", "/api/audit.csv");
      send(fd, req.data(), req.size(), MSG_NOSIGNAL);
      char first[12] = {};
      ASSERT_EQ(recv(fd, first, sizeof first, MSG_WAITALL), static_cast<ssize_t>(sizeof first));
      head.assign(first, sizeof first);
    } while (head != "HTTP/1.1 200" && Clock::now() < until);
    ASSERT_EQ(head, "HTTP/1.1 200") << "download " << i + 1 << " was not let in within 5 s";
    char buf[65536];
    size_t total = 0;
    while (total < 200 * 1024) {
      auto n = recv(fd, buf, sizeof buf, 0);
      ASSERT_GT(n, 0);
      total += static_cast<size_t>(n);
    }
    close(fd);
  }
  auto start = Clock::now();
  testing::HttpClient c("127.0.0.1", server_->port());
  c.set_bearer_token_auth(*auditor_);
  c.set_read_timeout(10);
  for (int i = 0; i < 4; ++i) {
    auto res = c.Get("/api/audit?limit=1");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
  }
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
}

// A download holds its worker while the client reads: with two workers at most one download
// runs at once, the next is told to come back (503), and the other worker still answers.
TEST_F(AuditExport, DownloadsLeaveAWorkerForEveryoneElse) {
  int fd = connect_to(server_->port());
  ASSERT_GE(fd, 0);
  auto req = request("GET", "/api/audit.csv");
  send(fd, req.data(), req.size(), MSG_NOSIGNAL);
  char buf[65536];
  size_t total = 0;
  while (total < 100 * 1024) {
    auto n = recv(fd, buf, sizeof buf, 0);
    ASSERT_GT(n, 0);
    total += static_cast<size_t>(n);
  }
  // The first download now waits for its reader, who has stopped reading.
  testing::HttpClient c("127.0.0.1", server_->port());
  c.set_bearer_token_auth(*auditor_);
  c.set_read_timeout(10);
  auto second = c.Get("/api/audit.csv");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 503);
  EXPECT_EQ(second->get_header_value("Retry-After"), "5");
  EXPECT_NE(second->body.find("\"key\":\"server_busy\""), std::string::npos) << second->body;
  auto other = c.Get("/api/audit?limit=1");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200);
  close(fd);  // the first reader leaves; its worker is freed, and a download is let in again
  int status = 0;
  for (auto until = Clock::now() + std::chrono::seconds(5); Clock::now() < until && status != 200;) {
    auto again = c.Get("/api/audit.csv?before=20");
    status = again ? again->status : 0;
    if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(status, 200);
}

// HEAD: the header a GET would get, no body, and the connection still serves. HTTP/1.0: no
// chunks (a 1.0 client cannot read them); the body ends with the connection.
TEST_F(AuditExport, HeadAndHttp10AreAnsweredAsTheProtocolSays) {
  int fd = connect_to(server_->port());
  ASSERT_GE(fd, 0);
  auto two = request("HEAD", "/api/audit.csv") + request("GET", "/api/audit?limit=1");
  send(fd, two.data(), two.size(), MSG_NOSIGNAL);
  std::string answer;
  char buf[8192];
  ssize_t n;
  while (answer.find("\"entries\"") == std::string::npos && (n = recv(fd, buf, sizeof buf, 0)) > 0) answer.append(buf, n);
  close(fd);
  ASSERT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << answer.substr(0, 300);
  auto second = answer.find("HTTP/1.1 200", 10);
  ASSERT_NE(second, std::string::npos) << answer.substr(0, 600);
  auto head = answer.substr(0, second);
  EXPECT_NE(head.find("Transfer-Encoding: chunked"), std::string::npos) << head;
  EXPECT_EQ(head.substr(head.find("\r\n\r\n") + 4), "");  // no body, not even the last chunk

  fd = connect_to(server_->port());
  ASSERT_GE(fd, 0);
  auto old = request("GET", "/api/audit.csv?action=import&before=101", "HTTP/1.0");
  send(fd, old.data(), old.size(), MSG_NOSIGNAL);
  answer.clear();
  while ((n = recv(fd, buf, sizeof buf, 0)) > 0) answer.append(buf, n);
  close(fd);
  ASSERT_EQ(answer.rfind("HTTP/1.0 200", 0), 0u) << answer.substr(0, 300);
  auto header_end = answer.find("\r\n\r\n");
  auto header = answer.substr(0, header_end);
  EXPECT_EQ(header.find("Transfer-Encoding"), std::string::npos) << header;
  auto body = answer.substr(header_end + 4);
  size_t rows = 0;
  for (char ch : body) rows += ch == '\n';
  store::Database db(dir_->database("x.db"));
  store::AuditFilter f;
  f.action = "import";
  f.before_seq = 101;
  f.limit = 100000;
  EXPECT_EQ(rows, 1u + store::list_audit(db, f).size());  // the header, then the entries before #101
  EXPECT_GT(rows, 50u);
  EXPECT_EQ(body.rfind("\xEF\xBB\xBFseq,", 0), 0u);
}

}  // namespace
}  // namespace xinzhi::server
