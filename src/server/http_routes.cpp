#include "server/http_routes.h"

#include <map>
#include <mutex>

#include "base/error.h"

namespace xinzhi::server {

namespace {
// The part of a pattern before its first regular-expression character: a path that does
// not start with it cannot match, so most patterns are skipped without running the regex.
std::string literal_prefix(const std::string& pattern, bool& whole) {
  static const std::string special = "\\^$.|?*+()[]{}";
  auto at = pattern.find_first_of(special);
  whole = at == std::string::npos;
  return pattern.substr(0, at);
}

// A pattern compiled once per process: every server (and every test that builds one) shares
// it, since compiling the route table's expressions was most of what starting a server cost.
std::shared_ptr<const std::regex> compiled(const std::string& pattern) {
  static std::mutex lock;
  static std::map<std::string, std::shared_ptr<const std::regex>> cache;
  std::lock_guard<std::mutex> hold(lock);
  auto& re = cache[pattern];
  if (!re) re = std::make_shared<const std::regex>(pattern);
  return re;
}
}  // namespace

void HttpRoutes::add(const std::string& method, const std::string& pattern, Handler handler, bool quick) {
  Route r{method, pattern, "", nullptr, false, quick, std::move(handler)};
  r.prefix = literal_prefix(pattern, r.literal);
  if (!r.literal) r.re = compiled(pattern);
  std::string key = method;
  key.append(" ").append(pattern);
  if (r.literal && !literal_.emplace(key, routes_.size()).second) fail(ErrorCode::Internal, key + " is added twice");
  routes_.push_back(std::move(r));
}

HttpRoutes::Found HttpRoutes::find(Request& req) const {
  Found found;
  const std::string method = req.method == "HEAD" ? "GET" : req.method;
  std::string key = method;
  key.append(" ").append(req.path);
  if (auto it = literal_.find(key); it != literal_.end()) {
    const Route& r = routes_[it->second];
    req.matches = {req.path};
    return {&r.handler, &r.pattern, false, r.quick};
  }
  std::smatch m;
  for (const Route& r : routes_) {
    if (req.path.compare(0, r.prefix.size(), r.prefix) != 0) continue;
    bool hit = r.literal ? req.path == r.pattern : std::regex_match(req.path, m, *r.re);
    if (!hit) continue;
    if (r.method != method) {
      found.other_method = true;
      continue;
    }
    req.matches.clear();
    if (r.literal) req.matches.push_back(req.path);
    else
      for (const auto& group : m) req.matches.push_back(group.str());
    return {&r.handler, &r.pattern, false, r.quick};
  }
  return found;
}

}  // namespace xinzhi::server
