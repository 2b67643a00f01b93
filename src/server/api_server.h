// The HTTP door: the JSON API under /api, /metrics and the built web dashboard, on an
// event-driven Boost.Beast listener with limits, deadlines, a bounded worker pool, JSON
// errors, security headers and a JSON-line request log.
#pragma once
#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "server/api_router.h"
#include "server/http_listener.h"
#include "server/http_routes.h"
#include "server/server_metrics.h"

namespace xinzhi::server {

class ForesightScheduler;
class StaticFiles;
class WorkerPool;

struct ServerOptions {
  std::string host = "127.0.0.1";  // loopback unless the operator says otherwise
  int port = 8080;                  // 0 picks a free port (tests)
  std::string db_path = "var/xinzhi.db";
  std::string web_root = "web/dist";
  size_t max_body_bytes = 1 << 20;  // 1 MiB
  size_t threads = 4;               // workers that run API handlers (4 measured best on 2 cores)
  size_t io_threads = 2;            // threads that accept, read and write
  size_t max_queued_requests = 1024;  // waiting for a worker; beyond, 503 at once
  size_t max_connections = 10000;
  int read_timeout_seconds = 10;   // from a request's first byte to the end of its header
  int body_timeout_seconds = 30;   // for its body
  int idle_timeout_seconds = 30;   // a kept-alive connection waiting for its next request
  int write_timeout_seconds = 30;
  int scheduler_tick_seconds = 60;  // how often scheduled heat maps are checked; 0 turns them off
  AuthOptions auth;                 // session lifetimes, lockout, cookie flags, metrics token
  // Reverse proxies (nginx) whose X-Forwarded-For names the client: sign-in throttles and the
  // request log then see the client's address instead of the proxy's.
  std::vector<std::string> trusted_proxies;
};

// The client's address: the peer's, or, when the peer is a trusted proxy, the rightmost
// address in X-Forwarded-For that is not a trusted proxy (a client may send its own header:
// only what the proxies appended is believed).
std::string client_address(const Request& req, const std::vector<std::string>& trusted_proxies);

class ApiServer {
 public:
  explicit ApiServer(ServerOptions options);
  ~ApiServer();
  // Migrates the database and binds the socket; returns the bound port.
  int bind();
  // Serves until stop() is called (from another thread or a signal handler). A stop()
  // before or during the start of run() is not lost: run() then returns promptly.
  void run();
  void stop();

 private:
  void install_routes();
  std::optional<Response> screen(const Request& req);
  void dispatch(Request req, HttpListener::Reply reply);
  Response respond(Request& req, const HttpRoutes::Found& found, const std::string& request_id);
  Response refusal(int status, const char* code, const std::string& message);
  void finish(const Request* req, Response& res, const std::string& route, const std::string& request_id,
              std::chrono::steady_clock::time_point start);
  // Writes a streamed body on the worker thread, then marks it complete or cut short.
  void produce(const std::function<void(BodyWriter&)>& producer, const std::shared_ptr<StreamedBody>& body,
               const Request& req, const std::string& request_id);
  // At stop, bodies still being written are cancelled, so that no worker waits for a client
  // whose connection is gone with the I/O threads.
  void cancel_streams();
  // Gives `res` its StreamedBody, or false when threads − 1 bodies are already being written.
  bool admit_stream(Response& res, bool head_only);

  ServerOptions options_;
  HttpRoutes routes_;
  ServerMetrics metrics_;
  std::unique_ptr<StaticFiles> files_;
  std::unique_ptr<ForesightScheduler> scheduler_;
  std::unique_ptr<HttpListener> listener_;
  std::unique_ptr<WorkerPool> pool_;  // declared last: joined before the listener goes
  std::atomic<bool> stop_requested_{false};
  std::mutex streams_mutex_;
  std::vector<std::weak_ptr<StreamedBody>> streams_;
  bool streams_closed_ = false;
};

}  // namespace xinzhi::server
