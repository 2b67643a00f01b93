// Process-wide logging through spdlog: one place decides the format and the level.
#pragma once
#include <spdlog/spdlog.h>

#include <memory>

namespace xinzhi::log {
// Sets the level from a name ("debug", "info", "warn", "error", "off").
void configure(const std::string& level);
// The request log: one JSON object per line on stderr, nothing around it, so that log
// shippers (Loki, Filebeat, journald's JSON mode) read it as it is. Follows the level.
std::shared_ptr<spdlog::logger> requests();
}  // namespace xinzhi::log
