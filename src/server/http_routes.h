// Which handler answers a method and path: literal patterns by hash lookup, the others by
// regular expression (only those whose literal prefix the path starts with are tried).
#pragma once
#include <functional>
#include <memory>
#include <regex>
#include <string>
#include <unordered_map>
#include <vector>

#include "server/http_message.h"

namespace xinzhi::server {

class HttpRoutes {
 public:
  using Handler = std::function<void(const Request&, Response&)>;
  struct Found {
    const Handler* handler = nullptr;  // null: no route for this method and path
    const std::string* pattern = nullptr;
    bool other_method = false;  // the path has a route, under another method (405)
    bool quick = false;         // answered on the I/O thread: no database work beyond a ping
  };

  // `quick` routes run on the I/O thread; the rest on the worker pool.
  void add(const std::string& method, const std::string& pattern, Handler handler, bool quick = false);
  // Fills req.matches with the path and the pattern's groups when found.
  Found find(Request& req) const;

 private:
  struct Route {
    std::string method, pattern, prefix;
    std::shared_ptr<const std::regex> re;  // shared by every route table with the pattern
    bool literal, quick;
    Handler handler;
  };
  std::vector<Route> routes_;
  std::unordered_map<std::string, size_t> literal_;  // "GET /api/health" → index
};

}  // namespace xinzhi::server
