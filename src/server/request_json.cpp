#include "server/request_json.h"

#include "base/error.h"
#include "base/text.h"

namespace xinzhi::server {

nlohmann::json parse_json_body(const Request& req) {
  auto type = req.get_header_value("Content-Type");
  if (!type.empty() && type.rfind("application/json", 0) != 0)
    fail_keyed(ErrorCode::InvalidInput, "content_type", {{"type", type}}, "Content-Type is '" + type + "', expected application/json");
  try {
    return nlohmann::json::parse(req.body);
  } catch (const nlohmann::json::parse_error& e) {
    fail_keyed(ErrorCode::InvalidInput, "body_not_json", {{"byte", std::to_string(e.byte)}},
               "request body is not valid JSON (at byte " + std::to_string(e.byte) + ")");
  } catch (const nlohmann::json::exception&) {
    // out_of_range 406: a number such as 1e999999 that no double holds.
    fail_keyed(ErrorCode::InvalidInput, "number_too_large", {}, "request body holds a number too large to read");
  }
}

std::string string_field(const nlohmann::json& body, const std::string& field, size_t max_bytes) {
  if (!body.is_object()) fail_keyed(ErrorCode::InvalidInput, "body_not_object", {}, "request body must be a JSON object");
  if (!body.contains(field))
    fail_keyed(ErrorCode::InvalidInput, "field_missing", {{"field", field}}, "field '" + field + "' is missing");
  if (!body[field].is_string())
    wrong_field_type(field, "string", "field '" + field + "' must be a string");
  auto s = body[field].get<std::string>();
  if (!text::is_valid_utf8(s))
    fail_keyed(ErrorCode::InvalidInput, "field_not_utf8", {{"field", field}}, "field '" + field + "' is not valid UTF-8");
  if (s.size() > max_bytes)
    fail_keyed(ErrorCode::InvalidInput, "field_too_long", {{"field", field}, {"max", std::to_string(max_bytes)}},
               "field '" + field + "' is longer than " + std::to_string(max_bytes) + " bytes");
  return s;
}

int int_field(const nlohmann::json& body, const std::string& field, int fallback, int lo, int hi) {
  if (!body.is_object() || !body.contains(field)) return fallback;
  if (!body[field].is_number_integer()) wrong_field_type(field, "integer", "field '" + field + "' must be an integer");
  auto v = body[field].get<int64_t>();
  if (v < lo || v > hi)
    fail_keyed(ErrorCode::InvalidInput, "field_range",
               {{"field", field}, {"value", std::to_string(v)}, {"min", std::to_string(lo)}, {"max", std::to_string(hi)}},
               "field '" + field + "' is " + std::to_string(v) + ", expected " + std::to_string(lo) + " to " +
                   std::to_string(hi));
  return static_cast<int>(v);
}

double number_param(const Request& req, const std::string& name, double fallback, double lo, double hi) {
  if (!req.has_param(name.c_str())) return fallback;
  auto raw = req.get_param_value(name.c_str());
  char* end = nullptr;
  double v = std::strtod(raw.c_str(), &end);
  if (raw.empty() || *end != '\0' || !(v >= lo && v <= hi)) {
    // Bounds in their shortest form: "1800", not "1800.000000".
    auto min = text::number(lo), max = text::number(hi);
    std::string message = "query parameter '";
    message.append(name).append("' is '").append(raw).append("', expected a number from ").append(min).append(" to ").append(max);
    fail_keyed(ErrorCode::InvalidInput, "param_number", {{"param", name}, {"value", raw}, {"min", min}, {"max", max}}, message);
  }
  return v;
}

std::string string_param(const Request& req, const std::string& name, const std::string& fallback) {
  if (!req.has_param(name.c_str())) return fallback;
  auto s = req.get_param_value(name.c_str());
  if (!text::is_valid_utf8(s) || s.size() > 1000)
    fail_keyed(ErrorCode::InvalidInput, "param_invalid", {{"param", name}}, "query parameter '" + name + "' is not a valid name");
  return s;
}

void wrong_field_type(const std::string& field, const std::string& type, const std::string& message) {
  fail_keyed(ErrorCode::InvalidInput, "field_type", {{"field", field}, {"type", type}}, message);
}

void missing_param(const std::string& name) {
  fail_keyed(ErrorCode::InvalidInput, "param_missing", {{"param", name}}, "query parameter '" + name + "' is missing");
}

std::string string_or_empty(const nlohmann::json& body, const std::string& field, size_t max_bytes) {
  return body.contains(field) ? string_field(body, field, max_bytes) : std::string();
}

int64_t path_id(const Request& req, const std::string& missing_key) {
  const std::string s = req.matches[1];
  if (s.empty() || s.size() > 15) fail_keyed(ErrorCode::NotFound, missing_key, {{"id", s}}, "no record " + s);
  return std::stoll(s);
}

}  // namespace xinzhi::server
