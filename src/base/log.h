// Process-wide logging through spdlog: one place decides the format and the level.
#pragma once
#include <spdlog/spdlog.h>

namespace xinzhi::log {
// Sets the level from a name ("debug", "info", "warn", "error", "off").
void configure(const std::string& level);
}  // namespace xinzhi::log
