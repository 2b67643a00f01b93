#include "server/api_server.h"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <cmath>
#include <random>

#include "base/error.h"
#include "base/log.h"
#include "base/text.h"
#include "server/api_routes.h"
#include "server/foresight_scheduler.h"
#include "server/json_response.h"
#include "server/static_files.h"
#include "server/streamed_body.h"
#include "server/worker_pool.h"

namespace xinzhi::server {

namespace {

// The dashboard loads only its own scripts and styles (ECharts sets inline styles, hence
// 'unsafe-inline' for styles alone) and is never framed.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

// JSON, CSV and other text answers this large are gzip-compressed for clients that accept
// it (an atlas or an ecosystem network is megabytes of JSON; level 1 costs milliseconds).
constexpr size_t kCompressFrom = 8 * 1024;

std::string new_request_id() {
  static std::atomic<uint64_t> counter{0};
  static const uint32_t boot = std::random_device{}();
  char buf[32];
  snprintf(buf, sizeof buf, "%08x-%06llx", boot, static_cast<unsigned long long>(++counter));
  return buf;
}

// The method as a metrics label: clients may send any token, and each new one would be a
// new series kept for ever.
std::string method_label(const Request* req) {
  if (!req) return "-";
  for (const char* m : {"GET", "HEAD", "POST", "PATCH", "PUT", "DELETE", "OPTIONS"})
    if (req->method == m) return m;
  return "other";
}

bool is_api(const std::string& path) { return path.rfind("/api/", 0) == 0 || path == "/api"; }

bool compressible(const Response& res) {
  auto type = res.get_header_value("Content-Type");
  return type.rfind("application/json", 0) == 0 || type.rfind("text/", 0) == 0 ||
         type.rfind("image/svg+xml", 0) == 0 || type.rfind("application/gexf+xml", 0) == 0;
}

std::string utc_now_iso() {
  using namespace std::chrono;
  auto now = system_clock::now();
  auto secs = system_clock::to_time_t(now);
  auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  tm t{};
  gmtime_r(&secs, &t);
  char buf[96];  // room for any int the format could print (-Wformat-truncation)
  snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday, t.tm_hour,
           t.tm_min, t.tm_sec, static_cast<int>(ms));
  return buf;
}

}  // namespace

ApiServer::ApiServer(ServerOptions options)
    : options_(std::move(options)),
      files_(std::make_unique<StaticFiles>(options_.web_root)),
      scheduler_(std::make_unique<ForesightScheduler>(options_.db_path, options_.scheduler_tick_seconds)) {
  HttpLimits limits;
  limits.io_threads = std::max<size_t>(1, options_.io_threads);
  limits.max_connections = options_.max_connections;
  limits.max_body_bytes = options_.max_body_bytes;
  limits.header_timeout = std::chrono::seconds(options_.read_timeout_seconds);
  limits.body_timeout = std::chrono::seconds(options_.body_timeout_seconds);
  limits.idle_timeout = std::chrono::seconds(options_.idle_timeout_seconds);
  limits.write_timeout = std::chrono::seconds(options_.write_timeout_seconds);
  HttpListener::Hooks hooks;
  hooks.screen = [this](const Request& req) { return screen(req); };
  hooks.dispatch = [this](Request req, HttpListener::Reply reply) { dispatch(std::move(req), std::move(reply)); };
  hooks.refusal = [this](int status, const char* code, const std::string& message) {
    return refusal(status, code, message);
  };
  hooks.busy = [this] { return pool_->busy() > 0 || pool_->queued() > 0; };
  listener_ = std::make_unique<HttpListener>(limits, std::move(hooks));
  pool_ = std::make_unique<WorkerPool>(options_.threads, options_.max_queued_requests);
  install_routes();
}

ApiServer::~ApiServer() {
  cancel_streams();
  pool_->shutdown();
}

// Runs when the header is read, before any body: what no route may receive is refused here,
// unread, and the connection is closed after the answer.
std::optional<Response> ApiServer::screen(const Request& req) {
  auto refuse = [&](int status, const char* code, const std::string& message, const ErrorParams& params = {}) {
    auto start = std::chrono::steady_clock::now();
    Response res;
    // The code doubles as the key where the dashboard has words for it (payload_too_large).
    write_error(res, status, code, message, params.empty() ? "" : code, params);
    res.close = true;
    finish(&req, res, "refused", new_request_id(), start);
    return std::optional<Response>(std::move(res));
  };
  // A decoded %00 or %0a has no place in a path: /index.html%00.js would be served as
  // index.html typed as a script.
  for (unsigned char c : req.path)
    if (c < 0x20 || c == 0x7f) return refuse(400, "invalid_input", "the path holds a control character");
  const bool chunked = req.has_header("Transfer-Encoding"), encoded = req.has_header("Content-Encoding");
  // Pages, files and /metrics take no request body: any body is refused unread, so a
  // chunked upload or a gzip bomb sent to /upload costs nothing.
  if (!is_api(req.path)) {
    auto length = req.get_header_value("Content-Length");
    if (chunked || encoded || (!length.empty() && length != "0"))
      return refuse(413, "payload_too_large", "pages take no request body");
    return std::nullopt;
  }
  if (chunked) return refuse(411, "length_required", "chunked request bodies are not accepted; send Content-Length");
  if (encoded) return refuse(415, "unsupported_media_type", "compressed request bodies are not accepted");
  // The parser has checked that Content-Length is a number.
  if (req.has_header("Content-Length") && std::stoull(req.get_header_value("Content-Length")) > options_.max_body_bytes)
    return refuse(413, "payload_too_large", "request body exceeds " + std::to_string(options_.max_body_bytes) + " bytes",
                  {{"max", std::to_string(options_.max_body_bytes)}});
  return std::nullopt;
}

// Quick answers (files, health, errors) on the I/O thread; API handlers on the worker pool,
// or 503 at once when its queue is full.
namespace {
// An address as one spelling: "::ffff:127.0.0.1" (an IPv4 peer on an IPv6 socket) is
// 127.0.0.1; anything that is no IP address is empty.
std::string canonical_ip(std::string_view text) {
  boost::system::error_code ec;
  auto a = boost::asio::ip::make_address(std::string(text), ec);
  if (ec) return "";
  if (a.is_v6() && a.to_v6().is_v4_mapped()) return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, a.to_v6()).to_string();
  return a.to_string();
}
}  // namespace

std::string client_address(const Request& req, const std::vector<std::string>& trusted) {
  auto is_trusted = [&](const std::string& a) {
    return std::any_of(trusted.begin(), trusted.end(), [&](const std::string& t) { return canonical_ip(t) == a; });
  };
  std::string client = canonical_ip(req.remote_addr);
  if (client.empty()) return req.remote_addr;
  if (!is_trusted(client)) return client;
  // From the right: each hop a trusted proxy appended, until the first that is no proxy of
  // ours (the client). A hop that is no address ends the walk at the last good one.
  std::string header = req.get_header_value("X-Forwarded-For");
  size_t end = header.size();
  while (end > 0) {
    size_t comma = header.rfind(',', end - 1);
    size_t begin = comma == std::string::npos ? 0 : comma + 1;
    std::string hop = canonical_ip(text::trim(std::string_view(header).substr(begin, end - begin)));
    if (hop.empty()) break;
    client = hop;
    if (!is_trusted(hop) || comma == std::string::npos) break;
    end = comma;
  }
  return client;
}

void ApiServer::dispatch(Request req, HttpListener::Reply reply) {
  const auto start = std::chrono::steady_clock::now();
  if (!options_.trusted_proxies.empty()) req.remote_addr = client_address(req, options_.trusted_proxies);
  const auto found = routes_.find(req);
  std::string route = found.pattern ? *found.pattern : (is_api(req.path) ? "unmatched" : "static");
  const bool quick = !found.handler || found.quick;
  auto job = [this, req = std::move(req), reply, found, route = std::move(route), start, quick]() mutable {
    auto id = new_request_id();
    Response res = respond(req, found, id);
    auto producer = std::move(res.produce);
    res.produce = nullptr;
    if (producer && quick) {
      // A body written on an I/O thread would wait for that thread to send it.
      spdlog::error("route {} streams its body but runs on the I/O thread", route);
      res = Response{};
      write_error(res, 500, "internal", "internal error; the server log has details under request id " + id, "internal",
                  {{"request_id", id}});
      producer = nullptr;
    }
    if (producer && !admit_stream(res, req.method == "HEAD")) {
      res = Response{};
      res.set_header("Retry-After", "5");
      write_error(res, 503, "unavailable", "too many downloads at once; try again in a moment", "server_busy");
      producer = nullptr;
    }
    auto body = res.stream;
    finish(&req, res, route, id, start);
    reply(std::move(res));
    // HEAD sends the header alone: nothing is read for it.
    if (body && req.method != "HEAD") produce(producer, body, req, id);
  };
  if (quick) return job();
  auto shared = std::make_shared<decltype(job)>(std::move(job));
  if (pool_->try_submit([shared] { (*shared)(); })) return;
  auto id = new_request_id();
  Response busy;
  busy.set_header("Retry-After", "1");
  write_error(busy, 503, "unavailable", "the server is busy; try again in a moment", "server_busy");
  finish(nullptr, busy, "busy", id, start);
  reply(std::move(busy));
}

Response ApiServer::respond(Request& req, const HttpRoutes::Found& found, const std::string& id) {
  Response res;
  const bool read = req.method == "GET" || req.method == "HEAD";
  try {
    if (found.handler) {
      (*found.handler)(req, res);
    } else if (found.other_method) {
      write_error(res, 405, "method_not_allowed", req.method + " is not allowed on " + req.path);
    } else if (read && !is_api(req.path) && files_->serve(req, res)) {
      // a file of the dashboard
    } else if (read && req.path == "/" && !files_->built()) {
      res.set_content("<!doctype html><meta charset=utf-8><title>新质 Xinzhi</title><p>网页界面尚未构建（" +
                          options_.web_root +
                          " 不存在）。请运行 <code>make web</code>。The web dashboard is not built: run make web. "
                          "The API is at <a href=/api/overview>/api/overview</a>.",
                      "text/html; charset=utf-8");
    } else {
      write_error(res, 404, "not_found", "no such " + std::string(is_api(req.path) ? "API route" : "page") + ": " + req.path);
    }
  } catch (const Error& e) {
    res = Response{};
    // InvalidInput, NotFound, Conflict, Forbidden messages are written for the user.
    // Internal and Unavailable ones may carry paths or library text: logged, not sent.
    if (e.code() == ErrorCode::Internal || e.code() == ErrorCode::Unavailable) {
      spdlog::error("{} {} request {} failed: {}", text::printable(req.method), text::printable(req.path), id,
                    text::printable(e.what()));
      write_error(res, http_status(e.code()), std::string(error_code_name(e.code())),
                  "the service cannot answer now; the server log has details under request id " + id,
                  e.code() == ErrorCode::Internal ? "internal" : "service_unavailable", {{"request_id", id}});
    } else {
      if (e.code() == ErrorCode::Unauthenticated) res.set_header("WWW-Authenticate", "Bearer realm=\"xinzhi\"");
      write_error(res, http_status(e.code()), std::string(error_code_name(e.code())), e.what(), e.key(), e.params());
    }
  } catch (const std::exception& e) {
    // Never lets exception text reach the client.
    res = Response{};
    spdlog::error("{} {} request {} failed: {}", text::printable(req.method), text::printable(req.path), id,
                  text::printable(e.what()));
    write_error(res, 500, "internal", "internal error; the server log has details under request id " + id, "internal",
                {{"request_id", id}});
  } catch (...) {
    res = Response{};
    write_error(res, 500, "internal", "internal error");
  }
  return res;
}

void ApiServer::produce(const std::function<void(BodyWriter&)>& producer, const std::shared_ptr<StreamedBody>& body,
                        const Request& req, const std::string& id) {
  try {
    producer(*body);
    body->finish();
  } catch (const std::exception& e) {
    // The header has gone out: the client sees the body cut short, the log says why.
    spdlog::error("{} {} request {}: streamed body cut short: {}", text::printable(req.method), text::printable(req.path),
                  id, text::printable(e.what()));
    body->fail();
  } catch (...) {
    body->fail();
  }
}

// A streamed body holds its worker for as long as the client takes to read it, so that
// slow downloads could hold every worker: at most threads − 1 at once (one worker is always
// left for the other requests); more wait for a 503.
bool ApiServer::admit_stream(Response& res, bool head_only) {
  std::lock_guard lock(streams_mutex_);
  std::erase_if(streams_, [](const std::weak_ptr<StreamedBody>& w) { return w.expired(); });
  const size_t most = std::max<size_t>(1, options_.threads > 1 ? options_.threads - 1 : 1);
  if (!head_only && streams_.size() >= most) return false;
  res.stream = std::make_shared<StreamedBody>();
  if (streams_closed_ || head_only) res.stream->cancel();  // after stop(), or nothing to write
  if (!head_only) streams_.push_back(res.stream);
  return true;
}

void ApiServer::cancel_streams() {
  std::vector<std::shared_ptr<StreamedBody>> live;
  {
    std::lock_guard lock(streams_mutex_);
    streams_closed_ = true;
    for (auto& weak : streams_)
      if (auto body = weak.lock()) live.push_back(std::move(body));
    streams_.clear();
  }
  // Outside the lock: a cancel may drop the last hold on a connection, whose end runs here.
  for (auto& body : live) body->cancel();
}

Response ApiServer::refusal(int status, const char* code, const std::string& message) {
  Response res;
  write_error(res, status, code, message);
  res.close = true;
  finish(nullptr, res, "refused", new_request_id(), std::chrono::steady_clock::now());
  return res;
}

// On every answer: the security headers, the request id, compression, the metrics and the
// request log line.
void ApiServer::finish(const Request* req, Response& res, const std::string& route, const std::string& id,
                       std::chrono::steady_clock::time_point start) {
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Content-Security-Policy", kContentSecurityPolicy);
  res.set_header("X-Request-Id", id);
  if (req && res.body.size() >= kCompressFrom && !res.headers.count("Content-Encoding") && compressible(res)) {
    res.set_header("Vary", "Accept-Encoding");
    if (accepts_gzip(*req)) {
      res.body = gzip_compress(res.body, 1);
      res.set_header("Content-Encoding", "gzip");
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_.record(method_label(req), route, res.status, seconds);
  auto log = log::requests();
  if (!log->should_log(spdlog::level::info)) return;
  // One JSON object per line; the path and method are the client's text, escaped by the
  // JSON encoder (\n, \u001b), so that no forged line or terminal control gets through.
  nlohmann::ordered_json line = {{"time", utc_now_iso()}, {"id", id},
                         {"method", req ? req->method : "-"}, {"path", req ? req->path : "-"},
                         {"route", route}, {"status", res.status},
                         {"ms", std::round(seconds * 1e5) / 100}, {"bytes", res.body.size()},
                         {"remote", req ? req->remote_addr : ""}};
  if (res.stream) line["streamed"] = true;  // its length is known only once it is sent
  log->info(line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

void ApiServer::install_routes() {
  ApiRouter api(routes_, std::make_shared<store::Store>(options_.db_path), options_.auth);
  install_api_routes(api);
  install_chain_routes(api);
  install_foresight_routes(api);
  install_account_routes(api);
  install_scenario_routes(api);
  install_mcda_routes(api);
  install_settings_routes(api);
  install_literature_routes(api);
  install_search_routes(api);
  install_linkage_routes(api);
  install_engineer_routes(api);
  install_transfer_routes(api);
  install_task_routes(api);
  install_nqpf_routes(api);
  api.get("/metrics", [this](const Request&, Response& res) {
    res.set_header("Cache-Control", "no-store");
    res.set_content(metrics_.render(listener_->stats(), *pool_, scheduler_->stats()),
                    "text/plain; version=0.0.4; charset=utf-8");
  });
  api.check_complete();
}

int ApiServer::bind() { return listener_->bind(options_.host, options_.port); }

void ApiServer::run() {
  if (stop_requested_) return;
  scheduler_->start();
  listener_->run();
  cancel_streams();
  scheduler_->stop();
  pool_->shutdown();
}

void ApiServer::stop() {
  // Flags and a byte written to a pipe: safe from a signal handler.
  stop_requested_ = true;
  scheduler_->request_stop();
  listener_->stop();
}

}  // namespace xinzhi::server
