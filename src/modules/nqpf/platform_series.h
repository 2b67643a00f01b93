// Series Xinzhi computes from its own data, by province and year, for indicator formulas beside
// the yearbook's: the patents foresight holds ("platform/…" codes).
#pragma once
#include <string>
#include <vector>

#include "ingest/province_statistics.h"
#include "modules/foresight/patent_read.h"

namespace xinzhi::nqpf {

// Patents the platform holds by their first applicant's province and filing year:
// "platform/patents" (all) and one series per IPC section of the first code
// ("platform/patents_G", 物理). Years run from the first filing year to the last complete one:
// a year counts once 18 months have passed since its end by the latest filing date, since
// applications are published 18 months after filing, and a year still filling in is left out
// rather than read as a fall. In those years a province of
// `provinces` without a patent has 0, since an import covers the whole country. Patents
// without a province are counted in no province.
struct PatentSeries {
  ingest::ProvinceStatistics data;
  int64_t placed = 0, unplaced = 0;  // patents with and without a province
  int first_year = 0, last_year = 0;  // the years the series cover
  std::string last_filed;             // the latest filing date held (YYYY-MM-DD)
};
PatentSeries patent_series(foresight::PatentReader& patents, const std::vector<std::string>& provinces);

// True for a code patent_series() provides.
bool is_platform_series(const std::string& code);

}  // namespace xinzhi::nqpf
