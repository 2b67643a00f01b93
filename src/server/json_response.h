// Writing JSON bodies and the one error shape {"error":{"code":…,"message":…}}.
#pragma once
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

namespace xinzhi::server {

inline void write_json(httplib::Response& res, const nlohmann::json& body, int status = 200) {
  res.status = status;
  // Invalid UTF-8 from data is replaced rather than thrown on: a response must always go out.
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json; charset=utf-8");
}

// A body already serialised (by JsonWriter, for large results).
inline void write_json_text(httplib::Response& res, std::string body, int status = 200) {
  res.status = status;
  res.set_content(std::move(body), "application/json; charset=utf-8");
}

inline void write_error(httplib::Response& res, int status, const std::string& code, const std::string& message) {
  write_json(res, {{"error", {{"code", code}, {"message", message}}}}, status);
}

}  // namespace xinzhi::server
