#include "modules/productivity/dea_service.h"

#include "base/error.h"
#include "engines/dea/capital_stock.h"
#include "engines/dea/slacks_based.h"

#include <map>
#include <optional>

namespace xinzhi::productivity {

namespace {

// Per unit, the named columns of a units × columns block: [{"x1": 0, "x2": 0.5}, …].
void add_named(nlohmann::json& rows, const std::vector<std::string>& names, const std::vector<double>& values) {
  for (size_t u = 0; u < rows.size(); ++u)
    for (size_t c = 0; c < names.size(); ++c) rows[u][names[c]] = values[u * names.size() + c];
}

nlohmann::json slack_rows(const dea::Technology& t, const std::vector<double>& input_slack,
                          const std::vector<double>& output_slack, const std::vector<double>* undesirable_slack) {
  nlohmann::json rows = nlohmann::json::array();
  for (size_t u = 0; u < t.size(); ++u) rows.push_back(nlohmann::json::object());
  add_named(rows, t.input_names, input_slack);
  add_named(rows, t.output_names, output_slack);
  if (undesirable_slack) add_named(rows, t.undesirable_names, *undesirable_slack);
  return rows;
}

// λ above this is a peer; below it is the simplex's rounding.
constexpr double kPeer = 1e-9;

const char* returns_name(dea::Returns r) {
  return r == dea::Returns::Constant ? "crs" : r == dea::Returns::Variable ? "vrs" : "nirs";
}
const char* orientation_name(dea::Orientation o) { return o == dea::Orientation::Input ? "input" : "output"; }

}  // namespace

dea::Returns returns_from(const std::string& text, const char* option) {
  if (text == "crs" || text == "ccr") return dea::Returns::Constant;
  if (text == "vrs" || text == "bcc") return dea::Returns::Variable;
  if (text == "nirs") return dea::Returns::NonIncreasing;
  fail_keyed(ErrorCode::InvalidInput, "dea_bad_option", {{"field", option}, {"value", text}},
             std::string(option) + " is '" + text + "', expected crs (ccr), vrs (bcc) or nirs");
}

dea::Orientation orientation_from(const std::string& text) {
  if (text == "input" || text == "in" || text.empty()) return dea::Orientation::Input;
  if (text == "output" || text == "out") return dea::Orientation::Output;
  fail_keyed(ErrorCode::InvalidInput, "dea_bad_option", {{"field", "orientation"}, {"value", text}},
             "orientation is '" + text + "', expected input or output");
}

nlohmann::json radial_efficiency(dea::Technology data, dea::RadialOptions options) {
  dea::RadialEfficiency r(std::move(data), options);
  r.run();
  const auto& t = r.data();
  const size_t n = t.size();
  nlohmann::json peers = nlohmann::json::array();
  for (size_t u = 0; u < n; ++u) {
    nlohmann::json p = nlohmann::json::object();
    for (size_t j = 0; j < n; ++j)
      if (r.lambda()[u * n + j] > kPeer) p[std::to_string(j + 1)] = r.lambda()[u * n + j];
    peers.push_back(std::move(p));
  }
  return {{"model", options.returns == dea::Returns::Variable ? "bcc" : options.returns == dea::Returns::Constant ? "ccr" : "nirs"},
          {"orientation", orientation_name(options.orientation)},
          {"units", t.units},
          {"efficiency", r.efficiency()},
          {"peers", std::move(peers)},
          {"slacks", slack_rows(t, r.input_slack(), r.output_slack(), nullptr)},
          {"scale",
           {{"crs", r.crs_efficiency()},
            {"vrs", r.vrs_efficiency()},
            {"scale", r.scale_efficiency()},
            {"returns_to_scale", r.returns_to_scale()}}}};
}

nlohmann::json malmquist(dea::Panel panel, dea::Orientation orientation) {
  dea::MalmquistIndex m(std::move(panel), orientation);
  m.run();
  const auto& p = m.panel();
  const auto& units = p.technologies.front().units;
  auto change = [&](const dea::MalmquistChange& c) {
    nlohmann::json row;
    if (c.unit != SIZE_MAX) row["unit"] = units[c.unit];
    if (c.from != SIZE_MAX) {
      row["from"] = p.periods[c.from];
      row["to"] = p.periods[c.from + 1];
    }
    row["effch"] = c.effch;
    row["techch"] = c.techch;
    row["pech"] = c.pech;
    row["sech"] = c.sech;
    row["tfpch"] = c.tfpch;
    if (c.unit == SIZE_MAX || c.from == SIZE_MAX) row["count"] = c.count;
    return row;
  };
  nlohmann::json rows = nlohmann::json::array(), by_period = nlohmann::json::array(),
                 by_unit = nlohmann::json::array(), scores = nlohmann::json::array();
  for (const auto& c : m.changes()) rows.push_back(change(c));
  for (const auto& c : m.period_means()) by_period.push_back(change(c));
  for (const auto& c : m.unit_means()) by_unit.push_back(change(c));
  for (size_t t = 0; t < p.periods.size(); ++t)
    for (size_t u = 0; u < units.size(); ++u)
      scores.push_back({{"unit", units[u]},
                        {"period", p.periods[t]},
                        {"crs", m.crs_efficiency()[t * units.size() + u]},
                        {"vrs", m.vrs_efficiency()[t * units.size() + u]}});
  return {{"orientation", orientation_name(orientation)},
          {"units", units},
          {"periods", p.periods},
          {"rows", std::move(rows)},
          {"period_means", std::move(by_period)},
          {"unit_means", std::move(by_unit)},
          {"efficiency", std::move(scores)}};
}

nlohmann::json slacks_based(dea::Technology data, dea::Returns returns) {
  dea::SlacksBasedEfficiency s(std::move(data), returns);
  s.run();
  return {{"rts", returns_name(returns)},
          {"units", s.data().units},
          {"efficiency", s.efficiency()},
          {"slacks", slack_rows(s.data(), s.input_slack(), s.output_slack(), &s.undesirable_slack())}};
}

nlohmann::json malmquist_luenberger(dea::Panel panel, dea::LuenbergerFrontier frontier, dea::Returns returns) {
  dea::MalmquistLuenberger ml(std::move(panel), frontier, returns);
  ml.run();
  const auto& p = ml.panel();
  const auto& units = p.technologies.front().units;
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& c : ml.changes())
    rows.push_back({{"unit", units[c.unit]},
                    {"from", p.periods[c.from]},
                    {"to", p.periods[c.from + 1]},
                    {"ml", c.ml},
                    {"ec", c.ec},
                    {"tc", c.tc}});
  return {{"frontier", frontier == dea::LuenbergerFrontier::Global ? "global" : "contemporaneous"},
          {"rts", returns_name(returns)},
          {"units", units},
          {"periods", p.periods},
          {"rows", std::move(rows)}};
}

nlohmann::json capital_stocks(const ingest::ProvinceStatistics& data, double depreciation, const std::string& province) {
  // province → year → (investment, price index); a year holding only one of them is refused.
  std::map<std::string, std::map<int, std::pair<std::optional<double>, std::optional<double>>>> series;
  for (const auto& o : data.observations) {
    if (!province.empty() && o.province != province) continue;
    if (o.series == "CapitalStockInvest/invest") series[o.province][o.year].first = o.value;
    if (o.series == "CapitalStockInvest/InvestPrice") series[o.province][o.year].second = o.value;
  }
  if (series.empty())
    fail_keyed(ErrorCode::NotFound, "capital_no_series", {{"item", province}},
               "no investment series (CapitalStockInvest.csv)" + (province.empty() ? std::string() : " for " + province));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [name, by_year] : series) {
    std::vector<int> years;
    std::vector<double> invest, price;
    for (const auto& [year, v] : by_year) {
      if (!v.first || !v.second)
        fail_keyed(ErrorCode::InvalidInput, "capital_missing_value",
                   {{"item", name}, {"year", std::to_string(year)}, {"field", v.first ? "InvestPrice" : "invest"}},
                   "capital stock: " + name + " " + std::to_string(year) + " has no " +
                       (v.first ? "investment price index" : "investment") + " (NA); the stock cannot run through the gap");
      years.push_back(year);
      invest.push_back(*v.first);
      price.push_back(*v.second);
    }
    dea::CapitalStockOptions options;
    options.depreciation = depreciation;
    // Chongqing's series starts in 1996, when it left Sichuan: CHNCapitalStock starts it from
    // Sichuan's 1995 stock (1,090 亿元) times Chongqing's share of investment, 313 / 850 (its
    // README calls it the 1995 share; the figures are this file's 1996 investments, rounded).
    if (name == "重庆市" && years.front() == 1996) options.initial_stock = 1090.0 * 313.0 / 850.0;
    dea::PerpetualInventory pim(years, invest, price, options);
    pim.run();
    out.push_back({{"province", name}, {"years", years}, {"capital", pim.capital()}, {"real_investment", pim.real_investment()}});
  }
  return {{"method", "perpetual inventory, Zhang Jun et al. (2004): K_t = (1 - depreciation) K_t-1 + I_t / P_t, K_1952 = I_1952 / 10%; 亿元 at 1952 prices"},
          {"depreciation", depreciation},
          {"provinces", std::move(out)}};
}

}  // namespace xinzhi::productivity
