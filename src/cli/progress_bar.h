// A progress bar on stderr for long jobs, drawn only when stderr is a terminal so that
// logs and pipes stay clean.
#pragma once
#include <cstdint>
#include <string>

namespace xinzhi::cli {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  ~ProgressBar();
  void update(uint64_t done, uint64_t total);

 private:
  std::string label_;
  bool enabled_;
  int last_percent_ = -1;
};

}  // namespace xinzhi::cli
