#include "modules/nqpf/nqpf_index.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "base/error.h"
#include "base/text.h"
#include "engines/inequality/regional_gaps.h"
#include "engines/mcda/topsis.h"
#include "engines/mcda/weights.h"

namespace xinzhi::nqpf {

namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

using SeriesTable = std::map<std::pair<std::string, std::string>, std::map<int, double>>;  // (province, code) → year → value

// The indicator's raw value for a province and year: its formula over the series (missing where
// a series it reads is).
double raw_value(const SeriesTable& t, const std::string& province, const IndicatorFormula& formula, int year) {
  return formula.evaluate([&](const std::string& code) {
    const auto s = t.find({province, code});
    if (s == t.end()) return kMissing;
    const auto v = s->second.find(year);
    return v == s->second.end() ? kMissing : v->second;
  });
}

// Interior gaps filled linearly between the nearest observed years; the ends stay missing.
// A run of missing years longer than this stays missing: filling it would invent a trend.
constexpr size_t kLongestFill = 3;

// Fills inside [from, to] are listed and flagged; those outside only serve the window's
// neighbours.
void fill_interior(std::vector<double>& v, std::vector<char>& filled, const std::vector<int>& years,
                   const std::string& province, const Indicator& ind, int from, int to,
                   std::vector<ingest::ProvinceDataFix>& fills) {
  size_t last = SIZE_MAX;
  for (size_t t = 0; t < v.size(); ++t) {
    if (std::isnan(v[t])) continue;
    if (last != SIZE_MAX && t > last + 1 && t - last - 1 <= kLongestFill) {
      for (size_t g = last + 1; g < t; ++g) {
        const double share = static_cast<double>(g - last) / static_cast<double>(t - last);
        v[g] = v[last] + share * (v[t] - v[last]);
        filled[g] = 1;
        if (years[g] < from || years[g] > to) continue;
        fills.push_back({province + " " + std::to_string(years[g]) + " " + ind.name,
                         "interpolated between " + std::to_string(years[last]) + " and " + std::to_string(years[t]) +
                             ": " + text::number(std::round(v[g] * 1e4) / 1e4) + " " + ind.unit});
      }
    }
    last = t;
  }
}

std::vector<int> covered_years(const SeriesTable& t, const IndicatorSystem& s) {
  int lo = 0, hi = 9999;
  for (const auto& d : s.dimensions) {
    for (const auto& ind : d.indicators) {
      // An indicator covers the years every series it reads covers.
      int first = 0, last = 9999;
      const auto formula = formula_of(ind);
      for (const auto& code : formula.series()) {
        int code_first = 9999, code_last = 0;
        for (const auto& [key, years] : t) {
          if (key.second != code || years.empty()) continue;
          code_first = std::min(code_first, years.begin()->first);
          code_last = std::max(code_last, years.rbegin()->first);
        }
        // Every series an indicator reads must be there: a formula over a series the
        // statistics lack would be missing everywhere, silently.
        if (code_last == 0)
          fail_keyed(ErrorCode::InvalidInput, "nqpf_no_series", {{"item", ind.name}, {"series", code}},
                     "indicator " + ind.id + " (" + ind.name + "): the statistics hold no series " + code);
        first = std::max(first, code_first);
        last = std::min(last, code_last);
      }
      lo = std::max(lo, first);
      hi = std::min(hi, last);
    }
  }
  std::vector<int> out;
  for (int y = lo; y <= hi; ++y) out.push_back(y);
  return out;
}

}  // namespace

const std::string& economic_region(const std::string& province) {
  static const std::map<std::string, std::string> m = [] {
    std::map<std::string, std::string> r;
    for (const char* p : {"北京市", "天津市", "河北省", "上海市", "江苏省", "浙江省", "福建省", "山东省", "广东省", "海南省"})
      r[p] = "东部";
    for (const char* p : {"山西省", "安徽省", "江西省", "河南省", "湖北省", "湖南省"}) r[p] = "中部";
    for (const char* p : {"内蒙古自治区", "广西壮族自治区", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区", "陕西省",
                          "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区"})
      r[p] = "西部";
    for (const char* p : {"辽宁省", "吉林省", "黑龙江省"}) r[p] = "东北";
    return r;
  }();
  static const std::string none;
  const auto it = m.find(province);
  return it == m.end() ? none : it->second;
}

WeightMethod weight_method_from(const std::string& text) {
  if (text == "entropy" || text.empty()) return WeightMethod::Entropy;
  if (text == "critic") return WeightMethod::Critic;
  if (text == "combined") return WeightMethod::Combined;
  fail_keyed(ErrorCode::InvalidInput, "dea_bad_option", {{"field", "weights"}, {"value", text}},
             "weights is '" + text + "', expected entropy, critic or combined");
}

IndexResult compute_index(const ingest::ProvinceStatistics& data, const IndicatorSystem& system,
                          const IndexOptions& options) {
  SeriesTable table;
  std::set<std::string> provinces;
  for (const auto& o : data.observations) {
    if (o.province == "全国") continue;  // the national total is not a region
    table[{o.province, o.series}][o.year] = o.value;
    provinces.insert(o.province);
  }
  IndexResult r;
  r.system = system;
  r.method = options.weights;
  r.data_fixes = data.fixes;
  r.years = covered_years(table, system);
  if (r.years.empty()) fail_keyed(ErrorCode::InvalidInput, "nqpf_no_common_years", {}, "the indicators share no year");
  if (options.from || options.to) {
    // Within the years the statistics hold at all: a window is a choice, not a way to invent years.
    int data_first = 9999, data_last = 0;
    for (const auto& [key, years] : table)
      if (!years.empty()) data_first = std::min(data_first, years.begin()->first), data_last = std::max(data_last, years.rbegin()->first);
    const int from = options.from ? options.from : r.years.front(), to = options.to ? options.to : r.years.back();
    if (from > to || from < data_first || to > data_last)
      fail_keyed(ErrorCode::InvalidInput, "nqpf_bad_years",
                 {{"from", std::to_string(from)}, {"to", std::to_string(to)}, {"first", std::to_string(data_first)},
                  {"last", std::to_string(data_last)}},
                 "years " + std::to_string(from) + "–" + std::to_string(to) + " are not a range within the statistics' " +
                     std::to_string(data_first) + "–" + std::to_string(data_last));
    r.years.clear();
    for (int y = from; y <= to; ++y) r.years.push_back(y);
  }
  r.regions.assign(provinces.begin(), provinces.end());
  std::vector<const Indicator*> indicators;
  for (const auto& d : system.dimensions)
    for (const auto& i : d.indicators) {
      indicators.push_back(&i);
      r.indicator_ids.push_back(i.id);
    }
  const size_t k = indicators.size(), years = r.years.size();
  std::vector<IndicatorFormula> formulas;
  for (const auto* i : indicators) formulas.push_back(formula_of(*i));
  // Values region by region, year by year, indicator by indicator; then the scored rows.
  // Series span every year the statistics hold, so that a gap at the window's edge (2011 in a
  // table with 2010 and 2012) is filled from its neighbours outside the window.
  int first_year = r.years.front(), last_year = r.years.back();
  for (const auto& o : data.observations) first_year = std::min(first_year, o.year), last_year = std::max(last_year, o.year);
  std::vector<int> span;
  for (int y = first_year; y <= last_year; ++y) span.push_back(y);
  const size_t offset = static_cast<size_t>(r.years.front() - first_year);
  for (const auto& province : r.regions) {
    std::vector<std::vector<double>> series(k, std::vector<double>(span.size()));
    std::vector<std::vector<char>> filled(k, std::vector<char>(span.size(), 0));
    for (size_t j = 0; j < k; ++j) {
      for (size_t t = 0; t < span.size(); ++t) series[j][t] = raw_value(table, province, formulas[j], span[t]);
      fill_interior(series[j], filled[j], span, province, *indicators[j], r.years.front(), r.years.back(), r.fills);
      series[j].erase(series[j].begin(), series[j].begin() + static_cast<std::ptrdiff_t>(offset));
      series[j].resize(years);
      filled[j].erase(filled[j].begin(), filled[j].begin() + static_cast<std::ptrdiff_t>(offset));
      filled[j].resize(years);
    }
    for (size_t t = 0; t < years; ++t) {
      RegionYear c;
      c.region = province;
      c.year = r.years[t];
      c.values.resize(k);
      for (size_t j = 0; j < k; ++j) {
        c.values[j] = series[j][t];
        if (filled[j][t]) c.filled.push_back(indicators[j]->id);
        if (std::isnan(c.values[j])) c.missing += (c.missing.empty() ? "" : "、") + indicators[j]->name;
      }
      c.scored = c.missing.empty();
      r.cells.push_back(std::move(c));
    }
  }
  std::vector<size_t> scored;
  for (size_t i = 0; i < r.cells.size(); ++i)
    if (r.cells[i].scored) scored.push_back(i);
  if (scored.size() < 2)
    fail_keyed(ErrorCode::InvalidInput, "nqpf_too_few_scored", {}, "fewer than 2 region-years have every indicator");
  // The pooled matrix, raw and min-max normalised (direction applied).
  mcda::Matrix raw(scored.size(), k), z(scored.size(), k);
  std::vector<mcda::Direction> directions;
  for (const auto* i : indicators) directions.push_back(i->direction);
  for (size_t row = 0; row < scored.size(); ++row)
    for (size_t j = 0; j < k; ++j) raw(row, j) = r.cells[scored[row]].values[j];
  for (size_t j = 0; j < k; ++j) {
    double lo = raw(0, j), hi = raw(0, j);
    for (size_t row = 1; row < scored.size(); ++row) lo = std::min(lo, raw(row, j)), hi = std::max(hi, raw(row, j));
    // The same test CriticWeights applies: below it the column is rounding noise, not a spread.
    const bool constant = hi - lo <= 1e-12 * std::max(1.0, std::fabs(hi));
    if (constant) r.constant_indicators.push_back(indicators[j]->name);
    for (size_t row = 0; row < scored.size(); ++row) {
      const double v = constant ? 0.0 : (raw(row, j) - lo) / (hi - lo);
      z(row, j) = directions[j] == mcda::Direction::Cost ? 1 - v : v;
    }
  }
  mcda::EntropyWeights entropy(z);
  entropy.run();
  mcda::CriticWeights critic(raw, directions);
  critic.run();
  r.entropy_weights = entropy.weights();
  r.critic_weights = critic.weights();
  r.weights.resize(k);
  for (size_t j = 0; j < k; ++j)
    r.weights[j] = options.weights == WeightMethod::Entropy  ? r.entropy_weights[j]
                   : options.weights == WeightMethod::Critic ? r.critic_weights[j]
                                                             : (r.entropy_weights[j] + r.critic_weights[j]) / 2;
  mcda::Topsis topsis(raw, r.weights, directions, mcda::Normalisation::MinMax);
  topsis.run();
  for (size_t row = 0; row < scored.size(); ++row) {
    RegionYear& c = r.cells[scored[row]];
    c.closeness = topsis.closeness()[row];
    c.parts.resize(k);
    c.linear = 0;
    for (size_t j = 0; j < k; ++j) c.linear += c.parts[j] = r.weights[j] * z(row, j);
  }
  // TOPSIS within each dimension, on its indicators and their weights.
  size_t first = 0;
  for (const auto& d : system.dimensions) {
    const size_t width = d.indicators.size();
    mcda::Matrix sub(scored.size(), width);
    std::vector<double> w(r.weights.begin() + static_cast<std::ptrdiff_t>(first),
                          r.weights.begin() + static_cast<std::ptrdiff_t>(first + width));
    const std::vector<mcda::Direction> dir(directions.begin() + static_cast<std::ptrdiff_t>(first),
                                           directions.begin() + static_cast<std::ptrdiff_t>(first + width));
    for (size_t row = 0; row < scored.size(); ++row)
      for (size_t j = 0; j < width; ++j) sub(row, j) = raw(row, first + j);
    if (std::all_of(w.begin(), w.end(), [](double x) { return x <= 0; })) std::fill(w.begin(), w.end(), 1.0);
    mcda::Topsis part(sub, w, dir, mcda::Normalisation::MinMax);
    part.run();
    for (size_t row = 0; row < scored.size(); ++row) r.cells[scored[row]].dimension_closeness.push_back(part.closeness()[row]);
    first += width;
  }
  // Ranks per year and their change; gaps per year.
  std::map<std::string, size_t> previous_rank;
  for (size_t t = 0; t < years; ++t) {
    std::vector<RegionYear*> year_cells;
    for (auto& c : r.cells)
      if (c.year == r.years[t] && c.scored) year_cells.push_back(&c);
    std::vector<double> scores;
    for (const auto* c : year_cells) scores.push_back(c->closeness);
    const auto ranks = mcda::ranks_descending(scores);
    std::map<std::string, size_t> this_rank;
    for (size_t i = 0; i < year_cells.size(); ++i) {
      year_cells[i]->rank = ranks[i];
      this_rank[year_cells[i]->region] = ranks[i];
      const auto before = previous_rank.find(year_cells[i]->region);
      if (before != previous_rank.end())
        year_cells[i]->rank_change = static_cast<int>(before->second) - static_cast<int>(ranks[i]);
      year_cells[i]->ranked_among = year_cells.size();
    }
    previous_rank = std::move(this_rank);
    std::vector<std::string> names, group_names;
    std::vector<size_t> groups;
    std::vector<double> values;
    for (const auto* c : year_cells) {
      const std::string& g = economic_region(c->region);
      if (g.empty()) continue;
      auto at = std::find(group_names.begin(), group_names.end(), g);
      if (at == group_names.end()) at = group_names.insert(group_names.end(), g);
      names.push_back(c->region);
      values.push_back(c->closeness);
      groups.push_back(static_cast<size_t>(at - group_names.begin()));
    }
    if (values.size() < 2) continue;
    inequality::RegionalGaps gaps(names, values, groups, group_names);
    gaps.run();
    r.gaps.push_back({r.years[t], gaps.gini(), gaps.within(), gaps.between(), gaps.transvariation(), gaps.theil(),
                      gaps.theil_within(), gaps.theil_between(), group_names, gaps.group_gini(), gaps.group_mean()});
  }
  return r;
}

nlohmann::json to_json(const IndexResult& r) {
  nlohmann::json indicators = nlohmann::json::array();
  size_t j = 0;
  for (const auto& d : r.system.dimensions)
    for (const auto& i : d.indicators) {
      indicators.push_back({{"id", i.id}, {"name", i.name}, {"unit", i.unit}, {"dimension", d.name},
                            {"direction", i.direction == mcda::Direction::Cost ? "-" : "+"},
                            {"source", source_text(i)},
                            {"weight", r.weights[j]}, {"entropy_weight", r.entropy_weights[j]},
                            {"critic_weight", r.critic_weights[j]}});
      ++j;
    }
  nlohmann::json cells = nlohmann::json::array();
  for (const auto& c : r.cells) {
    nlohmann::json x = {{"region", c.region}, {"year", c.year}, {"scored", c.scored}};
    if (!c.scored) {
      x["missing"] = c.missing;
    } else {
      x["index"] = c.closeness;
      x["rank"] = c.rank;
      x["ranked_among"] = c.ranked_among;
      x["rank_change"] = c.rank_change ? nlohmann::json(*c.rank_change) : nlohmann::json(nullptr);
      x["linear"] = c.linear;
      nlohmann::json dims = nlohmann::json::array();
      size_t first = 0;
      for (size_t d = 0; d < r.system.dimensions.size(); ++d) {
        double part = 0;
        for (size_t i = 0; i < r.system.dimensions[d].indicators.size(); ++i) part += c.parts[first + i];
        dims.push_back({{"name", r.system.dimensions[d].name}, {"closeness", c.dimension_closeness[d]}, {"part", part}});
        first += r.system.dimensions[d].indicators.size();
      }
      x["dimensions"] = std::move(dims);
    }
    x["values"] = c.values;  // NaN (missing) prints as null
    x["filled"] = c.filled;
    cells.push_back(std::move(x));
  }
  nlohmann::json gaps = nlohmann::json::array();
  for (const auto& g : r.gaps)
    gaps.push_back({{"year", g.year}, {"gini", g.gini}, {"within", g.within}, {"between", g.between},
                    {"transvariation", g.transvariation}, {"theil", g.theil}, {"theil_within", g.theil_within},
                    {"theil_between", g.theil_between}, {"groups", g.groups}, {"group_gini", g.group_gini},
                    {"group_mean", g.group_mean}});
  auto listed = [](const std::vector<ingest::ProvinceDataFix>& list) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& f : list) out.push_back({{"where", f.where}, {"what", f.what}});
    return out;
  };
  const char* method = r.method == WeightMethod::Entropy ? "entropy" : r.method == WeightMethod::Critic ? "critic" : "combined";
  return {{"system", {{"id", r.system.id}, {"name", r.system.name}, {"after", r.system.after}, {"note", r.system.note}}},
          {"weights_method", method},
          {"years", r.years},
          {"regions", r.regions},
          {"indicators", std::move(indicators)},
          {"cells", std::move(cells)},
          {"gaps", std::move(gaps)},
          {"fills", listed(r.fills)},
          {"data_fixes", listed(r.data_fixes)},
          {"constant_indicators", r.constant_indicators},
          {"method",
           "indicators min-max normalised over every region and year together; weights fixed across years from that "
           "pooled matrix; index = TOPSIS closeness to the pooled best; interior gaps interpolated linearly, gaps at "
           "either end leave the region-year unscored; regional gaps: Dagum Gini and Theil over the four economic "
           "regions"}};
}

nlohmann::json movement(const IndexResult& r, const std::string& region, int from, int to) {
  auto find = [&](int year) -> const RegionYear& {
    for (const auto& c : r.cells)
      if (c.region == region && c.year == year) {
        if (!c.scored)
          fail_keyed(ErrorCode::NotFound, "nqpf_not_scored", {{"item", region}, {"year", std::to_string(year)}},
                     region + " has no index for " + std::to_string(year) + " (missing: " + c.missing + ")");
        return c;
      }
    fail_keyed(ErrorCode::NotFound, "nqpf_no_cell", {{"item", region}, {"year", std::to_string(year)}},
               "no index for " + region + " in " + std::to_string(year));
  };
  const RegionYear &a = find(from), &b = find(to);
  nlohmann::json items = nlohmann::json::array();
  std::vector<size_t> order(r.indicator_ids.size());
  for (size_t j = 0; j < order.size(); ++j) order[j] = j;
  std::sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    return std::fabs(b.parts[x] - a.parts[x]) > std::fabs(b.parts[y] - a.parts[y]);
  });
  std::vector<std::pair<const Indicator*, std::string>> flat;
  for (const auto& d : r.system.dimensions)
    for (const auto& i : d.indicators) flat.push_back({&i, d.name});
  for (size_t j : order)
    items.push_back({{"id", flat[j].first->id}, {"name", flat[j].first->name}, {"dimension", flat[j].second},
                     {"unit", flat[j].first->unit}, {"from_value", a.values[j]}, {"to_value", b.values[j]},
                     {"change", b.parts[j] - a.parts[j]}});
  return {{"region", region}, {"from", from}, {"to", to}, {"index_from", a.closeness}, {"index_to", b.closeness},
          {"linear_from", a.linear}, {"linear_to", b.linear}, {"rank_from", a.rank}, {"rank_to", b.rank},
          {"indicators", std::move(items)}};
}

}  // namespace xinzhi::nqpf
