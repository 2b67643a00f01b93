#include "ingest/province_statistics.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "base/error.h"
#include "base/text.h"
#include "ingest/labelled_matrix.h"
#include "ingest/region.h"
#include "ingest/table_reader.h"
#include "ingest/xlsx_reader.h"

namespace xinzhi::ingest {

namespace {

// Recognition errors seen in the yearbook transcriptions (2012–2014 tables): 西 read as 两,
// 古 as 占.
const std::map<std::string, std::string>& typo_fixes() {
  static const std::map<std::string, std::string> m = {
      {"山两", "山西"}, {"江两", "江西"}, {"两藏", "西藏"}, {"陕两", "陕西"}, {"广两", "广西"}, {"内蒙占", "内蒙古"}};
  return m;
}

const std::map<std::string, std::string>& pinyin_names() {
  static const std::map<std::string, std::string> m = {
      {"beijing", "北京"},   {"tianjin", "天津"},  {"hebei", "河北"},     {"shanxi", "山西"},   {"neimenggu", "内蒙古"},
      {"neimeng", "内蒙古"}, {"liaoning", "辽宁"}, {"jilin", "吉林"},     {"heilongjiang", "黑龙江"},
      {"shanghai", "上海"},  {"jiangsu", "江苏"},  {"zhejiang", "浙江"},  {"anhui", "安徽"},    {"fujian", "福建"},
      {"jiangxi", "江西"},   {"shandong", "山东"}, {"henan", "河南"},     {"hubei", "湖北"},    {"hunan", "湖南"},
      {"guangdong", "广东"}, {"guangxi", "广西"},  {"hainan", "海南"},    {"chongqing", "重庆"}, {"sichuan", "四川"},
      {"guizhou", "贵州"},   {"yunnan", "云南"},   {"xizang", "西藏"},    {"tibet", "西藏"},    {"shaanxi", "陕西"},
      {"gansu", "甘肃"},     {"qinghai", "青海"},  {"ningxia", "宁夏"},   {"xinjiang", "新疆"}};
  return m;
}

std::string without_spaces(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == ' ' || s[i] == '\t') {
      ++i;
    } else if (s.compare(i, 3, "\xE3\x80\x80") == 0) {  // U+3000 ideographic space
      i += 3;
    } else {
      out += s[i++];
    }
  }
  return out;
}

struct FileLayout {
  size_t province = SIZE_MAX, year = SIZE_MAX, value = SIZE_MAX, item = SIZE_MAX, unit = SIZE_MAX, code = SIZE_MAX;
};

size_t find_column(const std::vector<std::string>& header, std::initializer_list<const char*> names) {
  for (const char* n : names) {
    const auto it = std::find(header.begin(), header.end(), n);
    if (it != header.end()) return static_cast<size_t>(it - header.begin());
  }
  return SIZE_MAX;
}

// Where every file's values meet: one series per code with one unit, duplicates checked across
// files, NA and empty cells counted as missing. `at` prefixes errors ("path:line"), `where`
// names the row in the fixes ("file:line").
class ObservationSink {
 public:
  explicit ObservationSink(ProvinceStatistics& out) : out_(out) {}

  void add(const std::string& at, const std::string& where, const std::string& province, int year, const std::string& code,
           const std::string& label, const std::string& unit, const std::string& source, const std::string& raw_cell) {
    const std::string cell(text::trim(raw_cell));
    if (series_index_.emplace(code, out_.series.size()).second) out_.series.push_back({code, label, unit, source});
    // A row whose unit differs from its series' (IndustryRD.csv labels some 2020 counts 万元)
    // cannot be added to it: left out and listed.
    const std::string& series_unit = out_.series[series_index_[code]].unit;
    if (unit != series_unit) {
      out_.fixes.push_back({where, code + " in " + unit + ", the series is in " + series_unit + ": row left out"});
      return;
    }
    if (cell == "NA" || cell.empty()) {
      ++missing;
      return;
    }
    double v = 0;
    if (!parse_number_or_fraction(cell, v))
      fail_keyed(ErrorCode::InvalidInput, "province_value", {{"where", at}, {"value", cell}}, at + ": value '" + cell + "' is not a number");
    const auto key = std::tuple{province, year, code};
    if (const auto it = seen_.find(key); it != seen_.end()) {
      if (it->second.first != v)
        fail_keyed(ErrorCode::InvalidInput, "province_conflict",
                   {{"where", at}, {"value", cell}, {"other", text::number(it->second.first)}, {"other_where", it->second.second}},
                   at + ": " + province + " " + std::to_string(year) + " " + code + " is " + cell + " here and " +
                       text::number(it->second.first) + " on " + it->second.second);
      ++duplicates;
      return;
    }
    seen_.emplace(key, std::pair{v, where});
    out_.observations.push_back({province, year, code, v});
  }

  // The unit a series was first read in; null before.
  const std::string* unit_of(const std::string& code) const {
    const auto it = series_index_.find(code);
    return it == series_index_.end() ? nullptr : &out_.series[it->second].unit;
  }

  // The counts of one file, listed under its name, then reset for the next.
  void close_file(const std::string& name) {
    if (missing) out_.fixes.push_back({name, std::to_string(missing) + " NA cells left out as missing"});
    if (duplicates) out_.fixes.push_back({name, std::to_string(duplicates) + " identical duplicate rows dropped"});
    missing = duplicates = 0;
  }

  size_t missing = 0, duplicates = 0;

 private:
  ProvinceStatistics& out_;
  std::map<std::tuple<std::string, int, std::string>, std::pair<double, std::string>> seen_;
  std::map<std::string, size_t> series_index_;
};

// "研究与试验发展(R&D)经费(万元)" → {"研究与试验发展(R&D)经费", "万元"}: the last parenthesised
// group (ASCII or full-width) at the end is the unit.
std::pair<std::string, std::string> name_and_unit(const std::string& text) {
  std::string t(text::trim(text));
  const bool wide = t.size() >= 3 && t.compare(t.size() - 3, 3, "）") == 0;
  if (!wide && (t.empty() || t.back() != ')')) return {t, ""};
  const size_t open = wide ? t.rfind("（") : t.rfind('(');
  if (open == std::string::npos || open == 0) return {t, ""};
  const size_t from = open + (wide ? 3 : 1);
  return {std::string(text::trim(t.substr(0, open))), t.substr(from, t.size() - from - (wide ? 3 : 1))};
}

// "2023年" → 2023; 0 for anything else.
int year_heading(const std::string& cell) {
  const std::string t(text::trim(cell));
  if (t.size() != 7 || t.compare(4, 3, "年") != 0) return 0;
  int64_t y = 0;
  return parse_index(t.substr(0, 4), y) && y >= 1900 && y <= 2100 ? static_cast<int>(y) : 0;
}

// "指标：R&D经费(万元)" → the text after 指标：/指标:, empty when the cell is no such line.
std::string after_label(const std::string& cell, const std::string& label) {
  const std::string t(text::trim(cell));
  for (const char* colon : {"：", ":"}) {
    const std::string prefix = label + colon;
    if (t.rfind(prefix, 0) == 0) return std::string(text::trim(t.substr(prefix.size())));
  }
  return "";
}

// One export of the statistics bureau's 分省年度数据 (data.stats.gov.cn, Excel): 数据库/指标/时间
// lines, a header of 地区 and years (2023年 …), a row per province, 注/数据来源 lines below. Or
// the other way round: 地区：北京市 above, a header of 指标 and years, a row per indicator.
void read_nbs_workbook(const std::filesystem::path& path, ObservationSink& sink, ProvinceStatistics& out) {
  const std::string name = path.filename().string(), file = path.string();
  const auto rows = read_xlsx_first_sheet(file);
  std::string indicator, region;
  size_t header = SIZE_MAX;
  for (size_t r = 0; r < rows.size() && header == SIZE_MAX; ++r) {
    const auto& cells = rows[r].cells;
    if (cells.empty()) continue;
    if (const auto v = after_label(cells[0], "指标"); !v.empty()) indicator = v;
    if (const auto v = after_label(cells[0], "地区"); !v.empty()) region = v;
    const std::string first(text::trim(cells[0]));
    if ((first == "地区" || first == "指标") && cells.size() > 1 && year_heading(cells[1])) header = r;
  }
  auto layout = [&](const std::string& what) {
    fail_keyed(ErrorCode::InvalidInput, "nbs_layout", {{"where", file}}, file + ": " + what);
  };
  if (header == SIZE_MAX) layout("not a statistics-bureau export (no header row of 地区 or 指标 and years such as 2023年)");
  const auto& heading = rows[header].cells;
  const bool by_region = text::trim(heading[0]) == "地区";
  if (by_region && indicator.empty()) layout("the export names no indicator (a 指标： line above the table)");
  std::string fixed_province;
  if (!by_region) {
    std::string fix;
    fixed_province = normalise_province(region, &fix);
    if (fixed_province.empty()) layout("the export names no province (a 地区： line above the table), or '" + region + "' is none");
  }
  std::vector<int> years;
  for (size_t c = 1; c < heading.size(); ++c) {
    const int y = year_heading(heading[c]);
    if (!y && !std::string(text::trim(heading[c])).empty())
      layout("row " + std::to_string(rows[header].number) + ": column heading '" + heading[c] + "' is not a year");
    years.push_back(y);
  }
  size_t spaced = 0, read = 0;
  std::set<std::string> mismatched;
  for (size_t r = header + 1; r < rows.size(); ++r) {
    const auto& cells = rows[r].cells;
    const std::string first(text::trim(cells.empty() ? "" : cells[0]));
    // The notes under the table end it.
    if (first.empty() || first.rfind("注", 0) == 0 || first.rfind("数据来源", 0) == 0) break;
    const std::string at = file + ":" + std::to_string(rows[r].number), where = name + ":" + std::to_string(rows[r].number);
    std::string province = fixed_province, label = indicator;
    if (by_region) {
      std::string fix;
      province = normalise_province(first, &fix);
      if (province.empty())
        fail_keyed(ErrorCode::InvalidInput, "province_row_unknown", {{"where", at}, {"value", first}},
                   at + ": province '" + first + "' is not a Chinese province");
      if (!fix.empty()) out.fixes.push_back({where, fix});
      spaced += without_spaces(first) != first;
    } else {
      label = first;
    }
    const auto [series_name, unit] = name_and_unit(label);
    // Codes hold no spaces (formulas read them in braces): 研究与试验发展 (R&D) → 研究与试验发展_(R&D).
    std::string code = "nbs/" + series_name;
    std::replace(code.begin(), code.end(), ' ', '_');
    // A workbook states its unit once: one that differs from the series' is reported once.
    if (const std::string* known = sink.unit_of(code); known && *known != unit) {
      if (mismatched.insert(code).second)
        out.fixes.push_back({name, code + " in " + unit + ", the series is in " + *known + ": the workbook's values left out"});
      ++read;
      continue;
    }
    for (size_t c = 1; c < cells.size() && c - 1 < years.size(); ++c) {
      if (!years[c - 1]) continue;
      sink.add(at, where, province, years[c - 1], code, series_name, unit, "国家统计局 分省年度数据（" + name + "）", cells[c]);
    }
    ++read;
  }
  if (!read) layout("the table under the header has no rows");
  if (spaced) out.fixes.push_back({name, std::to_string(spaced) + " province names with spaces inside (北   京 → 北京)"});
}

}  // namespace

std::string normalise_province(const std::string& raw, std::string* fix) {
  std::string name = without_spaces(std::string(text::trim(raw)));
  if (const auto p = pinyin_names().find(name); p != pinyin_names().end()) {
    if (fix) *fix = "'" + raw + "' (pinyin) read as " + p->second;
    name = p->second;
  }
  if (const auto t = typo_fixes().find(name); t != typo_fixes().end()) {
    if (fix) *fix = "'" + raw + "' read as " + t->second;
    name = t->second;
  }
  if (name == "全国") return name;
  return RegionGazetteer::instance().province_named(name);
}

ProvinceStatistics read_province_statistics(const std::string& folder) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  if (fs::is_regular_file(folder)) {
    files.push_back(folder);
  } else {
    if (!fs::is_directory(folder)) invalid_input(folder + ": no such file or folder");
    for (const auto& e : fs::directory_iterator(folder))
      if (e.path().extension() == ".csv" || e.path().extension() == ".xlsx" || e.path().extension() == ".xls")
        files.push_back(e.path());  // an .xls is refused below, saying what to do
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) invalid_input(folder + ": no .csv or .xlsx files");
  ProvinceStatistics out;
  ObservationSink sink(out);
  for (const fs::path& path : files) {
    const std::string stem = path.stem().string(), name = path.filename().string();
    if (path.extension() == ".xls")
      invalid_input(path.string() + ": an old Excel (.xls) file: save it as .xlsx (Excel, WPS or LibreOffice) and import that");
    if (path.extension() == ".xlsx") {
      read_nbs_workbook(path, sink, out);
      sink.close_file(name);
      continue;
    }
    TableReader reader(path.string(), TableFormat::Csv);
    std::vector<std::string> header, f;
    if (!reader.next(header)) continue;
    FileLayout c;
    c.province = find_column(header, {"province", "prv"});
    c.year = find_column(header, {"year", "yr"});
    c.value = find_column(header, {"value", "num", "invest"});
    c.item = find_column(header, {"chn_block4"});
    c.unit = find_column(header, {"units"});
    c.code = find_column(header, {"variables"});
    // CHNCapitalStock's layout (prv, yr, invest, InvestPrice) whatever the file is called.
    const bool capital = find_column(header, {"InvestPrice"}) != SIZE_MAX && find_column(header, {"invest"}) != SIZE_MAX;
    if (c.province == SIZE_MAX || c.year == SIZE_MAX || c.value == SIZE_MAX)
      invalid_input(path.string() + ":1: not a provincial table (needs province, year and value columns)");
    // CapitalStockInvest carries two series a row: investment and its price index.
    const size_t price = find_column(header, {"InvestPrice"});
    size_t spaced = 0, pinyin = 0;
    while (reader.next(f)) {
      if (f.size() != header.size())
        reader.fail_here("has " + std::to_string(f.size()) + " fields, the header " + std::to_string(header.size()));
      const std::string where = name + ":" + std::to_string(reader.line_number());
      const std::string at = path.string() + ":" + std::to_string(reader.line_number());
      std::string fix;
      const std::string raw = f[c.province];
      const std::string province = normalise_province(raw, &fix);
      if (province.empty()) reader.fail_here("province '" + raw + "' is not a Chinese province");
      if (fix.find("(pinyin)") != std::string::npos)
        ++pinyin;  // every row of CHNCapitalStock's file: counted, not listed
      else if (!fix.empty())
        out.fixes.push_back({where, fix});
      spaced += without_spaces(raw) != raw;
      int64_t year = 0;
      if (!parse_index(std::string(text::trim(f[c.year])), year) || year < 1900 || year > 2100)
        reader.fail_here("year '" + f[c.year] + "' is not a year");
      auto add = [&](const std::string& code, const std::string& label, const std::string& unit, size_t column) {
        sink.add(at, where, province, static_cast<int>(year), code, label, unit, name, f[column]);
      };
      if (capital) {
        add("CapitalStockInvest/invest", "固定资本形成总额", "亿元（当年价）", c.value);
        add("CapitalStockInvest/InvestPrice", "固定资产投资价格指数（1952=1）", "1952=1", price);
      } else if (c.code != SIZE_MAX) {
        add(stem + "/" + std::string(text::trim(f[c.code])), c.item == SIZE_MAX ? "" : f[c.item],
            c.unit == SIZE_MAX ? "" : f[c.unit], c.value);
      } else {
        add(stem + "/" + header[c.value], stem == "HitechFirmsPub" ? "高新技术企业数" : header[c.value],
            stem == "HitechFirmsPub" ? "个" : "", c.value);
      }
    }
    if (spaced) out.fixes.push_back({name, std::to_string(spaced) + " province names with spaces inside (北   京 → 北京)"});
    if (pinyin) out.fixes.push_back({name, std::to_string(pinyin) + " pinyin province names read as Chinese (shaanxi → 陕西)"});
    sink.close_file(name);
  }
  return out;
}

}  // namespace xinzhi::ingest
