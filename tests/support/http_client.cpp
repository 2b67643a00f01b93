#include "support/http_client.h"

// Boost 1.74's asio/awaitable.hpp uses std::exchange without including <utility>.
#include <limits>
#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace xinzhi::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

std::string HttpResponse::get_header_value(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

HttpResult HttpClient::send(const std::string& method, const std::string& path, const Headers& headers,
                            const std::string& body, const std::string& content_type) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  http::request<http::string_body> req(http::string_to_verb(method), path, 11);
  req.set(http::field::host, host_ + ":" + std::to_string(port_));
  req.keep_alive(false);
  if (!bearer_.empty()) req.set(http::field::authorization, "Bearer " + bearer_);
  for (const auto& [name, value] : headers) req.insert(name, value);
  if (!content_type.empty()) req.set(http::field::content_type, content_type);
  if (!body.empty() || method == "POST" || method == "PATCH") {
    req.body() = body;
    req.prepare_payload();
  }
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());  // not boost::none: see http_listener.cpp
  bool ok = false;
  stream.expires_after(timeout_);
  tcp::endpoint at(net::ip::make_address(host_), static_cast<uint16_t>(port_));
  stream.async_connect(at, [&](beast::error_code ec) {
    if (ec) return;
    http::async_write(stream, req, [&](beast::error_code ec, size_t) {
      if (ec) return;
      http::async_read(stream, buffer, parser, [&](beast::error_code ec, size_t) { ok = !ec; });
    });
  });
  ioc.run();
  if (!ok) return {};
  HttpResponse r;
  const auto& res = parser.get();
  r.status = static_cast<int>(res.result_int());
  r.body = res.body();
  for (const auto& field : res) r.headers.emplace(std::string(field.name_string()), std::string(field.value()));
  return HttpResult(std::move(r));
}

}  // namespace xinzhi::testing
