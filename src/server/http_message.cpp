#include "server/http_message.h"

#include <strings.h>

namespace xinzhi::server {

bool HeaderNameLess::operator()(const std::string& a, const std::string& b) const {
  return strcasecmp(a.c_str(), b.c_str()) < 0;
}

std::string Request::get_header_value(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

std::string Request::get_param_value(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? "" : it->second;
}

void Response::set_header(const std::string& name, const std::string& value) {
  // Set-Cookie may repeat; every other header is replaced.
  if (strcasecmp(name.c_str(), "Set-Cookie") != 0) headers.erase(name);
  headers.emplace(name, value);
}

std::string Response::get_header_value(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

void Response::set_content(std::string content, const std::string& content_type) {
  body = std::move(content);
  set_header("Content-Type", content_type);
}

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string percent_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%' && i + 2 < s.size()) {
      int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += (plus_is_space && c == '+') ? ' ' : c;
  }
  return out;
}

void split_target(std::string_view target, std::string& path, std::multimap<std::string, std::string>& params) {
  auto q = target.find('?');
  path = percent_decode(target.substr(0, q), false);
  if (q == std::string_view::npos) return;
  auto query = target.substr(q + 1);
  size_t at = 0;
  while (at <= query.size()) {
    auto end = query.find('&', at);
    if (end == std::string_view::npos) end = query.size();
    auto part = query.substr(at, end - at);
    if (!part.empty()) {
      auto eq = part.find('=');
      params.emplace(percent_decode(part.substr(0, eq), true),
                     eq == std::string_view::npos ? "" : percent_decode(part.substr(eq + 1), true));
    }
    at = end + 1;
  }
}

std::string_view status_reason(int status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    default: return "Unknown";
  }
}

}  // namespace xinzhi::server
