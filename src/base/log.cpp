#include "base/log.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/stdout_sinks.h>

namespace xinzhi::log {
void configure(const std::string& level) {
  // Logs go to stderr so that --json output on stdout stays machine-readable.
  // Calling it again (a command that opens the database after configuring) only sets the level.
  auto logger = spdlog::get("xinzhi");
  if (!logger) logger = spdlog::stderr_color_mt("xinzhi");
  spdlog::set_default_logger(logger);
  // On this logger only: the request log keeps its bare JSON lines.
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  spdlog::set_level(spdlog::level::from_str(level));
}

std::shared_ptr<spdlog::logger> requests() {
  static const std::shared_ptr<spdlog::logger> logger = [] {
    auto l = spdlog::get("xinzhi.requests");
    if (!l) l = spdlog::stderr_logger_mt("xinzhi.requests");
    l->set_pattern("%v");
    l->set_level(spdlog::default_logger()->level());
    return l;
  }();
  return logger;
}
}  // namespace xinzhi::log
