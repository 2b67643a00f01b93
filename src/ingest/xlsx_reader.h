// Reading the first worksheet of an .xlsx workbook as rows of text, so that an analyst's
// Excel file imports like its CSV export. libzip opens the package, expat parses the XML.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace xinzhi::ingest {

struct SheetRow {
  size_t number;  // Excel's row number (1-based), for error messages
  std::vector<std::string> cells;
};

// Rows that hold at least one cell, in order; missing cells are empty strings. Shared and
// inline strings, numbers (as written) and booleans are read; formulas give their cached value.
std::vector<SheetRow> read_xlsx_first_sheet(const std::string& path);

// What the workbook's parts take unpacked, from the ZIP directory (nothing is inflated): an
// upload checks it first, so a small file that unpacks to hundreds of MiB is refused unread.
uint64_t xlsx_unpacked_bytes(const std::string& path);

}  // namespace xinzhi::ingest
