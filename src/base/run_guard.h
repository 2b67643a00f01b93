// RunGuard: remembers whether an engine's run() has finished, so that reading a result before
// it is an Internal error instead of an empty vector or a read out of bounds (NetworKit's assureFinished).
#pragma once
#include <string>

#include "base/error.h"

namespace xinzhi {

class RunGuard {
 public:
  void mark_finished() { finished_ = true; }
  bool has_run() const { return finished_; }
  // One load and a branch: getters call this in hot loops (FieldHeatMap::count).
  void assure_finished(const char* engine) const {
    if (!finished_) [[unlikely]]
      not_finished(engine);
  }

 private:
  // Out of line so that the inlined check stays small.
  [[noreturn, gnu::cold, gnu::noinline]] static void not_finished(const char* engine) {
    fail(ErrorCode::Internal, std::string(engine) + ": run() must be called before its results are read");
  }
  bool finished_ = false;
};

}  // namespace xinzhi
