#include "base/log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace xinzhi::log {
void configure(const std::string& level) {
  // Logs go to stderr so that --json output on stdout stays machine-readable.
  // Calling it again (a command that opens the database after configuring) only sets the level.
  auto logger = spdlog::get("xinzhi");
  if (!logger) logger = spdlog::stderr_color_mt("xinzhi");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  spdlog::set_level(spdlog::level::from_str(level));
}
}  // namespace xinzhi::log
