// Build identity reported by `xinzhi version` and /api/version.
#pragma once
#include <string_view>

namespace xinzhi {
std::string_view version();
std::string_view build_type();
}  // namespace xinzhi
