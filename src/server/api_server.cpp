#include "server/api_server.h"
#include "server/foresight_scheduler.h"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <random>

#include "base/error.h"
#include "base/text.h"
#include "base/log.h"
#include "server/api_routes.h"
#include "server/json_response.h"

namespace xinzhi::server {

namespace {
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";
}  // namespace

namespace {

// A fixed number of workers and a bounded queue of accepted connections. When the queue is
// full, the accept loop waits: the kernel's listen backlog absorbs the burst and memory
// stays bounded (httplib's own ThreadPool queues without limit).
class BoundedWorkerPool final : public httplib::TaskQueue {
 public:
  BoundedWorkerPool(size_t threads, size_t max_queued) : max_queued_(max_queued) {
    for (size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }
  void enqueue(std::function<void()> fn) override {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return jobs_.size() < max_queued_ || shutdown_; });
    if (shutdown_) return;
    jobs_.push_back(std::move(fn));
    ready_.notify_one();
  }
  void shutdown() override {
    {
      std::lock_guard lock(mutex_);
      shutdown_ = true;
    }
    ready_.notify_all();
    room_.notify_all();
    for (auto& t : workers_) t.join();
  }

 private:
  void work() {
    for (;;) {
      std::function<void()> fn;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return !jobs_.empty() || shutdown_; });
        if (jobs_.empty()) return;
        fn = std::move(jobs_.front());
        jobs_.pop_front();
        room_.notify_one();
      }
      fn();
    }
  }
  size_t max_queued_;
  std::vector<std::thread> workers_;
  std::deque<std::function<void()>> jobs_;
  std::mutex mutex_;
  std::condition_variable ready_, room_;
  bool shutdown_ = false;
};

std::string new_request_id() {
  static std::atomic<uint64_t> counter{0};
  static const uint32_t boot = std::random_device{}();
  char buf[32];
  snprintf(buf, sizeof buf, "%08x-%06llx", boot, static_cast<unsigned long long>(++counter));
  return buf;
}

thread_local std::chrono::steady_clock::time_point request_start;

bool is_api(const httplib::Request& req) { return req.path.rfind("/api/", 0) == 0 || req.path == "/api"; }

}  // namespace

ApiServer::ApiServer(ServerOptions options)
    : options_(std::move(options)),
      http_(std::make_unique<httplib::Server>()),
      scheduler_(std::make_unique<ForesightScheduler>(options_.db_path, options_.scheduler_tick_seconds)) {
  http_->new_task_queue = [threads = options_.threads, queued = options_.max_queued_connections] {
    return new BoundedWorkerPool(threads, queued);
  };
  http_->set_payload_max_length(options_.max_body_bytes);
  http_->set_read_timeout(options_.read_timeout_seconds, 0);
  http_->set_write_timeout(options_.write_timeout_seconds, 0);
  // One request per connection. Debian's httplib 0.11 cannot close a single connection from
  // a handler, so a request refused with its body unread would otherwise leave that body to
  // be parsed as the next request. On loopback a new connection costs tens of microseconds.
  http_->set_keep_alive_max_count(1);
  http_->set_keep_alive_timeout(5);
  // On every response. The dashboard loads only its own scripts and styles (ECharts sets
  // inline styles, hence 'unsafe-inline' for styles alone) and is never framed.
  http_->set_default_headers({{"X-Content-Type-Options", "nosniff"},
                              {"Referrer-Policy", "no-referrer"},
                              {"X-Frame-Options", "DENY"},
                              {"Content-Security-Policy", std::string(kContentSecurityPolicy)}});
  install_guards();
  install_routes();
}

ApiServer::~ApiServer() = default;  // here, where ForesightScheduler is complete

void ApiServer::install_guards() {
  const size_t limit = options_.max_body_bytes;
  // Runs before httplib reads any body. Debian's cpp-httplib 0.11 does not apply the
  // payload limit to chunked bodies (CVE-2025-46728) and would inflate compressed ones, so
  // API requests that use either are refused here, unread, and the connection is closed.
  http_->set_pre_routing_handler([limit](const httplib::Request& req, httplib::Response& res) {
    request_start = std::chrono::steady_clock::now();
    res.set_header("X-Request-Id", new_request_id());
    auto refuse = [&](int status, const char* code, const std::string& message) {
      write_error(res, status, code, message);
      res.set_header("Connection", "close");
      return httplib::Server::HandlerResponse::Handled;
    };
    // A decoded %00 or %0a has no place in a path: /index.html%00.js would be served as
    // index.html typed as a script.
    for (unsigned char c : req.path)
      if (c < 0x20 || c == 0x7f) return refuse(400, "invalid_input", "the path holds a control character");
    // Pages and files take no request body: any body to a non-API path is refused unread,
    // so a chunked upload or a gzip bomb sent to /upload costs nothing.
    if (!is_api(req)) {
      bool body = req.has_header("Transfer-Encoding") || req.has_header("Content-Encoding") ||
                  (req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0");
      if (body) return refuse(413, "payload_too_large", "pages take no request body");
      return httplib::Server::HandlerResponse::Unhandled;
    }
    if (req.has_header("Transfer-Encoding"))
      return refuse(411, "length_required", "chunked request bodies are not accepted; send Content-Length");
    if (req.has_header("Content-Encoding"))
      return refuse(415, "unsupported_media_type", "compressed request bodies are not accepted");
    if (req.has_header("Content-Length")) {
      auto declared = req.get_header_value("Content-Length");
      char* end = nullptr;
      unsigned long long n = std::strtoull(declared.c_str(), &end, 10);
      if (declared.empty() || *end != '\0') return refuse(400, "invalid_input", "Content-Length is not a number");
      if (n > limit)
        return refuse(413, "payload_too_large", "request body exceeds " + std::to_string(limit) + " bytes");
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  // Never lets exception text reach the client: our own Error carries a user-facing
  // message by design; anything else is logged with the request id and reported generically.
  http_->set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    try {
      std::rethrow_exception(ep);
    } catch (const Error& e) {
      // InvalidInput, NotFound, Conflict, Forbidden messages are written for the user.
      // Internal and Unavailable ones may carry paths or library text: logged, not sent.
      if (e.code() == ErrorCode::Internal || e.code() == ErrorCode::Unavailable) {
        spdlog::error("{} {} request {} failed: {}", text::printable(req.method), text::printable(req.path),
                      res.get_header_value("X-Request-Id"), text::printable(e.what()));
        write_error(res, http_status(e.code()), std::string(error_code_name(e.code())),
                    "the service cannot answer now; the server log has details under request id " +
                        res.get_header_value("X-Request-Id"));
      } else {
        if (e.code() == ErrorCode::Unauthenticated) res.set_header("WWW-Authenticate", "Bearer realm=\"xinzhi\"");
        write_error(res, http_status(e.code()), std::string(error_code_name(e.code())), e.what(), e.key(), e.params());
      }
    } catch (const std::exception& e) {
      spdlog::error("{} {} request {} failed: {}", text::printable(req.method), text::printable(req.path),
                    res.get_header_value("X-Request-Id"), text::printable(e.what()));
      write_error(res, 500, "internal", "internal error; the server log has details under request id " +
                                            res.get_header_value("X-Request-Id"));
    } catch (...) {
      write_error(res, 500, "internal", "internal error");
    }
  });

  http_->set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    if (res.status == 404)
      write_error(res, 404, "not_found", "no such " + std::string(is_api(req) ? "API route" : "page") + ": " + req.path);
    else if (res.status == 413)
      write_error(res, 413, "payload_too_large", "request body is too large");
    else if (res.status == 405)
      write_error(res, 405, "method_not_allowed", req.method + " is not allowed on " + req.path);
    else
      write_error(res, res.status, "http_error", "HTTP error " + std::to_string(res.status));
    return httplib::Server::HandlerResponse::Handled;
  }));

  http_->set_logger([](const httplib::Request& req, const httplib::Response& res) {
    auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - request_start).count();
    // The decoded path is the client's text: escaped, so that %0a cannot start a forged line
    // and %1b cannot reach the terminal.
    spdlog::info("{} {} {} {} {:.1f}ms {}", res.get_header_value("X-Request-Id"), text::printable(req.method),
                 text::printable(req.path), res.status, ms, req.remote_addr);
  });
}

void ApiServer::install_routes() {
  ApiRouter api(*http_, std::make_shared<store::Store>(options_.db_path), options_.auth);
  install_api_routes(api);
  install_chain_routes(api);
  install_foresight_routes(api);
  install_account_routes(api);
  install_scenario_routes(api);
  install_mcda_routes(api);
  install_settings_routes(api);
  api.check_complete();
  namespace fs = std::filesystem;
  if (fs::is_directory(options_.web_root) && fs::exists(fs::path(options_.web_root) / "index.html")) {
    http_->set_mount_point("/", options_.web_root);
  } else {
    std::string root = options_.web_root;
    http_->Get("/", [root](const httplib::Request&, httplib::Response& res) {
      res.set_content("<!doctype html><meta charset=utf-8><title>新质 Xinzhi</title><p>网页界面尚未构建（" + root +
                          " 不存在）。请运行 <code>make web</code>。The web dashboard is not built: run make web. "
                          "The API is at <a href=/api/overview>/api/overview</a>.",
                      "text/html; charset=utf-8");
    });
  }
}

int ApiServer::bind() {
  if (options_.port == 0) {
    int port = http_->bind_to_any_port(options_.host);
    if (port <= 0) fail(ErrorCode::Unavailable, "cannot bind " + options_.host);
    return port;
  }
  if (!http_->bind_to_port(options_.host, options_.port))
    fail(ErrorCode::Unavailable, "cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                                     " (in use? try --port)");
  return options_.port;
}

void ApiServer::run() {
  if (stop_requested_) return;
  scheduler_->start();
  // httplib's stop() does nothing until listen has begun, so a stop() that lands between
  // bind() and the start of the accept loop would be lost and run() would never return.
  // The watcher repeats the request once the loop is running; stop() itself only sets a
  // flag, which keeps it safe to call from a signal handler.
  std::atomic<bool> listening_done{false};
  std::thread watcher([this, &listening_done] {
    while (!listening_done) {
      if (stop_requested_ && http_->is_running()) {
        http_->stop();
        return;  // the accept loop is ending; nothing more to watch
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  });
  struct JoinOnExit {
    std::atomic<bool>& done;
    std::thread& t;
    ~JoinOnExit() {
      done = true;
      t.join();
    }
  } join_watcher{listening_done, watcher};
  http_->listen_after_bind();
  scheduler_->stop();
}

void ApiServer::stop() {
  stop_requested_ = true;
  scheduler_->request_stop();
  if (http_->is_running()) http_->stop();
}

}  // namespace xinzhi::server
