#include "modules/chain/chokepoints.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

#include "base/error.h"
#include "base/text.h"
#include "engines/atlas/chain_atlas.h"
#include "engines/graph/betweenness.h"
#include "engines/graph/dominators.h"
#include "engines/graph/shock.h"

namespace xinzhi::chain {

namespace {
std::vector<graph::Edge> link_edges(const PreparedChain& p) {
  return std::vector<graph::Edge>(p.links.begin(), p.links.end());
}

// Downstream segments each segment dominates: subtree sizes of the dominator tree rooted at
// a super-source joined to every segment without inputs.
std::vector<uint32_t> dominated_counts(const PreparedChain& p) {
  const auto S = static_cast<graph::NodeId>(p.segments.size());
  auto edges = link_edges(p);
  std::vector<bool> has_input(S, false);
  for (auto [a, b] : p.links)
    if (a != b) has_input[b] = true;
  for (graph::NodeId v = 0; v < S; ++v)
    if (!has_input[v]) edges.push_back({S, v});
  graph::Digraph g(S + 1, edges);
  graph::DominatorTree dom(g, S);
  dom.run();
  std::vector<uint32_t> count(S + 1, 0);
  // Sum subtree sizes bottom-up: deeper nodes first (depth by walking idom).
  std::vector<std::pair<int, graph::NodeId>> by_depth;
  for (graph::NodeId v = 0; v < S; ++v) {
    if (dom.idom()[v] < 0) continue;
    int depth = 0;
    for (int64_t x = dom.idom()[v]; x >= 0; x = dom.idom()[x]) ++depth;
    by_depth.push_back({depth, v});
  }
  std::sort(by_depth.rbegin(), by_depth.rend());
  std::vector<uint32_t> subtree(S + 1, 1);
  for (auto [d, v] : by_depth) {
    (void)d;
    subtree[dom.idom()[v]] += subtree[v];
  }
  for (graph::NodeId v = 0; v < S; ++v) count[v] = dom.idom()[v] == graph::DominatorTree::kUnreachable ? 0 : subtree[v] - 1;
  count.pop_back();
  return count;
}

const char* component_name(int k) {
  static const char* names[] = {"concentration", "outside", "dominance", "betweenness", "substitutes", "technology"};
  return names[k];
}

// Weights are relative (each score is divided by their sum), so any non-negative numbers do,
// but not none: with every weight 0 every segment would score 0/0.
void check_weights(const ChokepointWeights& w) {
  const double weights[] = {w.concentration, w.outside, w.dominance, w.betweenness, w.substitutes, w.technology};
  double sum = 0;
  for (int k = 0; k < 6; ++k) {
    if (!std::isfinite(weights[k]) || weights[k] < 0) {
      std::string message = "weight '";
      message.append(component_name(k)).append("' is ").append(text::number(weights[k])).append(", expected a number ≥ 0");
      fail_keyed(ErrorCode::InvalidInput, "chokepoint_weight_invalid",
                 {{"weight", component_name(k)}, {"value", text::number(weights[k])}}, message);
    }
    sum += weights[k];
  }
  if (!(sum > 0))
    fail_keyed(ErrorCode::InvalidInput, "chokepoint_weights_zero", {},
               "every chokepoint weight is 0: give at least one weight above 0");
}
}  // namespace

ChokepointReport chokepoints(const PreparedChain& p, const ChokepointWeights& w) {
  check_weights(w);
  atlas::ChainAtlas a(p.snapshot, p.zones);
  a.run();
  const size_t S = p.segments.size();
  auto edges = link_edges(p);
  graph::Digraph g(S, edges);
  graph::Betweenness bc(g, true);
  bc.run();
  double max_bc = 0;
  for (double x : bc.scores()) max_bc = std::max(max_bc, x);
  auto dominated = dominated_counts(p);

  ChokepointReport r;
  r.chain = p.stored.summary.name, r.region = p.region.label, r.weights = w;
  r.origin = p.stored.summary.origin, r.description = p.stored.summary.description;
  r.created_at = p.stored.summary.created_at, r.sample = p.stored.summary.sample;
  const double weights[] = {w.concentration, w.outside, w.dominance, w.betweenness, w.substitutes, w.technology};
  for (uint32_t s = 0; s < S; ++s) {
    const auto& f = a.segments()[s];
    if (f.total == 0) {
      r.data_gaps.push_back({p.segments[s]->name, p.stages[s], "no_known_firm", dominated[s]});
      continue;
    }
    ChokepointRow row{p.segments[s]->name, p.stages[s], 0, 0, 0, 0, 0, 0, 0, f.total, f.local, 0, dominated[s], f.unplaced,
                      f.patents, 0, {}};
    uint64_t placed_patents = 0;
    for (auto firm : a.firms_of(s)) {
      if (p.stored.firms[firm].province == "境外") ++row.foreign;
      if (p.zones[firm] == atlas::Zone::Local) row.local_patents += p.stored.firms[firm].patents;
      if (p.zones[firm] != atlas::Zone::Unplaced) placed_patents += p.stored.firms[firm].patents;
    }
    double hhi_firms = 10000.0 / f.total;  // firms weigh alike: no size data
    row.concentration = (hhi_firms + f.hhi) / 20000.0;
    row.outside = f.placed() ? 1.0 - f.local_share : -1;
    row.dominance = S > 1 ? static_cast<double>(dominated[s]) / (S - 1) : 0;
    row.betweenness = max_bc > 0 ? bc.scores()[s] / max_bc : 0;
    row.substitutes = 1.0 / std::sqrt(static_cast<double>(f.total));
    row.technology = placed_patents ? 1.0 - static_cast<double>(row.local_patents) / placed_patents : -1;
    const double parts[] = {row.concentration, row.outside, row.dominance, row.betweenness, row.substitutes, row.technology};
    double sum = 0, total_weight = 0;
    std::vector<std::pair<double, int>> contribution;
    for (int k = 0; k < 6; ++k) {
      if (parts[k] < 0) continue;
      sum += weights[k] * parts[k];
      total_weight += weights[k];
      contribution.push_back({weights[k] * parts[k], k});
    }
    if (total_weight == 0) {
      // Every weighted component is missing here (only technology weighted, and its firms hold
      // no patent): a 0 would rank it as the safest segment for want of data.
      r.data_gaps.push_back({row.name, row.stage, "no_weighted_component", row.dominated});
      continue;
    }
    row.score = sum / total_weight;
    // The drivers: components at least half their maximum, by contribution; a component
    // weighted 0 contributed nothing and drives nothing.
    std::sort(contribution.rbegin(), contribution.rend());
    for (auto [c, k] : contribution)
      if (parts[k] >= 0.5 && weights[k] > 0 && row.drivers.size() < 3) row.drivers.push_back(component_name(k));
    r.rows.push_back(std::move(row));
  }
  std::stable_sort(r.rows.begin(), r.rows.end(), [](const auto& x, const auto& y) { return x.score > y.score; });
  return r;
}

ShockReport simulate_shock(const PreparedChain& p, const ShockRequest& req) {
  const size_t S = p.segments.size();
  int given = !req.segment.empty() + !req.region.empty() + !req.enterprise.empty();
  // Keyed, so that the page's shock simulator says them in the reader's language.
  if (given != 1)
    fail_keyed(ErrorCode::InvalidInput, "shock_one_target", {},
               "give exactly one of: a segment to remove, a region, an enterprise");
  atlas::ChainAtlas a(p.snapshot, p.zones);
  a.run();
  std::vector<double> initial(S, 0);
  std::string label;
  if (!req.segment.empty()) {
    auto it = p.segment_named.find(req.segment);
    if (it == p.segment_named.end()) {
      std::string message = "chain '";
      message.append(p.stored.summary.name).append("' has no segment '").append(req.segment).append("'");
      fail_keyed(ErrorCode::NotFound, "chain_no_segment", {{"chain", p.stored.summary.name}, {"segment", req.segment}}, message);
    }
    initial[it->second] = 1;
    label = "segment " + req.segment;
  } else if (!req.region.empty()) {
    auto scope = ingest::RegionGazetteer::instance().scope(req.region);
    for (uint32_t s = 0; s < S; ++s) {
      auto firms = a.firms_of(s);
      size_t lost = 0;
      for (auto f : firms) {
        const auto& firm = p.stored.firms[f];
        lost += scope.is_local(firm.province, firm.city, firm.district);
      }
      initial[s] = firms.empty() ? 0 : static_cast<double>(lost) / firms.size();
    }
    label = "suppliers in " + scope.label;
  } else {
    auto key = text::name_key(req.enterprise);
    int64_t firm = -1;
    for (size_t f = 0; f < p.stored.firms.size(); ++f)
      if (text::name_key(p.stored.firms[f].name) == key) firm = static_cast<int64_t>(f);
    if (firm < 0) {
      std::string message = "chain '";
      message.append(p.stored.summary.name).append("' has no enterprise '").append(req.enterprise).append("'");
      fail_keyed(ErrorCode::NotFound, "chain_no_enterprise", {{"chain", p.stored.summary.name}, {"firm", req.enterprise}}, message);
    }
    for (uint32_t s = 0; s < S; ++s) {
      auto firms = a.firms_of(s);
      if (std::find(firms.begin(), firms.end(), static_cast<uint32_t>(firm)) != firms.end())
        initial[s] = 1.0 / static_cast<double>(firms.size());
    }
    label = "enterprise " + req.enterprise;
  }
  auto edges = link_edges(p);
  graph::Digraph g(S, edges);
  graph::ShockPropagation shock(g, initial);
  shock.run();
  ShockReport r{p.stored.summary.name, label, shock.amplification(), {}, {}, 0, 0};
  std::vector<bool> cut(S, false);
  for (auto v : shock.cut_off()) cut[v] = true, r.cut_off.push_back(p.segments[v]->name);
  for (uint32_t s = 0; s < S; ++s) {
    bool end = !p.links.empty() && g.out(s).empty() && !g.in(s).empty();
    r.end_products += end;
    double loss = shock.loss()[s];
    if (loss <= 0 && !cut[s]) continue;
    r.end_products_hit += end;
    r.rows.push_back({p.segments[s]->name, p.stages[s], initial[s], loss, cut[s], end});
  }
  std::stable_sort(r.rows.begin(), r.rows.end(), [](const auto& x, const auto& y) { return x.loss > y.loss; });
  return r;
}

void write_json(JsonWriter& w, const ChokepointReport& r) {
  const auto& k = r.weights;
  w.begin_object().field("chain", r.chain).field("region", r.region);
  w.key("source").begin_object().field("origin", r.origin).field("description", r.description)
      .field("sample", r.sample).field("created_at", r.created_at).field("as_of", r.as_of).end_object();
  w.key("weights").begin_object().field("concentration", k.concentration).field("outside", k.outside)
      .field("dominance", k.dominance).field("betweenness", k.betweenness).field("substitutes", k.substitutes)
      .field("technology", k.technology).end_object();
  w.key("rows").begin_array();
  for (const auto& x : r.rows) {
    w.begin_object().field("segment", x.name).field("stage", x.stage).field("score", x.score);
    w.key("components").begin_object().field("concentration", x.concentration).key("outside");
    x.outside < 0 ? w.null() : w.value(x.outside);
    w.field("dominance", x.dominance).field("betweenness", x.betweenness).field("substitutes", x.substitutes)
        .key("technology");
    x.technology < 0 ? w.null() : w.value(x.technology);
    w.end_object().field("firms", x.firms).field("local", x.local).field("unplaced", x.unplaced).field("foreign", x.foreign)
        .field("dominated", x.dominated).field("patents", x.patents).field("local_patents", x.local_patents);
    w.key("drivers").begin_array();
    for (const auto& d : x.drivers) w.value(d);
    w.end_array().end_object();
  }
  w.end_array().key("data_gaps").begin_array();
  for (const auto& gap : r.data_gaps)
    w.begin_object().field("segment", gap.name).field("stage", gap.stage).field("reason", gap.reason)
        .field("dominated", gap.dominated).end_object();
  w.end_array().end_object();
}

void write_json(JsonWriter& w, const ShockReport& r) {
  w.begin_object().field("chain", r.chain).field("shock", r.shock).field("amplification", r.amplification)
      .field("end_products", uint64_t{r.end_products}).field("end_products_hit", uint64_t{r.end_products_hit});
  w.key("cut_off").begin_array();
  for (const auto& c : r.cut_off) w.value(c);
  w.end_array().key("segments").begin_array();
  for (const auto& x : r.rows)
    w.begin_object().field("segment", x.name).field("stage", x.stage).field("initial", x.initial).field("loss", x.loss)
        .field("cut_off", x.cut_off).field("end_product", x.end_product).end_object();
  w.end_array().end_object();
}

namespace {
std::string csv_text(const std::string& s) { return text::csv_cell(s); }

std::string csv_number(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, static_cast<size_t>(end - buf));
}
}  // namespace

void write_csv(std::ostream& out, const ChokepointReport& r) {
  const auto& k = r.weights;
  auto weighted = [](const char* label, double weight) {
    std::string head = label;
    head.append("（权重 weight ").append(csv_number(weight)).append("）");
    return csv_text(head);
  };
  out << "\xEF\xBB\xBF";
  out << "排名 rank,环节 segment,阶段 stage,得分 score,原因 drivers,"
      << weighted("集中 concentration", k.concentration) << ',' << weighted("外部依赖 outside", k.outside) << ','
      << weighted("支配 dominance", k.dominance) << ',' << weighted("中介 betweenness", k.betweenness) << ','
      << weighted("替代 substitutes", k.substitutes) << ',' << weighted("技术 technology", k.technology) << ','
      << "企业 firms,本地 local,境外 foreign,支配下游 dominated,专利 patents,本地专利 local patents,"
         "地点不明 unknown place,数据缺口 data gap\r\n";
  for (size_t i = 0; i < r.rows.size(); ++i) {
    const auto& x = r.rows[i];
    std::string drivers;
    for (const auto& d : x.drivers) {
      if (!drivers.empty()) drivers.push_back(' ');
      drivers.append(d);
    }
    out << i + 1 << ',' << csv_text(x.name) << ',' << csv_text(x.stage) << ',' << csv_number(x.score) << ','
        << csv_text(drivers) << ',' << csv_number(x.concentration) << ','
        << (x.outside < 0 ? std::string() : csv_number(x.outside)) << ',' << csv_number(x.dominance) << ',' << csv_number(x.betweenness) << ',' << csv_number(x.substitutes) << ','
        << (x.technology < 0 ? std::string() : csv_number(x.technology)) << ',' << x.firms << ',' << x.local << ','
        << x.foreign << ',' << x.dominated << ',' << x.patents << ',' << x.local_patents << ',' << x.unplaced << ",\r\n";
  }
  // Unscored: no rank, score or component; the reason in the last column.
  for (const auto& gap : r.data_gaps)
    out << ',' << csv_text(gap.name) << ',' << csv_text(gap.stage) << ",,,,,,,,,0,0,0," << gap.dominated << ",0,0,0,"
        << csv_text(gap.reason) << "\r\n";
}

}  // namespace xinzhi::chain
