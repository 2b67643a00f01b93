// Writing JSON bodies and the one error shape {"error":{"code":…,"message":…[,"key":…,"params":{…}]}}.
#pragma once
#include "server/http_message.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/json_writer.h"

namespace xinzhi::server {

inline void write_json(Response& res, const nlohmann::json& body, int status = 200) {
  res.status = status;
  // Invalid UTF-8 from data is replaced rather than thrown on: a response must always go out.
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json; charset=utf-8");
}

// A body already serialised (by JsonWriter, for large results).
inline void write_json_text(Response& res, std::string body, int status = 200) {
  res.status = status;
  res.set_content(std::move(body), "application/json; charset=utf-8");
}

// {"<key>": [each item by its module's write_json]}: found by argument-dependent lookup, so
// accounts, scenarios and the rest each bring their own.
template <class T>
void write_json_list(Response& res, const char* key, const std::vector<T>& items) {
  JsonWriter w;
  w.begin_object().key(key).begin_array();
  for (const auto& x : items) write_json(w, x);
  write_json_text(res, w.end_array().end_object().take());
}

// key and params, when the error has them, let the dashboard show the message in Chinese.
inline void write_error(Response& res, int status, const std::string& code, const std::string& message,
                        const std::string& key = "", const ErrorParams& params = {}) {
  nlohmann::json error = {{"code", code}, {"message", message}};
  if (!key.empty()) {
    nlohmann::json p = nlohmann::json::object();
    for (const auto& [k, v] : params) p[k] = v;
    error["key"] = key;
    error["params"] = p;
  }
  write_json(res, {{"error", error}}, status);
}

}  // namespace xinzhi::server
