// What a handler reads and writes: one HTTP request (path decoded, query parsed, headers
// looked up case-insensitively) and the response it fills. Independent of the socket layer.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace xinzhi::server {

class BodyWriter;
class StreamedBody;

// Header names compare case-insensitively (RFC 9110 §5.1).
struct HeaderNameLess {
  bool operator()(const std::string& a, const std::string& b) const;
};
using Headers = std::multimap<std::string, std::string, HeaderNameLess>;

struct Request {
  std::string method;  // "GET"
  std::string target;  // as sent: "/api/x?y=1"
  std::string path;    // percent-decoded path without the query
  std::multimap<std::string, std::string> params;  // query parameters, decoded
  Headers headers;
  std::string body;
  std::vector<std::string> matches;  // [0] the path, [1..] the route pattern's groups
  std::string remote_addr;
  int local_port = 0;
  bool keep_alive = true;

  bool has_header(const std::string& name) const { return headers.count(name) > 0; }
  std::string get_header_value(const std::string& name) const;
  bool has_param(const std::string& name) const { return params.count(name) > 0; }
  std::string get_param_value(const std::string& name) const;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  bool close = false;  // end the connection after this response (its request body was left unread)
  // A body too large to build in memory: set by a handler instead of `body`, run on the worker
  // after the status and header have gone out, written in chunks as the client takes them.
  // Every check that could refuse the request belongs in the handler, before it sets this: a
  // producer that throws can only cut the body short.
  std::function<void(BodyWriter&)> produce;
  std::shared_ptr<StreamedBody> stream;  // set by the dispatcher for `produce`; sent by the listener

  void set_header(const std::string& name, const std::string& value);
  std::string get_header_value(const std::string& name) const;
  void set_content(std::string content, const std::string& content_type);
};

// "%e4%b8%ad" → "中"; `plus_is_space` for query strings. Malformed escapes stay as written.
std::string percent_decode(std::string_view s, bool plus_is_space);
// Splits a request target into its decoded path and parameters.
void split_target(std::string_view target, std::string& path, std::multimap<std::string, std::string>& params);
// The reason phrase for a status ("Not Found").
std::string_view status_reason(int status);

}  // namespace xinzhi::server
