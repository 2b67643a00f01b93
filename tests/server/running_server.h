// An ApiServer for HTTP tests: options for a free loopback port with the scheduler off, and
// a server that serves from its own thread until it is destroyed (stopped, then joined).
#pragma once
#include <string>
#include <thread>

#include "server/api_server.h"

namespace xinzhi::testing {

inline server::ServerOptions test_server_options(const std::string& db_path, const std::string& web_root,
                                                 size_t threads = 2) {
  server::ServerOptions o;
  o.port = 0;
  o.db_path = db_path;
  o.web_root = web_root;
  o.threads = threads;
  o.scheduler_tick_seconds = 0;
  return o;
}

class RunningServer {
 public:
  explicit RunningServer(server::ServerOptions o) : server_(std::move(o)), port_(server_.bind()) {
    thread_ = std::thread([this] { server_.run(); });
  }
  ~RunningServer() {
    server_.stop();
    thread_.join();
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;
  int port() const { return port_; }

 private:
  server::ApiServer server_;
  int port_;
  std::thread thread_;
};

}  // namespace xinzhi::testing
