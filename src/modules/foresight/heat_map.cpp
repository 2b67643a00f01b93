#include "modules/foresight/heat_map.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <type_traits>

#include "base/error.h"
#include "base/log.h"
#include "modules/foresight/ipc_labels.h"

namespace xinzhi::foresight {

namespace {

template <typename T>
void read_key(const nlohmann::json& j, const char* key, T& out) {
  if (!j.contains(key)) return;
  // nlohmann converts -1 to a huge size_t without complaint: counts must be given unsigned.
  if constexpr (std::is_unsigned_v<T>)
    if (!j.at(key).is_number_unsigned()) invalid_input(std::string("'") + key + "' must be a whole number ≥ 0");
  try {
    out = j.at(key).get<T>();
  } catch (const nlohmann::json::exception&) {
    invalid_input(std::string("'") + key + "' has the wrong type");
  }
}

void check_member(const std::string& key, const std::string& v, std::initializer_list<const char*> allowed) {
  for (const char* a : allowed)
    if (v == a) return;
  std::string list;
  for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  invalid_input("'" + key + "' is '" + v + "', not one of " + list);
}

}  // namespace

HeatMapQuery query_from_json(const nlohmann::json& j) {
  if (!j.is_object()) invalid_input("the heat map query must be a JSON object");
  static const char* known[] = {"level", "period", "measure", "counting", "order", "from", "to", "region",
                                "applicant_kind", "top", "burst_top", "s", "gamma", "min_duration", "growth_window"};
  for (const auto& [k, v] : j.items())
    if (std::find_if(std::begin(known), std::end(known), [&](const char* x) { return k == x; }) == std::end(known))
      invalid_input("unknown key '" + k + "' in the heat map query");
  HeatMapQuery q;
  read_key(j, "level", q.level);
  read_key(j, "period", q.period);
  read_key(j, "measure", q.measure);
  read_key(j, "counting", q.counting);
  read_key(j, "order", q.order);
  read_key(j, "from", q.from);
  read_key(j, "to", q.to);
  read_key(j, "region", q.filter.region);
  read_key(j, "applicant_kind", q.filter.applicant_kind);
  read_key(j, "top", q.top);
  read_key(j, "burst_top", q.burst_top);
  read_key(j, "s", q.params.s);
  read_key(j, "gamma", q.params.gamma);
  read_key(j, "min_duration", q.params.min_duration);
  read_key(j, "growth_window", q.params.growth_window);
  return q;
}

nlohmann::json to_json(const HeatMapQuery& q) {
  return {{"level", q.level},         {"period", q.period},
          {"measure", q.measure},     {"counting", q.counting},
          {"order", q.order},         {"from", q.from},
          {"to", q.to},               {"region", q.filter.region},
          {"applicant_kind", q.filter.applicant_kind},
          {"top", q.top},             {"burst_top", q.burst_top},
          {"s", q.params.s},          {"gamma", q.params.gamma},
          {"min_duration", q.params.min_duration},
          {"growth_window", q.params.growth_window}};
}

void write_flat_json(JsonWriter& w, const nlohmann::json& flat) {
  w.begin_object();
  for (const auto& [k, v] : flat.items()) {
    w.key(k);
    if (v.is_string()) w.value(v.get<std::string>());
    else if (v.is_number_unsigned()) w.value(v.get<uint64_t>());
    else if (v.is_number_integer()) w.value(v.get<int64_t>());
    else w.value(v.get<double>());
  }
  w.end_object();
}

double HeatMap::value(uint32_t f, size_t t, bool& defined) const {
  defined = true;
  const auto& m = *engine;
  if (query.measure == "count") return m.count(f, t);
  if (query.measure == "share") return m.share(f, t);
  if (query.measure == "growth") {
    double g = 0;
    defined = m.growth(f, t, g);
    return g;
  }
  // burst: the strength of the burst the cell belongs to, 0 outside bursts
  for (const auto& b : m.summary(f).bursts)
    if (t >= b.start && t <= b.end) return b.strength;
  return 0;
}

size_t complete_periods(const series::PeriodAxis& axis, uint32_t last_date, int to_year) {
  if (last_date == 0) return 0;
  const uint32_t p = axis.index_of(last_date);
  if (p == series::PeriodAxis::kOutside) return static_cast<int>(last_date / 10000) > to_year ? axis.size() : 0;
  // The period holding the last record is complete only when that record falls on its last
  // day, that is when the next day lies in another period.
  using namespace std::chrono;
  const year_month_day day{year{static_cast<int>(last_date / 10000)}, month{last_date / 100 % 100}, std::chrono::day{last_date % 100}};
  const year_month_day next{sys_days{day} + days{1}};
  const auto next_date = static_cast<uint32_t>(static_cast<int>(next.year())) * 10000 + static_cast<unsigned>(next.month()) * 100 +
                         static_cast<unsigned>(next.day());
  return axis.index_of(next_date) == p ? p : p + 1;
}

double ColourScale::position(double v) const {
  double x = 0;
  if (kind == "diverging") x = max > 0 ? 0.5 + v / (2 * max) : 0.5;
  else if (kind == "log") x = max > 0 ? std::log1p(factor * std::max(0.0, v)) / std::log1p(factor * max) : 0;
  else x = max > 0 ? v / max : 0;
  return std::clamp(x, 0.0, 1.0);
}

ColourScale colour_scale(const HeatMap& m) {
  ColourScale c;
  const auto& measure = m.query.measure;
  if (measure == "growth") {
    c.kind = "diverging", c.unit = "percent_per_period";
    c.colours = {"#2c7bb6", "#ffffbf", "#d7191c"};
  } else {
    // ColorBrewer YlOrRd, 9 classes.
    c.colours = {"#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#bd0026", "#800026"};
    c.kind = measure == "burst" ? "linear" : "log";
    c.factor = measure == "share" ? 100 : 1;
    c.unit = measure == "count" ? "patents" : measure == "share" ? "percent" : "strength";
  }
  for (const auto& f : m.shown)
    for (size_t t = 0; t < m.periods.size(); ++t) {
      bool defined = false;
      double v = m.value(f.id, t, defined);
      if (defined) c.max = std::max(c.max, std::abs(v));
    }
  return c;
}

HeatMap heat_map(const PatentCube& cube, const HeatMapQuery& q) {
  check_member("level", q.level, {"section", "class", "subclass", "group", "industry"});
  check_member("period", q.period, {"year", "quarter", "month", "week"});
  check_member("measure", q.measure, {"count", "share", "growth", "burst"});
  check_member("counting", q.counting, {"whole", "fractional"});
  check_member("order", q.order, {"strength", "total", "similarity"});
  if (!(q.params.s > 1)) invalid_input("'s' must be greater than 1 (the burst rate is s times the base rate)");
  if (!(q.params.gamma > 0)) invalid_input("'gamma' must be greater than 0");
  if (q.params.growth_window == 0) invalid_input("'growth_window' must be at least 1");
  if (q.params.min_duration == 0) invalid_input("'min_duration' must be at least 1");
  const auto started = std::chrono::steady_clock::now();
  HeatMap m;
  m.query = q;
  m.from = q.from ? q.from : cube.first_year();
  m.to = q.to ? q.to : cube.last_year();
  if (cube.size() == 0 && !q.from && !q.to) invalid_input("no patents imported yet (xinzhi import patents FILE)");
  if (m.to < m.from) invalid_input("'to' (" + std::to_string(m.to) + ") is before 'from' (" + std::to_string(m.from) + ")");
  if (m.from < 1800 || m.to > 2200) invalid_input("'from' and 'to' must be years between 1800 and 2200");
  auto g = series::granularity_named(q.period);
  series::PeriodAxis axis(g, m.from, m.to);
  if (axis.size() > 2000) invalid_input("more than 2,000 periods: choose a coarser period or fewer years");
  m.periods = axis.labels();
  m.complete_periods = complete_periods(axis, cube.last_date(), m.to);
  auto date_text = [](uint32_t d) {
    if (!d) return std::string();
    char buf[16];
    snprintf(buf, sizeof buf, "%04u-%02u-%02u", d / 10000, d / 100 % 100, d % 100);
    return std::string(buf);
  };
  m.data_from = date_text(cube.first_date());
  m.data_through = date_text(cube.last_date());
  m.records_total = cube.size();
  m.sources = cube.sources();
  auto level = code_level_named(q.level);
  // The matrix is fields × periods per thread: 78,000 groups by week over 20 years would ask
  // for gigabytes. Refuse before allocating.
  if (static_cast<double>(cube.fields(level).size()) * static_cast<double>(axis.size()) > 20e6)
    invalid_input(std::to_string(cube.fields(level).size()) + " fields × " + std::to_string(axis.size()) +
                  " periods is more than 20 million cells: choose a coarser level or period, or fewer years");
  // The classified records borrow the cube's rows and are read only by run().
  auto records = cube.classify(level, axis, q.filter);
  const double classified = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  auto params = q.params;
  params.counting = series::counting_named(q.counting);
  params.complete_periods = m.complete_periods;
  const auto& names = cube.fields(level);
  m.engine = std::make_unique<series::FieldHeatMap>(records, names.size(), axis.size(), params);
  m.engine->run();
  const double counted = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  for (auto n : m.engine->records_per_period()) m.records += n;

  auto order = m.engine->order(series::field_order_named(q.order));
  m.fields_with_records = order.size();
  std::vector<size_t> rank(names.size(), 0);
  for (size_t i = 0; i < order.size(); ++i) rank[order[i]] = i + 1;
  auto field = [&](uint32_t f) { return HeatMapField{f, names[f], m.engine->summary(f), rank[f]}; };
  for (size_t i = 0; i < order.size() && (q.top == 0 || i < q.top); ++i) m.shown.push_back(field(order[i]));
  for (uint32_t f : order) {
    const auto& s = m.engine->summary(f);
    if (s.emergence_candidate) m.emerging.push_back(field(f));
    for (const auto& b : s.bursts) m.bursts.push_back({field(f), b});
  }
  std::sort(m.emerging.begin(), m.emerging.end(), [](const HeatMapField& a, const HeatMapField& b) {
    return a.summary.emergence > b.summary.emergence || (a.summary.emergence == b.summary.emergence && a.rank < b.rank);
  });
  if (m.emerging.size() > 20) m.emerging.resize(20);
  std::stable_sort(m.bursts.begin(), m.bursts.end(),
                   [](const HeatMap::Burst& a, const HeatMap::Burst& b) { return a.interval.strength > b.interval.strength; });
  if (m.bursts.size() > q.burst_top) m.bursts.resize(q.burst_top);
  // Each empty list says why, so the page never shows a blank chart or another list's reason.
  if (level == CodeLevel::Industry && names.empty()) m.empty_heatmap = "no_industry_data";
  else if (m.records == 0) m.empty_heatmap = "no_patents_match";
  if (m.bursts.empty()) m.empty_bursts = m.empty_heatmap.empty() ? "no_bursts" : m.empty_heatmap;
  if (m.emerging.empty())
    m.empty_emerging = !m.empty_heatmap.empty()   ? m.empty_heatmap
                       : m.complete_periods < 10 ? "too_few_periods"
                                                 : "none_meet_criteria";
  m.scale = colour_scale(m);
  m.compute_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  spdlog::debug("heat map: periods {:.3f} s, counts and bursts {:.3f} s, orders and lists {:.3f} s", classified,
                counted - classified, m.compute_seconds - counted);
  return m;
}

namespace {

void write_field_head(JsonWriter& w, const HeatMap& m, const HeatMapField& f) {
  auto label = label_of(f.code);
  const auto& s = f.summary;
  w.field("code", f.code).field("label_zh", label.zh).field("label_en", label.en).field("rank", uint64_t{f.rank});
  w.field("total", s.total).field("records", s.records);
  w.key("first_period");
  s.first_period >= 0 ? w.value(m.periods[static_cast<size_t>(s.first_period)]) : w.null();
  w.key("cagr");
  s.cagr_defined ? w.value(s.cagr) : w.null();
  w.field("max_strength", s.max_strength);
  w.key("emergence");
  s.emergence_defined ? w.value(s.emergence) : w.null();
  w.field("emergence_candidate", s.emergence_candidate);
}

void write_interval(JsonWriter& w, const HeatMap& m, const series::BurstInterval& b) {
  w.field("start", m.periods[b.start]).field("end", m.periods[b.end]).field("periods", uint64_t{b.end - b.start + 1})
      .field("strength", b.strength);
}

}  // namespace

void write_json(JsonWriter& w, const HeatMap& m) {
  const auto& e = *m.engine;
  w.begin_object();
  w.key("query");
  auto q = to_json(m.query);
  q["from"] = m.from, q["to"] = m.to;
  write_flat_json(w, q);
  w.field("counting_note", m.query.counting == "whole"
                               ? "whole counting: a record counts once in each of its fields"
                               : "fractional counting: a record with k fields counts 1/k in each; bursts use whole counts");
  w.field("records", m.records).field("fields_with_records", uint64_t{m.fields_with_records});
  w.field("compute_seconds", m.compute_seconds);
  // Where the figures come from and how far the data reaches (docs/foresight.md, 数据来源).
  w.key("provenance").begin_object().field("records_total", m.records_total);
  w.field("data_from", m.data_from).field("data_through", m.data_through).key("sources").begin_array();
  for (const auto& src : m.sources)
    w.begin_object().field("name", src.name).field("records", src.records).field("first_filed", src.first_filed)
        .field("last_filed", src.last_filed).field("imported_at", src.imported_at).end_object();
  w.end_array().end_object();
  w.field("complete_periods", uint64_t{m.complete_periods}).key("incomplete_periods").begin_array();
  for (size_t t = m.complete_periods; t < m.periods.size(); ++t) w.value(m.periods[t]);
  w.end_array().key("growth_through");
  m.complete_periods ? w.value(m.periods[m.complete_periods - 1]) : w.null();
  w.field("growth_window", uint64_t{m.query.params.growth_window}).field("emergence_periods_needed", uint64_t{10});
  w.key("empty").begin_object();
  const std::pair<const char*, const std::string*> reasons[] = {
      {"heatmap", &m.empty_heatmap}, {"emerging", &m.empty_emerging}, {"bursts", &m.empty_bursts}};
  for (const auto& [key, reason] : reasons) {
    w.key(key);
    reason->empty() ? w.null() : w.value(*reason);
  }
  w.end_object().key("scale").begin_object().field("kind", m.scale.kind).field("factor", m.scale.factor)
      .field("max", m.scale.max).field("unit", m.scale.unit).field("missing", m.scale.missing)
      .field("burst_outline", m.scale.burst_outline).key("colours").begin_array();
  for (const auto& c : m.scale.colours) w.value(c);
  w.end_array().end_object();
  w.key("periods").begin_array();
  for (const auto& p : m.periods) w.value(p);
  w.end_array().key("records_per_period").begin_array();
  for (auto n : e.records_per_period()) w.value(n);
  w.end_array().key("fields").begin_array();
  for (const auto& f : m.shown) {
    w.begin_object();
    write_field_head(w, m, f);
    w.key("bursts").begin_array();
    for (const auto& b : f.summary.bursts) {
      w.begin_object();
      write_interval(w, m, b);
      w.end_object();
    }
    w.end_array();
    w.key("values").begin_array();
    for (size_t t = 0; t < m.periods.size(); ++t) {
      bool defined = false;
      double v = m.value(f.id, t, defined);
      defined ? w.value(v) : w.null();
    }
    w.end_array().key("counts").begin_array();
    for (size_t t = 0; t < m.periods.size(); ++t) w.value(e.count(f.id, t));
    w.end_array().key("growth").begin_array();
    for (size_t t = 0; t < m.periods.size(); ++t) {
      double g = 0;
      e.growth(f.id, t, g) ? w.value(g) : w.null();
    }
    w.end_array().key("burst").begin_array();
    for (size_t t = 0; t < m.periods.size(); ++t) w.value(e.burst_state(f.id, t));
    w.end_array().end_object();
  }
  w.end_array().key("bursts").begin_array();
  for (const auto& b : m.bursts) {
    w.begin_object();
    write_field_head(w, m, b.field);
    write_interval(w, m, b.interval);
    w.end_object();
  }
  w.end_array().key("emerging").begin_array();
  for (const auto& f : m.emerging) {
    w.begin_object();
    write_field_head(w, m, f);
    w.end_object();
  }
  w.end_array().end_object();
}

void write_csv(std::ostream& out, const HeatMap& m) {
  auto cell = [&](const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  out << "field,label_zh,label_en";
  for (const auto& p : m.periods) out << ',' << p;
  out << '\n';
  char buf[64];
  for (const auto& f : m.shown) {
    auto label = label_of(f.code);
    out << cell(f.code) << ',' << cell(label.zh) << ',' << cell(label.en);
    for (size_t t = 0; t < m.periods.size(); ++t) {
      bool defined = false;
      double v = m.value(f.id, t, defined);
      out << ',';
      if (defined) {
        // Shortest form that reads back to the same double, as in the JSON.
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
        out << std::string_view(buf, static_cast<size_t>(end - buf));
      }
    }
    out << '\n';
  }
}

}  // namespace xinzhi::foresight
