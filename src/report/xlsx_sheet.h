// Shared by the workbooks the server and CLI write (atlas, chokepoints, scenario reports): a
// worksheet filled row by row under a bold header, and a workbook's bytes for HTTP.
#pragma once
#include <xlsxwriter.h>

#include <functional>
#include <initializer_list>
#include <string>
#include <vector>

namespace xinzhi::report {

class Sheet {
 public:
  Sheet(lxw_workbook* wb, const char* name, std::initializer_list<const char*> headers, lxw_format* bold);
  Sheet(lxw_workbook* wb, const std::string& name, const std::vector<std::string>& headers, lxw_format* bold);
  Sheet& text(const std::string& s);
  Sheet& number(double v);
  void next_row() { ++row_, col_ = 0; }
  lxw_worksheet* raw() { return ws_; }

 private:
  lxw_worksheet* ws_;
  lxw_row_t row_ = 1;
  lxw_col_t col_ = 0;
};

// Runs `write(path)` on a temporary file (libxlsxwriter writes files only) and returns its bytes.
std::string xlsx_bytes(const std::function<void(const std::string& path)>& write);
// Closes the workbook; Unavailable naming the path when libxlsxwriter could not write it.
void close_workbook(lxw_workbook* wb, const std::string& path);

}  // namespace xinzhi::report
