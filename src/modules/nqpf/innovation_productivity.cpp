#include "modules/nqpf/innovation_productivity.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "base/error.h"
#include "engines/dea/malmquist.h"

namespace xinzhi::nqpf {

namespace {

using Values = std::map<std::string, std::map<std::string, std::map<int, double>>>;  // series → province → year → value

// The longest run of consecutive years in which every series has a value for some province;
// the later run on a tie (the recent years are the ones asked about).
std::pair<int, int> longest_common_run(const Values& values, const std::vector<FrontierSeries>& all) {
  std::set<int> common;
  bool first = true;
  for (const auto& s : all) {
    std::set<int> years;
    if (const auto it = values.find(s.series); it != values.end())
      for (const auto& [province, by_year] : it->second)
        for (const auto& [year, v] : by_year) years.insert(year);
    if (first) common = years;
    else {
      std::set<int> both;
      std::set_intersection(common.begin(), common.end(), years.begin(), years.end(), std::inserter(both, both.end()));
      common = both;
    }
    first = false;
  }
  std::pair<int, int> best{0, -1};
  for (auto it = common.begin(); it != common.end();) {
    const int start = *it;
    int end = start;
    while (++it != common.end() && *it == end + 1) ++end;
    if (end - start >= best.second - best.first) best = {start, end};
  }
  return best;
}

nlohmann::json number_or_null(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json change_json(const dea::MalmquistChange& c) {
  return {{"effch", number_or_null(c.effch)}, {"techch", number_or_null(c.techch)}, {"pech", number_or_null(c.pech)},
          {"sech", number_or_null(c.sech)}, {"tfpch", number_or_null(c.tfpch)}};
}

nlohmann::json series_json(const std::vector<FrontierSeries>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : list) out.push_back({{"series", s.series}, {"name", s.name}, {"unit", s.unit}});
  return out;
}

}  // namespace

const std::vector<FrontierSeries>& innovation_inputs() {
  static const std::vector<FrontierSeries> list{
      {"RDLaborHour/v4_zh_qsdl_hj", "R&D人员全时当量", "人年"},
      {"RDActivity/v4_zh_nbzc_hj", "R&D经费内部支出", "万元"},
  };
  return list;
}

const std::vector<FrontierSeries>& innovation_outputs() {
  static const std::vector<FrontierSeries> list{
      {"RDPatentAuthority/v4_cg_zlsq2_fm", "发明专利授权数", "件"},
      {"MarketPush/v4_cg_jssc_je", "技术市场输出合同成交额", "万元"},
  };
  return list;
}

nlohmann::json innovation_productivity(const ingest::ProvinceStatistics& data, int from, int to) {
  std::vector<FrontierSeries> all = innovation_inputs();
  all.insert(all.end(), innovation_outputs().begin(), innovation_outputs().end());
  std::set<std::string> wanted;
  for (const auto& s : all) wanted.insert(s.series);
  Values values;
  std::set<std::string> provinces;
  for (const auto& o : data.observations) {
    if (o.province == "全国") continue;
    provinces.insert(o.province);
    if (wanted.count(o.series)) values[o.series][o.province][o.year] = o.value;
  }
  const auto [run_first, run_last] = longest_common_run(values, all);
  if (run_last - run_first < 1)
    fail_keyed(ErrorCode::InvalidInput, "nqpf_no_common_years", {},
               "the statistics hold no two consecutive years of R&D inputs and outputs");
  from = from ? from : run_first;
  to = to ? to : run_last;
  if (from >= to || from < run_first || to > run_last)
    fail_keyed(ErrorCode::InvalidInput, "nqpf_bad_years",
               {{"from", std::to_string(from)}, {"to", std::to_string(to)}, {"first", std::to_string(run_first)},
                {"last", std::to_string(run_last)}},
               "years " + std::to_string(from) + "–" + std::to_string(to) + " are not a range of at least two years within " +
                   std::to_string(run_first) + "–" + std::to_string(run_last) + ", the consecutive years every R&D series covers");

  auto value = [&](const FrontierSeries& s, const std::string& province, int year) {
    const auto& by_province = values[s.series];
    const auto p = by_province.find(province);
    if (p == by_province.end()) return std::nan("");
    const auto v = p->second.find(year);
    return v == p->second.end() ? std::nan("") : v->second;
  };
  // Who enters the panel: every value present, and outputs not all zero (DEA has no radial
  // score for a unit producing nothing).
  nlohmann::json left_out = nlohmann::json::array();
  std::vector<std::string> units;
  for (const auto& province : provinces) {
    std::string reason;
    for (int y = from; y <= to && reason.empty(); ++y) {
      bool any_output = false;
      for (const auto& s : all) {
        const double v = value(s, province, y);
        if (std::isnan(v)) {
          reason = std::to_string(y) + " 年缺 " + s.name;
          break;
        }
        if (v < 0) {
          reason = std::to_string(y) + " 年 " + s.name + " 为负";
          break;
        }
        // An input of zero has no radial score either (a province with no R&D staff).
        if (v == 0 && std::find_if(innovation_inputs().begin(), innovation_inputs().end(),
                                   [&](const auto& i) { return i.series == s.series; }) != innovation_inputs().end()) {
          reason = std::to_string(y) + " 年 " + s.name + " 为 0";
          break;
        }
        if (v > 0 && std::find_if(innovation_outputs().begin(), innovation_outputs().end(),
                                  [&](const auto& o) { return o.series == s.series; }) != innovation_outputs().end())
          any_output = true;
      }
      if (reason.empty() && !any_output) reason = std::to_string(y) + " 年各项产出均为 0";
    }
    if (reason.empty()) units.push_back(province);
    else left_out.push_back({{"province", province}, {"reason", reason}});
  }
  if (units.size() < 2)
    fail_keyed(ErrorCode::InvalidInput, "nqpf_too_few_provinces", {{"count", std::to_string(units.size())}},
               "only " + std::to_string(units.size()) + " provinces have every R&D input and output in the window");

  dea::Panel panel;
  for (int y = from; y <= to; ++y) {
    dea::Technology t;
    t.units = units;
    for (const auto& s : innovation_inputs()) t.input_names.push_back(s.name);
    for (const auto& s : innovation_outputs()) t.output_names.push_back(s.name);
    for (const auto& u : units) {
      for (const auto& s : innovation_inputs()) t.x.push_back(value(s, u, y));
      for (const auto& s : innovation_outputs()) t.y.push_back(value(s, u, y));
    }
    panel.periods.push_back(std::to_string(y));
    panel.technologies.push_back(std::move(t));
  }
  dea::MalmquistIndex m(std::move(panel), dea::Orientation::Output);
  m.run();

  nlohmann::json years = nlohmann::json::array();
  for (int y = from; y <= to; ++y) years.push_back(y);
  nlohmann::json rows = nlohmann::json::array(), cumulative = nlohmann::json::object();
  std::map<size_t, std::vector<double>> chain;
  for (const auto& c : m.changes()) {
    auto row = change_json(c);
    row["province"] = units[c.unit];
    row["from"] = from + static_cast<int>(c.from);
    row["to"] = from + static_cast<int>(c.from) + 1;
    rows.push_back(std::move(row));
    auto& ch = chain[c.unit];
    if (ch.empty()) ch.push_back(1);
    ch.push_back(ch.back() * c.tfpch);  // NaN breaks the chain from there on: null, not a guess
  }
  for (const auto& [unit, ch] : chain) {
    nlohmann::json list = nlohmann::json::array();
    for (double v : ch) list.push_back(number_or_null(v));
    cumulative[units[unit]] = std::move(list);
  }
  nlohmann::json year_means = nlohmann::json::array(), national = nlohmann::json::array({1.0});
  double level = 1;
  for (const auto& c : m.period_means()) {
    auto row = change_json(c);
    row["from"] = from + static_cast<int>(c.from);
    row["to"] = from + static_cast<int>(c.from) + 1;
    row["count"] = c.count;
    year_means.push_back(std::move(row));
    level *= c.tfpch;
    national.push_back(number_or_null(level));
  }
  cumulative["全国均值"] = std::move(national);
  // Province means ranked by tfpch, 1 = fastest growth.
  std::vector<const dea::MalmquistChange*> means;
  for (const auto& c : m.unit_means()) means.push_back(&c);
  std::vector<const dea::MalmquistChange*> ranked = means;
  std::stable_sort(ranked.begin(), ranked.end(), [](auto* a, auto* b) {
    const bool fa = std::isfinite(a->tfpch), fb = std::isfinite(b->tfpch);
    return fa != fb ? fa : fa && a->tfpch > b->tfpch;
  });
  std::map<size_t, size_t> rank;
  for (size_t i = 0; i < ranked.size(); ++i)
    if (std::isfinite(ranked[i]->tfpch)) rank[ranked[i]->unit] = i + 1;
  nlohmann::json province_means = nlohmann::json::array();
  for (const auto* c : means) {
    auto row = change_json(*c);
    row["province"] = units[c->unit];
    row["count"] = c->count;
    row["rank"] = rank.count(c->unit) ? nlohmann::json(rank[c->unit]) : nlohmann::json(nullptr);
    province_means.push_back(std::move(row));
  }
  nlohmann::json efficiency = nlohmann::json::object();
  const auto& crs = m.crs_efficiency();
  for (size_t u = 0; u < units.size(); ++u) {
    nlohmann::json list = nlohmann::json::array();
    for (size_t t = 0; t < years.size(); ++t) list.push_back(number_or_null(crs[t * units.size() + u]));
    efficiency[units[u]] = std::move(list);
  }
  return {{"method", "DEA-Malmquist（Färe 等 1994），产出导向；effch、techch 按规模报酬不变，pech 按规模报酬可变；"
                     "均值为几何平均（DEAP 2.1）"},
          {"years", years},
          {"inputs", series_json(innovation_inputs())},
          {"outputs", series_json(innovation_outputs())},
          {"provinces", units.size()},
          {"rows", std::move(rows)},
          {"year_means", std::move(year_means)},
          {"province_means", std::move(province_means)},
          {"cumulative", std::move(cumulative)},
          {"efficiency", std::move(efficiency)},
          {"left_out", std::move(left_out)}};
}

}  // namespace xinzhi::nqpf
