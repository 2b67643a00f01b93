#include "report/xlsx_sheet.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/error.h"

namespace xinzhi::report {

Sheet::Sheet(lxw_workbook* wb, const char* name, std::initializer_list<const char*> headers, lxw_format* bold)
    : Sheet(wb, name, std::vector<std::string>(headers.begin(), headers.end()), bold) {}

Sheet::Sheet(lxw_workbook* wb, const std::string& name, const std::vector<std::string>& headers, lxw_format* bold)
    : ws_(workbook_add_worksheet(wb, name.c_str())) {
  // libxlsxwriter returns NULL for a name Excel refuses (over 31 characters, []:*?/\, a
  // repeat); writing through it would crash the process.
  if (!ws_) fail(ErrorCode::Internal, "worksheet name '" + name + "' is not one Excel accepts");
  lxw_col_t c = 0;
  for (const auto& h : headers) worksheet_write_string(ws_, 0, c++, h.c_str(), bold);
  worksheet_freeze_panes(ws_, 1, 0);
}

Sheet& Sheet::text(const std::string& s) {
  worksheet_write_string(ws_, row_, col_++, s.c_str(), nullptr);
  return *this;
}

Sheet& Sheet::number(double v) {
  worksheet_write_number(ws_, row_, col_++, v, nullptr);
  return *this;
}

std::string xlsx_bytes(const std::function<void(const std::string& path)>& write) {
  char name[] = "/tmp/xinzhi-xlsx-XXXXXX";
  int fd = mkstemp(name);
  if (fd < 0) fail(ErrorCode::Unavailable, "cannot create a temporary file");
  close(fd);
  struct Remove {
    const char* path;
    ~Remove() { std::filesystem::remove(path); }
  } cleanup{name};
  std::filesystem::remove(name);  // libxlsxwriter creates the file itself
  write(name);
  std::ifstream in(name, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

void close_workbook(lxw_workbook* wb, const std::string& path) {
  if (lxw_error err = workbook_close(wb); err != LXW_NO_ERROR)
    fail(ErrorCode::Unavailable, "writing " + path + " failed: " + lxw_strerror(err));
}

}  // namespace xinzhi::report
