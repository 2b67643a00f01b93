// The server's log lines, captured for a test suite: install it before the server starts
// (so no thread logs while the sink list changes, which ThreadSanitizer reports as a race)
// and read it at any time.
#pragma once
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include "base/log.h"

#include <memory>
#include <mutex>
#include <string>

namespace xinzhi::testing {

class CapturedLog : public spdlog::sinks::base_sink<std::mutex> {
 public:
  // Adds a capturing sink to the default logger and the request log; call before any
  // server thread exists.
  static std::shared_ptr<CapturedLog> install() {
    auto log = std::make_shared<CapturedLog>();
    spdlog::default_logger()->sinks().push_back(log);
    xinzhi::log::requests()->sinks().push_back(log);
    return log;
  }
  std::string text() {
    std::lock_guard lock(mutex_);
    return text_;
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t line;
    formatter_->format(msg, line);
    text_.append(line.data(), line.size());
  }
  void flush_() override {}

 private:
  std::string text_;
};

}  // namespace xinzhi::testing
