// The HTTP door: the JSON API under /api and the built web dashboard, served by
// cpp-httplib with size limits, timeouts, a bounded worker pool and JSON errors.
#pragma once
#include <atomic>
#include <cstddef>
#include <memory>
#include <string>

#include "server/api_router.h"

namespace httplib {
class Server;
}

namespace xinzhi::server {

class ForesightScheduler;

struct ServerOptions {
  std::string host = "127.0.0.1";  // loopback unless the operator says otherwise
  int port = 8080;                  // 0 picks a free port (tests)
  std::string db_path = "var/xinzhi.db";
  std::string web_root = "web/dist";
  size_t max_body_bytes = 1 << 20;  // 1 MiB
  size_t threads = 8;
  size_t max_queued_connections = 64;
  int read_timeout_seconds = 5;
  int write_timeout_seconds = 10;
  int scheduler_tick_seconds = 60;  // how often scheduled heat maps are checked; 0 turns them off
  AuthOptions auth;                 // session lifetimes, lockout, cookie flags
};

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
  void install_guards();
  ServerOptions options_;
  std::unique_ptr<httplib::Server> http_;
  std::unique_ptr<ForesightScheduler> scheduler_;
  std::atomic<bool> stop_requested_{false};
};

}  // namespace xinzhi::server
