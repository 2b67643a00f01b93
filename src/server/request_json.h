// Reading JSON request bodies and query parameters with errors that name the field.
#pragma once
#include "server/http_message.h"

#include <nlohmann/json.hpp>
#include <string>

namespace xinzhi::server {

// The body as JSON; a wrong Content-Type or malformed JSON is InvalidInput (400).
nlohmann::json parse_json_body(const Request& req);
// A string field of a JSON object: present, a string, valid UTF-8, at most max_bytes.
std::string string_field(const nlohmann::json& body, const std::string& field, size_t max_bytes = 1000);
// The numeric id a route's pattern captured (req.matches[1]): more digits than any id has is
// no record (404 keyed `missing_key`), not an overflow (500).
int64_t path_id(const Request& req, const std::string& missing_key = "record_not_found");
// An optional string field: "" when the body does not have it.
std::string string_or_empty(const nlohmann::json& body, const std::string& field, size_t max_bytes);
// An integer field in [lo, hi], or `fallback` when absent.
int int_field(const nlohmann::json& body, const std::string& field, int fallback, int lo, int hi);
// A query parameter as a number in [lo, hi], or `fallback` when absent.
double number_param(const Request& req, const std::string& name, double fallback, double lo, double hi);
std::string string_param(const Request& req, const std::string& name, const std::string& fallback = "");
// InvalidInput keyed field_type: the dashboard names the field and the type it expects
// ("string", "integer", "number", "array", "object"); `message` is the English text.
[[noreturn]] void wrong_field_type(const std::string& field, const std::string& type, const std::string& message);
// InvalidInput keyed param_missing: a required query parameter is absent.
[[noreturn]] void missing_param(const std::string& name);

}  // namespace xinzhi::server
