// Lines of a UTF-8 text, one at a time, with the check every `xinzhi text` command makes:
// "\r" dropped, a line that is not UTF-8 refused as name:line. Internal to segmentation/.
#pragma once
#include <istream>
#include <string>

#include "base/error.h"
#include "base/text.h"

namespace xinzhi::segmentation {

// Calls visit(line) for each line; returns how many lines there were.
template <typename Visit>
size_t for_each_text_line(std::istream& in, const std::string& name, Visit&& visit) {
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!text::is_valid_utf8(line)) {
      std::string where = name;
      where.append(":").append(std::to_string(number));
      fail_keyed(ErrorCode::InvalidInput, "text_not_utf8", {{"where", where}}, where + ": the line is not UTF-8 text");
    }
    visit(line);
  }
  return number;
}

}  // namespace xinzhi::segmentation
