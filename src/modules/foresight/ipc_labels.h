// Labels for classification codes: the English IPC title of a section, class or subclass, and a
// short Chinese label for the common ones, bundled from data/ipc so that no file is needed at run time.
#pragma once
#include <string>

namespace xinzhi::foresight {

struct CodeLabel {
  std::string zh, en;  // either may be empty
};

// For a group ("G09B 9/00") the labels of its subclass; an industry name is its own label.
CodeLabel label_of(const std::string& code);

}  // namespace xinzhi::foresight
