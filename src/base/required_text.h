#pragma once
// A form's text field as every service checks it: trimmed, not empty, not longer than a limit.
#include <string>

#include "base/error.h"
#include "base/text.h"

namespace xinzhi {

// The trimmed value; InvalidInput keyed field_missing or field_too_long (max in characters,
// counted generously as four bytes each) naming the field.
inline std::string required_text(const std::string& value, const char* field, size_t max_chars) {
  auto t = std::string(text::trim(value));
  if (t.empty()) fail_keyed(ErrorCode::InvalidInput, "field_missing", {{"field", field}}, std::string(field) + " is empty");
  if (t.size() > max_chars * 4)
    fail_keyed(ErrorCode::InvalidInput, "field_too_long", {{"field", field}, {"max", std::to_string(max_chars)}},
               std::string(field) + " is longer than " + std::to_string(max_chars) + " characters");
  return t;
}

}  // namespace xinzhi
