#include "modules/nqpf/platform_series.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

namespace xinzhi::nqpf {

namespace {

// The eight IPC sections (WIPO, IPC 2024.01), as the Chinese edition names them.
constexpr std::array<std::pair<char, const char*>, 8> kSections{{
    {'A', "人类生活必需"}, {'B', "作业；运输"}, {'C', "化学；冶金"}, {'D', "纺织；造纸"},
    {'E', "固定建筑物"}, {'F', "机械工程；照明；加热；武器；爆破"}, {'G', "物理"}, {'H', "电学"},
}};

int year_of(std::string_view date) {
  if (date.size() < 4) return 0;
  int y = 0;
  for (size_t i = 0; i < 4; ++i) {
    if (date[i] < '0' || date[i] > '9') return 0;
    y = y * 10 + (date[i] - '0');
  }
  return y;
}

}  // namespace

bool is_platform_series(const std::string& code) { return code.rfind("platform/", 0) == 0; }

bool is_chain_series(const std::string& code) {
  return code.rfind("platform/chain_", 0) == 0 || code.rfind("platform/chokepoint_", 0) == 0;
}

ingest::ProvinceStatistics chain_series(chain::ChainService& chains, const std::vector<std::string>& provinces,
                                        const std::set<std::string>* only) {
  ingest::ProvinceStatistics out;
  for (const auto& summary : chains.list()) {
    std::string key = summary.name;
    std::replace(key.begin(), key.end(), ' ', '_');
    if (only) {
      bool read = false;
      for (const char* kind : {"platform/chain_firms/", "platform/chain_coverage/", "platform/chokepoint_exposure/"})
        read = read || only->count(kind + key);
      if (!read) continue;
    }
    const auto membership = chains.membership(summary.name);
    const int year = year_of(membership.as_of);
    if (year == 0 || membership.segments.empty()) continue;
    const auto& score = membership.chokepoint_score;
    // Per province: distinct firms, segments with a firm, Σ score·firms and Σ firms over scored segments.
    struct Tally {
      std::set<uint32_t> firms;
      size_t segments = 0;
      double weighted = 0, scored_firms = 0;
    };
    std::map<std::string, Tally> tally;
    for (const auto& [segment, firms] : membership.segments) {
      std::map<std::string, size_t> here;
      for (uint32_t f : firms) {
        const auto& province = membership.firm_province[f];
        if (province.empty()) continue;
        ++here[province];
        tally[province].firms.insert(f);
      }
      const auto scored = score.find(segment);
      for (const auto& [province, n] : here) {
        auto& t = tally[province];
        ++t.segments;
        if (scored == score.end()) continue;
        t.weighted += scored->second * static_cast<double>(n);
        t.scored_firms += static_cast<double>(n);
      }
    }
    // Firms the atlas could not place count in no province; the source says how many, so a
    // province's 0 reads as "none known", not as "none".
    const auto unplaced = std::count(membership.firm_province.begin(), membership.firm_province.end(), std::string());
    const std::string source = "平台产业链图谱《" + summary.name + "》（" + membership.as_of.substr(0, 10) + "；" +
                               std::to_string(membership.firm_province.size()) + " 家企业中 " + std::to_string(unplaced) +
                               " 家省份不明，未计入）";
    const std::string firms_code = "platform/chain_firms/" + key, coverage_code = "platform/chain_coverage/" + key,
                      exposure_code = "platform/chokepoint_exposure/" + key;
    out.series.push_back({firms_code, "产业链企业数·" + summary.name, "个", source});
    out.series.push_back({coverage_code, "产业链环节覆盖率·" + summary.name, "%", source});
    out.series.push_back({exposure_code, "卡脖子环节暴露度·" + summary.name, "0–1", source});
    const double segments = static_cast<double>(membership.segments.size());
    for (const auto& province : provinces) {
      const auto it = tally.find(province);
      const Tally none;
      const Tally& t = it == tally.end() ? none : it->second;
      out.observations.push_back({province, year, firms_code, static_cast<double>(t.firms.size())});
      out.observations.push_back({province, year, coverage_code, static_cast<double>(t.segments) / segments * 100});
      if (t.scored_firms > 0) out.observations.push_back({province, year, exposure_code, t.weighted / t.scored_firms});
    }
  }
  return out;
}

PatentSeries patent_series(foresight::PatentReader& patents, const std::vector<std::string>& provinces) {
  PatentSeries result;
  auto& out = result.data;
  std::map<std::pair<std::string, int>, std::map<char, double>> counts;  // (province, year) → section ('*' all) → patents
  int first = 9999;
  std::string last_filed;
  int64_t placed = 0, unplaced = 0;
  patents.each_patent(patents.last_id(), [&](const foresight::PatentFacts& p) {
    const int year = year_of(p.filed_on);
    if (year == 0) return;
    first = std::min(first, year);
    if (p.filed_on > last_filed) last_filed = std::string(p.filed_on);
    if (p.province.empty()) {
      ++unplaced;
      return;
    }
    ++placed;
    auto& c = counts[{std::string(p.province), year}];
    c['*'] += 1;
    if (!p.codes.empty() && !p.codes.front().subclass.empty()) c[p.codes.front().subclass[0]] += 1;
  });
  if (last_filed.empty()) return result;
  // A year is complete once 18 months have passed since its end: invention applications are
  // published 18 months after filing (专利法第三十四条), so the latest filing date stands for
  // when the export was made and later years are still filling in.
  int last = year_of(last_filed) - 1;
  while (last >= first && last_filed < std::to_string(last + 2) + "-06-30") --last;
  std::string names;
  for (const auto& s : patents.sources()) names += (names.empty() ? "" : "、") + s.name;
  const std::string source = "平台已导入专利（" + names + "），按第一申请人所在省与申请年统计";
  out.series.push_back({"platform/patents", "专利申请量（平台已导入）", "件", source});
  for (const auto& [letter, title] : kSections)
    out.series.push_back({std::string("platform/patents_") + letter,
                          std::string("专利申请量·") + letter + " " + title + "（平台已导入，按首个分类号）", "件", source});
  for (const auto& province : provinces)
    for (int year = first; year <= last; ++year) {
      const auto it = counts.find({province, year});
      auto count = [&](char section) {
        if (it == counts.end()) return 0.0;
        const auto c = it->second.find(section);
        return c == it->second.end() ? 0.0 : c->second;
      };
      out.observations.push_back({province, year, "platform/patents", count('*')});
      for (const auto& [letter, title] : kSections)
        out.observations.push_back({province, year, std::string("platform/patents_") + letter, count(letter)});
    }
  result.placed = placed;
  result.unplaced = unplaced;
  result.first_year = first;
  result.last_year = last;
  result.last_filed = last_filed;
  return result;
}

}  // namespace xinzhi::nqpf
