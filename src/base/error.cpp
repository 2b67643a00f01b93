#include "base/error.h"

namespace xinzhi {

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidInput: return "invalid_input";
    case ErrorCode::NotFound: return "not_found";
    case ErrorCode::Conflict: return "conflict";
    case ErrorCode::Forbidden: return "forbidden";
    case ErrorCode::Unauthenticated: return "unauthenticated";
    case ErrorCode::TooManyRequests: return "too_many_requests";
    case ErrorCode::Unavailable: return "unavailable";
    case ErrorCode::Internal: return "internal";
  }
  return "internal";
}

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidInput: return 400;
    case ErrorCode::NotFound: return 404;
    case ErrorCode::Conflict: return 409;
    case ErrorCode::Forbidden: return 403;
    case ErrorCode::Unauthenticated: return 401;
    case ErrorCode::TooManyRequests: return 429;
    case ErrorCode::Unavailable: return 503;
    case ErrorCode::Internal: return 500;
  }
  return 500;
}

int exit_code(ErrorCode code) { return code == ErrorCode::InvalidInput || code == ErrorCode::NotFound ? 2 : 1; }

}  // namespace xinzhi
