// Errors both engines raise alike (private to store/): a broken constraint reaches the user as
// a keyed 409 in words of ours; the engine's own text, which names tables and columns, goes to
// the server log only.
#pragma once
#include <spdlog/spdlog.h>

#include <string>

#include "base/error.h"
#include "base/text.h"

namespace xinzhi::store {

[[noreturn]] inline void constraint_conflict(const std::string& engine_text) {
  spdlog::warn("a write broke a database constraint: {}", text::printable(engine_text));
  fail_keyed(ErrorCode::Conflict, "store_conflict", {},
             "the change conflicts with a stored record (a duplicate, or a reference to a missing one)");
}

}  // namespace xinzhi::store
