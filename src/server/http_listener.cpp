#include "server/http_listener.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

// Boost 1.74's asio/awaitable.hpp uses std::exchange without including <utility>.
#include <limits>
#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <thread>
#include <vector>

#include "base/error.h"
#include "base/log.h"
#include "base/text.h"
#include "server/streamed_body.h"

namespace xinzhi::server {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using boost::system::error_code;

namespace {

constexpr size_t kLingerBytes = 1 << 20;  // read and dropped after a refusal, at most
constexpr std::chrono::milliseconds kLingerTime{1000};
constexpr std::chrono::milliseconds kDrainTime{5000};  // for handlers running at stop()

// One client connection. Every step runs on the connection's strand; the handler's answer
// is posted back to it from whichever thread computed it.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, const HttpLimits& limits, const HttpListener::Hooks& hooks,
             std::shared_ptr<ConnectionStats> stats)
      : stream_(std::move(socket)), limits_(limits), hooks_(hooks), stats_(std::move(stats)) {
    error_code ec;
    auto remote = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_addr_ = remote.address().to_string();
    auto local = stream_.socket().local_endpoint(ec);
    if (!ec) local_port_ = local.port();
    stream_.socket().set_option(tcp::no_delay(true), ec);  // small answers on kept-alive connections
    ++stats_->open;
  }
  ~Connection() {
    if (body_) body_->cancel();  // its writer, if still writing, stops
    --stats_->open;
  }

  void start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->await_request(); });
  }

 private:
  void await_request() {
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(limits_.max_header_bytes));
    // No body limit while the header is read: Beast would fail the header itself on a
    // Content-Length over the limit, before `screen` can answer it with its 413 or 415. The
    // largest number, not boost::none: Boost 1.74 compares the length with the optional, and
    // every length is greater than none.
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    if (buffer_.size() > 0) return read_header();  // a pipelined request is already here
    stream_.expires_after(limits_.idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096), [self = shared_from_this()](error_code ec, size_t n) {
      if (ec) {
        if (ec == beast::error::timeout) ++self->stats_->idle_timeouts;
        return;
      }
      self->buffer_.commit(n);
      self->read_header();
    });
  }

  void read_header() {
    stream_.expires_after(limits_.header_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](error_code ec, size_t) { self->on_header(ec); });
  }

  void on_header(error_code ec) {
    keep_alive_ = false;
    if (ec == http::error::header_limit)
      return refuse(431, "header_too_large",
                    "the request header exceeds " + std::to_string(limits_.max_header_bytes) + " bytes");
    if (ec == beast::error::timeout) {
      ++stats_->header_timeouts;  // the stream has closed the socket
      return;
    }
    if (ec == http::error::body_limit)
      return refuse(413, "payload_too_large", "request body exceeds " + std::to_string(limits_.max_body_bytes) + " bytes");
    if (ec == http::error::end_of_stream || ec == net::error::eof || ec == net::error::connection_reset) return;
    if (ec) return refuse(400, "bad_request", "the request is not valid HTTP/1.1");
    const auto& head = parser_->get();
    if (static_cast<size_t>(std::distance(head.begin(), head.end())) > limits_.max_header_fields)
      return refuse(431, "header_too_large",
                    "the request has more than " + std::to_string(limits_.max_header_fields) + " header fields");
    if (head.target().size() > limits_.max_target_bytes)
      return refuse(414, "uri_too_long", "the request target exceeds " + std::to_string(limits_.max_target_bytes) + " bytes");

    req_ = Request{};
    req_.method = std::string(head.method_string());
    req_.target = std::string(head.target());
    split_target(req_.target, req_.path, req_.params);
    for (const auto& field : head) req_.headers.emplace(std::string(field.name_string()), std::string(field.value()));
    req_.remote_addr = remote_addr_;
    req_.local_port = local_port_;
    req_.keep_alive = head.keep_alive();
    version_ = head.version();
    keep_alive_ = req_.keep_alive;

    if (auto refusal = hooks_.screen(req_)) {
      refusal->close = true;  // its body, if any, stays unread
      return write(std::move(*refusal));
    }
    if (parser_->is_done()) return dispatch();
    if (beast::iequals(head[http::field::expect], "100-continue")) {
      static const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      stream_.expires_after(limits_.write_timeout);
      return net::async_write(stream_, net::buffer(kContinue), [self = shared_from_this()](error_code ec, size_t) {
        if (!ec) self->read_body();
      });
    }
    read_body();
  }

  void read_body() {
    parser_->body_limit(limits_.max_body_bytes);  // chunked bodies too, enforced while reading
    stream_.expires_after(limits_.body_timeout);
    http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](error_code ec, size_t) {
      if (ec == http::error::body_limit)
        return self->refuse(413, "payload_too_large",
                            "request body exceeds " + std::to_string(self->limits_.max_body_bytes) + " bytes");
      if (ec == beast::error::timeout) {
        ++self->stats_->body_timeouts;
        return;
      }
      if (ec) return self->refuse(400, "bad_request", "the request body is malformed or cut short");
      self->req_.body = std::move(self->parser_->get().body());
      self->dispatch();
    });
  }

  void dispatch() {
    stream_.expires_never();  // the handler's time is not the client's
    head_request_ = req_.method == "HEAD";
    auto self = shared_from_this();
    hooks_.dispatch(std::move(req_), [self](Response r) {
      net::post(self->stream_.get_executor(), [self, r = std::move(r)]() mutable { self->write(std::move(r)); });
    });
  }

  void refuse(int status, const char* code, const std::string& message) {
    keep_alive_ = false;
    Response r = hooks_.refusal(status, code, message);
    r.close = true;
    write(std::move(r));
  }

  void write(Response r) {
    if (r.stream) return write_streamed(std::move(r));
    res_.emplace();
    res_->version(version_ == 10 ? 10 : 11);
    res_->result(static_cast<unsigned>(r.status));
    res_->reason(status_reason(r.status));
    for (const auto& [name, value] : r.headers) res_->insert(name, value);
    const bool keep = keep_alive_ && !r.close;
    res_->keep_alive(keep);
    if (head_request_) {
      res_->content_length(r.body.size());  // what a GET would send, with no body
    } else {
      res_->body() = std::move(r.body);
      res_->prepare_payload();
    }
    head_request_ = false;
    stream_.expires_after(limits_.write_timeout);
    http::async_write(stream_, *res_, [self = shared_from_this(), keep](error_code ec, size_t) {
      self->res_.reset();
      if (ec) {
        if (ec == beast::error::timeout) ++self->stats_->write_timeouts;
        return;
      }
      if (keep) return self->await_request();
      self->linger_close();
    });
  }

  // A streamed body: the header with Transfer-Encoding: chunked, then each piece the writer
  // hands over as one chunk, each write under the write deadline; HTTP/1.0 clients get the
  // bytes as they are and the end of the connection as the end of the body. A client that
  // stops reading times out and cancels the writer; a writer that fails cuts the body short
  // (no last chunk), so that the client cannot take a partial body for a whole one.
  void write_streamed(Response r) {
    body_ = std::move(r.stream);
    head_.emplace();
    head_->version(version_ == 10 ? 10 : 11);
    head_->result(static_cast<unsigned>(r.status));
    head_->reason(status_reason(r.status));
    for (const auto& [name, value] : r.headers) head_->insert(name, value);
    chunked_ = version_ != 10;
    stream_keep_ = keep_alive_ && !r.close && chunked_;
    head_->keep_alive(stream_keep_);
    if (chunked_) head_->chunked(true);
    const bool head_only = head_request_;
    head_request_ = false;
    if (head_only) body_->cancel();  // what a GET would send, with no body
    serializer_.emplace(*head_);
    stream_.expires_after(limits_.write_timeout);
    http::async_write_header(stream_, *serializer_, [self = shared_from_this(), head_only](error_code ec, size_t) {
      if (ec) return self->stream_broken(ec);
      if (head_only) return self->stream_done();
      self->pump();
    });
  }

  void pump() {
    auto self = shared_from_this();
    auto state = body_->take(chunk_, [self] { net::post(self->stream_.get_executor(), [self] { self->pump(); }); });
    if (state == StreamedBody::Take::Wait) return;
    if (state == StreamedBody::Take::Failed) return stream_broken({});
    auto next = [self](error_code ec, size_t) {
      if (ec) return self->stream_broken(ec);
      self->pump();
    };
    stream_.expires_after(limits_.write_timeout);
    if (state == StreamedBody::Take::End) {
      if (!chunked_) return stream_done();
      return net::async_write(stream_, http::make_chunk_last(), [self](error_code ec, size_t) {
        if (ec) return self->stream_broken(ec);
        self->stream_done();
      });
    }
    if (chunked_) return net::async_write(stream_, http::make_chunk(net::buffer(chunk_)), next);
    net::async_write(stream_, net::buffer(chunk_), next);
  }

  void stream_done() {
    body_.reset();
    serializer_.reset();
    head_.reset();
    chunk_.clear();
    if (stream_keep_) return await_request();
    linger_close();
  }

  void stream_broken(error_code ec) {
    if (ec == beast::error::timeout) ++stats_->write_timeouts;
    if (body_) body_->cancel();
    body_.reset();
    error_code ignored;
    // Without chunks (HTTP/1.0) an orderly close would read as the end of a whole body: a
    // reset says it was cut short.
    if (!chunked_) stream_.socket().set_option(net::socket_base::linger(true, 0), ignored);
    stream_.socket().close(ignored);
  }

  // After a refusal the client may still be sending the body we did not read; closing at
  // once would reset the connection and could destroy the answer before the client reads
  // it. So: stop sending, read and drop a bounded amount for a moment, then close.
  void linger_close() {
    error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return;
    buffer_.clear();
    stream_.expires_after(kLingerTime);
    drain();
  }
  void drain() {
    if (!scratch_) scratch_ = std::make_unique<std::array<char, 8192>>();
    stream_.async_read_some(net::buffer(*scratch_), [self = shared_from_this()](error_code ec, size_t n) {
      self->drained_ += n;
      if (!ec && self->drained_ < kLingerBytes) return self->drain();
      error_code ignored;
      self->stream_.socket().close(ignored);
    });
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  const HttpLimits& limits_;
  const HttpListener::Hooks& hooks_;
  std::shared_ptr<ConnectionStats> stats_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::response<http::string_body>> res_;
  std::shared_ptr<StreamedBody> body_;  // a streamed answer being sent
  std::optional<http::response<http::empty_body>> head_;
  std::optional<http::response_serializer<http::empty_body>> serializer_;
  std::string chunk_;
  bool chunked_ = true, stream_keep_ = false;
  Request req_;
  std::string remote_addr_;
  int local_port_ = 0;
  unsigned version_ = 11;
  bool keep_alive_ = false, head_request_ = false;
  std::unique_ptr<std::array<char, 8192>> scratch_;
  size_t drained_ = 0;
};

// A server holding a thousand idle connections needs a thousand descriptors: the soft
// limit (often 1,024) is raised to the hard one.
void raise_descriptor_limit() {
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
    lim.rlim_cur = lim.rlim_max;
    setrlimit(RLIMIT_NOFILE, &lim);
  }
}

}  // namespace

class HttpListener::Impl {
 public:
  Impl(HttpLimits limits, Hooks hooks, std::shared_ptr<ConnectionStats> stats)
      : limits_(std::move(limits)),
        hooks_(std::move(hooks)),
        stats_(std::move(stats)),
        acceptor_(net::make_strand(ioc_)),
        wake_(ioc_),
        drain_timer_(ioc_) {
    if (pipe2(pipe_, O_CLOEXEC | O_NONBLOCK) != 0) fail(ErrorCode::Internal, "cannot create the stop pipe");
    wake_.assign(dup(pipe_[0]));
  }
  ~Impl() {
    close(pipe_[0]);
    close(pipe_[1]);
  }

  int bind(const std::string& host, int port) {
    raise_descriptor_limit();
    error_code ec;
    auto address = net::ip::make_address(host, ec);
    if (ec) {
      tcp::resolver resolver(ioc_);
      auto found = resolver.resolve(host, std::to_string(port), ec);
      if (ec || found.empty()) fail(ErrorCode::Unavailable, "cannot resolve " + host);
      address = found.begin()->endpoint().address();
    }
    tcp::endpoint at(address, static_cast<uint16_t>(port));
    acceptor_.open(at.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(at, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      std::string where = host;
      where.append(":").append(std::to_string(port)).append(" (in use? try --port)");
      fail(ErrorCode::Unavailable, "cannot listen on " + where);
    }
    return acceptor_.local_endpoint().port();
  }

  void run() {
    if (stopping_) return;
    net::post(acceptor_.get_executor(), [this] { accept(); });
    wake_.async_read_some(net::buffer(wake_byte_), [this](error_code, size_t) {
      // No new connections; the answers being computed are still written, for at most
      // kDrainTime, then everything stops.
      net::post(acceptor_.get_executor(), [this] {
        error_code ignored;
        acceptor_.close(ignored);
      });
      drain_deadline_ = std::chrono::steady_clock::now() + kDrainTime;
      drain();
    });
    std::vector<std::thread> more;
    for (size_t i = 1; i < limits_.io_threads; ++i) more.emplace_back([this] { serve(); });
    serve();
    for (auto& t : more) t.join();
  }

  void stop() {
    stopping_ = true;
    char b = 1;
    [[maybe_unused]] auto n = write(pipe_[1], &b, 1);
  }

 private:
  void serve() {
    for (;;) {
      try {
        ioc_.run();
        return;
      } catch (const std::exception& e) {
        spdlog::error("HTTP I/O thread: {}", text::printable(e.what()));
      }
    }
  }

  void drain() {
    if ((!hooks_.busy || !hooks_.busy()) || std::chrono::steady_clock::now() >= drain_deadline_) {
      // One more turn for replies posted just before the pool went idle.
      net::post(ioc_, [this] { ioc_.stop(); });
      return;
    }
    drain_timer_.expires_after(std::chrono::milliseconds(10));
    drain_timer_.async_wait([this](error_code) { drain(); });
  }

  void accept() {
    acceptor_.async_accept(net::make_strand(ioc_), [this](error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
      if (ec) {
        // Out of descriptors (EMFILE) or memory: pause instead of spinning on the error.
        spdlog::warn("accept failed: {}", ec.message());
        auto timer = std::make_shared<net::steady_timer>(ioc_, std::chrono::milliseconds(100));
        timer->async_wait([this, timer](error_code) { accept(); });
        return;
      }
      ++stats_->accepted;
      if (static_cast<size_t>(stats_->open.load()) >= limits_.max_connections) {
        ++stats_->refused;
        error_code ignored;
        socket.close(ignored);
      } else {
        std::make_shared<Connection>(std::move(socket), limits_, hooks_, stats_)->start();
      }
      accept();
    });
  }

  HttpLimits limits_;
  Hooks hooks_;
  std::shared_ptr<ConnectionStats> stats_;
  net::io_context ioc_;
  tcp::acceptor acceptor_;
  net::posix::stream_descriptor wake_;
  net::steady_timer drain_timer_;
  std::chrono::steady_clock::time_point drain_deadline_;
  int pipe_[2] = {-1, -1};
  char wake_byte_[1] = {0};
  std::atomic<bool> stopping_{false};
};

HttpListener::HttpListener(HttpLimits limits, Hooks hooks)
    : stats_(std::make_shared<ConnectionStats>()),
      impl_(std::make_unique<Impl>(std::move(limits), std::move(hooks), stats_)) {}
HttpListener::~HttpListener() = default;
int HttpListener::bind(const std::string& host, int port) { return impl_->bind(host, port); }
void HttpListener::run() { impl_->run(); }
void HttpListener::stop() { impl_->stop(); }

}  // namespace xinzhi::server
