#include "base/version.h"

namespace xinzhi {
std::string_view version() { return XINZHI_VERSION; }
std::string_view build_type() { return XINZHI_BUILD_TYPE; }
}  // namespace xinzhi
