// Reading the provincial statistics folder (../shared/data/provinces): long-format yearbook
// tables (province, year, item, value, unit, variable code), the high-tech firm counts and the
// capital-stock investment series, with province names normalised and every fix listed.
#pragma once
#include <string>
#include <vector>

namespace xinzhi::ingest {

// One value of one series for one province and year. Provinces carry their full names
// (天津市); the national total is "全国".
struct ProvinceObservation {
  std::string province;
  int year = 0;
  // "<file stem>/<variable code>", e.g. "RDIntense/v4_ztr_jf_RD"; the capital-stock layout's
  // two series are "CapitalStockInvest/invest" and "CapitalStockInvest/InvestPrice".
  std::string series;
  double value = 0;
};

struct ProvinceSeries {
  std::string code, label, unit, source;  // label as the yearbook names the item (RD经费)
};

// What the reader changed or left out, each with file:line (or the file alone for a count).
struct ProvinceDataFix {
  std::string where, what;
};

struct ProvinceStatistics {
  std::vector<ProvinceObservation> observations;
  std::vector<ProvinceSeries> series;
  std::vector<ProvinceDataFix> fixes;
};

// The full province name for what a yearbook row says: spaces inside the name removed ("北   京"),
// the OCR confusions of 西 with 两 and 古 with 占 corrected (山两, 江两, 两藏, 内蒙占), pinyin
// names of CHNCapitalStock (shaanxi 陕西, shanxi 山西) translated. "全国" stays. Empty when the
// name is none of these. `fix` receives a description when anything beyond spaces was changed.
std::string normalise_province(const std::string& raw, std::string* fix = nullptr);

// Every *.csv and *.xlsx of the folder (or the one file given) in the layouts above, or as the
// statistics bureau's 分省年度数据 Excel export (data.stats.gov.cn: 指标：name(unit) above a table
// of 地区 by 2023年 …, or 地区：province above a table of 指标 by year; series "nbs/<name>",
// notes under the table ignored; an old .xls is refused with what to do); identical duplicate rows are dropped and
// listed, NA cells are left out as missing and counted; a duplicate with another value, a
// province no normalisation recognises or a malformed number is refused with file:line.
ProvinceStatistics read_province_statistics(const std::string& folder);

}  // namespace xinzhi::ingest
