// The socket layer of the HTTP door: Boost.Beast on Asio. Accepts and reads asynchronously
// on a few I/O threads, so a slow or idle client holds a little memory and no thread; keeps
// connections alive and answers pipelined requests in order; enforces deadlines on the
// header, the body, idle time and writing, and limits on header size, field count, target
// length and body size while reading, before anything is buffered.
#pragma once
#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "server/http_message.h"

namespace xinzhi::server {

struct HttpLimits {
  size_t io_threads = 2;
  size_t max_connections = 10000;       // more are closed on accept
  size_t max_header_bytes = 16 * 1024;  // request line and all fields together
  size_t max_header_fields = 100;
  size_t max_target_bytes = 8 * 1024;
  size_t max_body_bytes = 1 << 20;
  std::chrono::milliseconds idle_timeout{30000};    // waiting for the first byte of a request
  std::chrono::milliseconds header_timeout{10000};  // from its first byte to the end of its header
  std::chrono::milliseconds body_timeout{30000};
  std::chrono::milliseconds write_timeout{30000};
};

// Counters the metrics page reads; updated by the I/O threads.
struct ConnectionStats {
  std::atomic<int64_t> open{0}, accepted{0}, refused{0};
  std::atomic<int64_t> idle_timeouts{0}, header_timeouts{0}, body_timeouts{0}, write_timeouts{0};
};

class HttpListener {
 public:
  // Sends the response; callable once, from any thread.
  using Reply = std::function<void(Response)>;
  struct Hooks {
    // Runs when a request's header is read, before its body: a response here is sent at
    // once and the connection closed, the body unread.
    std::function<std::optional<Response>(const Request&)> screen;
    // Answers a complete request through `reply`, now or later, on any thread.
    std::function<void(Request, Reply)> dispatch;
    // The answer to a request the reader refused (status, error code, message).
    std::function<Response(int, const char*, const std::string&)> refusal;
    // Whether handlers are still running; stop() lets them finish and their answers go out
    // (for up to five seconds) before it closes the connections.
    std::function<bool()> busy;
  };

  HttpListener(HttpLimits limits, Hooks hooks);
  ~HttpListener();
  // Binds host:port (0: a free port); returns the port.
  int bind(const std::string& host, int port);
  // Serves on the calling thread and io_threads - 1 more until stop().
  void run();
  // Only raises a flag and writes a byte to a pipe: safe from a signal handler, before
  // run() (which then returns at once) and while run() is starting. Accepting stops at
  // once; answers being computed are still sent (hooks.busy, at most five seconds).
  void stop();
  const ConnectionStats& stats() const { return *stats_; }

 private:
  class Impl;
  std::shared_ptr<ConnectionStats> stats_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace xinzhi::server
