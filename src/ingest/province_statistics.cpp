#include "ingest/province_statistics.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "base/error.h"
#include "base/text.h"
#include "ingest/labelled_matrix.h"
#include "ingest/region.h"
#include "ingest/table_reader.h"

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
      if (e.path().extension() == ".csv") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) invalid_input(folder + ": no .csv files");
  ProvinceStatistics out;
  std::map<std::tuple<std::string, int, std::string>, std::pair<double, std::string>> seen;
  std::map<std::string, size_t> series_index;
  for (const fs::path& path : files) {
    const std::string stem = path.stem().string(), name = path.filename().string();
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
    size_t spaced = 0, missing = 0, duplicates = 0, pinyin = 0;
    while (reader.next(f)) {
      if (f.size() != header.size())
        reader.fail_here("has " + std::to_string(f.size()) + " fields, the header " + std::to_string(header.size()));
      const std::string where = name + ":" + std::to_string(reader.line_number());
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
        const std::string cell(text::trim(f[column]));
        if (series_index.emplace(code, out.series.size()).second) out.series.push_back({code, label, unit, name});
        // A row whose unit differs from its series' (IndustryRD.csv labels some 2020 counts 万元)
        // cannot be added to it: left out and listed.
        const std::string& series_unit = out.series[series_index[code]].unit;
        if (unit != series_unit) {
          out.fixes.push_back({where, code + " in " + unit + ", the series is in " + series_unit + ": row left out"});
          return;
        }
        if (cell == "NA" || cell.empty()) {
          ++missing;
          return;
        }
        double v = 0;
        if (!parse_number_or_fraction(cell, v)) reader.fail_here("value '" + cell + "' is not a number");
        const auto key = std::tuple{province, static_cast<int>(year), code};
        if (const auto it = seen.find(key); it != seen.end()) {
          if (it->second.first != v)
            reader.fail_here(province + " " + std::to_string(year) + " " + code + " is " + cell + " here and " +
                             text::number(it->second.first) + " on " + it->second.second);
          ++duplicates;
          return;
        }
        seen.emplace(key, std::pair{v, where});
        out.observations.push_back({province, static_cast<int>(year), code, v});
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
    if (missing) out.fixes.push_back({name, std::to_string(missing) + " NA cells left out as missing"});
    if (duplicates) out.fixes.push_back({name, std::to_string(duplicates) + " identical duplicate rows dropped"});
  }
  return out;
}

}  // namespace xinzhi::ingest
