// A small HTTP/1.1 client for the server tests (Boost.Beast, one connection per request,
// a deadline on the whole exchange). Its calls read like cpp-httplib's, which the tests
// used before the server moved to Beast.
#pragma once
#include <chrono>
#include <optional>
#include <string>

#include "server/http_message.h"

namespace xinzhi::testing {

using Headers = server::Headers;

struct HttpResponse {
  int status = 0;
  std::string body;
  Headers headers;
  std::string get_header_value(const std::string& name) const;
  bool has_header(const std::string& name) const { return headers.count(name) > 0; }
};

// Empty when the exchange failed (refused, reset, timed out).
class HttpResult {
 public:
  HttpResult() = default;
  explicit HttpResult(HttpResponse r) : response_(std::move(r)) {}
  explicit operator bool() const { return response_.has_value(); }
  const HttpResponse* operator->() const { return &*response_; }
  const HttpResponse& operator*() const { return *response_; }

 private:
  std::optional<HttpResponse> response_;
};

class HttpClient {
 public:
  HttpClient(std::string host, int port) : host_(std::move(host)), port_(port) {}
  void set_read_timeout(int seconds, int microseconds = 0) {
    timeout_ = std::chrono::seconds(seconds) + std::chrono::microseconds(microseconds);
  }
  void set_bearer_token_auth(const std::string& token) { bearer_ = token; }

  HttpResult Get(const std::string& path, const Headers& headers = {}) { return send("GET", path, headers, "", ""); }
  HttpResult Post(const std::string& path, const std::string& body, const std::string& type) {
    return send("POST", path, {}, body, type);
  }
  HttpResult Post(const std::string& path, const Headers& headers, const std::string& body, const std::string& type) {
    return send("POST", path, headers, body, type);
  }
  HttpResult Patch(const std::string& path, const Headers& headers, const std::string& body, const std::string& type) {
    return send("PATCH", path, headers, body, type);
  }
  HttpResult Delete(const std::string& path, const Headers& headers = {}) { return send("DELETE", path, headers, "", ""); }
  HttpResult send(const std::string& method, const std::string& path, const Headers& headers, const std::string& body,
                  const std::string& content_type);

 private:
  std::string host_;
  int port_;
  std::string bearer_;
  std::chrono::microseconds timeout_ = std::chrono::seconds(10);
};

}  // namespace xinzhi::testing
