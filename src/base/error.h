// xinzhi::Error: the one exception type, carrying a code that each door maps to
// an HTTP status or a CLI exit code, and a message a user can act on.
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xinzhi {

// Unauthenticated: no valid session or token (401); TooManyRequests: throttled logins (429).
enum class ErrorCode { InvalidInput, NotFound, Conflict, Forbidden, Unauthenticated, TooManyRequests, Unavailable, Internal };

// Named values an error message is built from, in order ({"field", "title"}, {"max", "200"}).
using ErrorParams = std::vector<std::pair<std::string, std::string>>;

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  // With a key ("field_missing") and its params, so that the dashboard can say it in the
  // user's language; the message stays the English text for logs, the CLI and the API.
  Error(ErrorCode code, const std::string& message, std::string key, ErrorParams params)
      : std::runtime_error(message), code_(code), key_(std::move(key)), params_(std::move(params)) {}
  ErrorCode code() const { return code_; }
  const std::string& key() const { return key_; }  // "" when the message has no translation
  const ErrorParams& params() const { return params_; }

 private:
  ErrorCode code_;
  std::string key_;
  ErrorParams params_;
};

// Stable lower-case name used in JSON error bodies ("invalid_input", ...).
std::string_view error_code_name(ErrorCode code);
// HTTP status for a code: 400/404/409/403/401/429/503/500.
int http_status(ErrorCode code);
// CLI exit code: 2 for bad input (the user can fix it), 1 otherwise.
int exit_code(ErrorCode code);

[[noreturn]] inline void fail(ErrorCode code, const std::string& message) { throw Error(code, message); }
[[noreturn]] inline void invalid_input(const std::string& message) { fail(ErrorCode::InvalidInput, message); }
[[noreturn]] inline void not_found(const std::string& message) { fail(ErrorCode::NotFound, message); }
// An error the dashboard translates: key names the template, params fill it.
[[noreturn]] inline void fail_keyed(ErrorCode code, std::string key, ErrorParams params, const std::string& message) {
  throw Error(code, message, std::move(key), std::move(params));
}

}  // namespace xinzhi
