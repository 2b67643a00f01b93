// The chokepoint ranking as CSV (GET /api/chains/{chain}/chokepoints.csv): the same rows, order
// and numbers as the report, every component, the data gaps with their reason, a byte-order
// mark for Excel, names that cannot run as formulas; the weights it refuses; and the firms the
// page's shock simulator offers (every firm of the chain, each one a shock the service accepts).
#include <gtest/gtest.h>

#include <algorithm>

#include <cmath>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "modules/chain/chain_service.h"
#include "modules/kg/knowledge_graph.h"
#include "modules/registry.h"
#include "modules/chain/sample_chains.h"
#include "support/test_support.h"

namespace xinzhi::chain {
namespace {

using Table = std::vector<std::vector<std::string>>;

// RFC 4180 as Excel reads it: quoted cells may hold separators, quotes ("") and line breaks.
Table parse_csv(const std::string& text) {
  Table rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') rows.back().back().push_back('"'), ++i;
      else if (c == '"') quoted = false;
      else rows.back().back().push_back(c);
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.emplace_back(1);
      ++i;
    } else {
      rows.back().back().push_back(c);
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  return rows;
}

using Fixture = SampleChains;

std::string csv_of(const ChokepointReport& r) {
  std::ostringstream out;
  write_csv(out, r);
  return out.str();
}

const char* const kBom = "\xEF\xBB\xBF";

TEST(ChokepointCsv, RowsEqualTheRankingThenTheDataGaps) {
  Fixture f;
  ChokepointWeights weights{0.1, 0.4, 0.15, 0.05, 0.1, 0.2};
  auto r = f.service->chokepoints("新能源汽车（示例）", "天津", weights);
  ASSERT_FALSE(r.rows.empty());
  ASSERT_EQ(r.data_gaps.size(), 1u);
  auto text = csv_of(r);
  ASSERT_EQ(text.rfind(kBom, 0), 0u) << "no byte-order mark: Excel would read the Chinese as the local code page";
  auto table = parse_csv(text.substr(3));
  ASSERT_EQ(table.size(), 1 + r.rows.size() + r.data_gaps.size());
  const auto& head = table[0];
  ASSERT_EQ(head.size(), 19u);
  EXPECT_EQ(head[0], "排名 rank");
  EXPECT_EQ(head[1], "环节 segment");
  // The weights the ranking was made with, in the component headers.
  EXPECT_EQ(head[5], "集中 concentration（权重 weight 0.1）");
  EXPECT_EQ(head[6], "外部依赖 outside（权重 weight 0.4）");
  EXPECT_EQ(head[10], "技术 technology（权重 weight 0.2）");
  EXPECT_EQ(head[17], "地点不明 unknown place");
  EXPECT_EQ(head[18], "数据缺口 data gap");
  for (size_t i = 0; i < r.rows.size(); ++i) {
    const auto& x = r.rows[i];
    const auto& cells = table[1 + i];
    ASSERT_EQ(cells.size(), 19u) << x.name;
    EXPECT_EQ(cells[0], std::to_string(i + 1));
    EXPECT_EQ(cells[1], x.name);
    EXPECT_EQ(cells[2], x.stage);
    // Numbers read back to the very doubles of the report (and of the JSON).
    EXPECT_EQ(std::stod(cells[3]), x.score) << x.name;
    std::string drivers;
    for (const auto& d : x.drivers) drivers += (drivers.empty() ? "" : " ") + d;
    EXPECT_EQ(cells[4], drivers);
    const double parts[] = {x.concentration, x.outside, x.dominance, x.betweenness, x.substitutes};
    for (int k = 0; k < 5; ++k) {
      if (parts[k] < 0) EXPECT_EQ(cells[5 + k], "") << x.name << " component " << k;
      else EXPECT_EQ(std::stod(cells[5 + k]), parts[k]) << x.name << " component " << k;
    }
    if (x.technology < 0) EXPECT_EQ(cells[10], "") << x.name;
    else EXPECT_EQ(std::stod(cells[10]), x.technology) << x.name;
    EXPECT_EQ(cells[11], std::to_string(x.firms));
    EXPECT_EQ(cells[12], std::to_string(x.local));
    EXPECT_EQ(cells[13], std::to_string(x.foreign));
    EXPECT_EQ(cells[14], std::to_string(x.dominated));
    EXPECT_EQ(cells[15], std::to_string(x.patents));
    EXPECT_EQ(cells[16], std::to_string(x.local_patents));
    EXPECT_EQ(cells[17], std::to_string(x.unplaced));
    EXPECT_EQ(cells[18], "");
  }
  // The data gap after the ranking: no rank, no score, its reason.
  const auto& gap = table.back();
  EXPECT_EQ(gap[0], "");
  EXPECT_EQ(gap[1], "新能源汽车");
  EXPECT_EQ(gap[3], "");
  EXPECT_EQ(gap[14], std::to_string(r.data_gaps[0].dominated));
  EXPECT_EQ(gap[18], "no_known_firm");
  // Other weights, another order: the CSV follows the report it is given.
  auto other = f.service->chokepoints("新能源汽车（示例）", "天津", {0, 0, 1, 0, 0, 0});
  auto other_table = parse_csv(csv_of(other).substr(3));
  for (size_t i = 0; i < other.rows.size(); ++i) EXPECT_EQ(other_table[1 + i][1], other.rows[i].name);
}

TEST(ChokepointCsv, NamesAreQuotedAndNeverFormulas) {
  ChokepointReport r;
  r.chain = "c";
  const std::vector<std::string> names = {"=HYPERLINK(\"http://x\",\"点我\")", "电池,材料", "多\r\n行", "+1", "-2", "@x", "普通环节"};
  for (const auto& name : names)
    r.rows.push_back({name, "上游", 0.5, 0.1, 0.2, 0.3, 0.4, 0.5, -1, 1, 0, 0, 0, 0, 0, 0, {"outside"}});
  r.data_gaps.push_back({"=1+1", "", "no_known_firm", 0});
  auto table = parse_csv(csv_of(r).substr(3));
  ASSERT_EQ(table.size(), 1 + names.size() + 1);
  EXPECT_EQ(table[1][1], "'=HYPERLINK(\"http://x\",\"点我\")");
  EXPECT_EQ(table[2][1], "电池,材料");
  EXPECT_EQ(table[3][1], "多\r\n行");
  EXPECT_EQ(table[4][1], "'+1");
  EXPECT_EQ(table[5][1], "'-2");
  EXPECT_EQ(table[6][1], "'@x");
  EXPECT_EQ(table[7][1], "普通环节");
  EXPECT_EQ(table[8][1], "'=1+1");
  for (const auto& row : table) EXPECT_EQ(row.size(), 19u);
}

TEST(ChokepointCsv, TheReportSaysWhereItsFiguresComeFrom) {
  Fixture f;
  auto r = f.service->chokepoints("信创（示例）", "天津");
  EXPECT_TRUE(r.sample);
  EXPECT_EQ(r.origin, "derived");
  EXPECT_FALSE(r.created_at.empty());
  auto log = f.service->edits("信创（示例）");
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(r.as_of, log.back().at);
  // An edit moves the as-of date to the edit.
  f.service->edit("信创（示例）", {"add_firm", "数据库", "", "天津示例数据库有限公司", "", "", "", "天津", "", "", ""});
  auto after = f.service->chokepoints("信创（示例）", "天津");
  EXPECT_EQ(after.as_of, f.service->edits("信创（示例）").back().at);
  EXPECT_EQ(f.service->atlas({"信创（示例）", "天津", 0.2, 10, 20}).as_of, after.as_of);
}

TEST(ChokepointWeights, NoneAboveZeroOrANegativeOneIsRefusedWithAKey) {
  Fixture f;
  auto key_of = [&](const ChokepointWeights& w) {
    try {
      f.service->chokepoints("信创（示例）", "天津", w);
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::InvalidInput) << e.what();
      return e.key();
    }
    return std::string("accepted");
  };
  EXPECT_EQ(key_of({0, 0, 0, 0, 0, 0}), "chokepoint_weights_zero");
  EXPECT_EQ(key_of({0.2, -0.1, 0.15, 0.1, 0.15, 0.2}), "chokepoint_weight_invalid");
  EXPECT_EQ(key_of({std::numeric_limits<double>::quiet_NaN(), 0.2, 0.15, 0.1, 0.15, 0.2}), "chokepoint_weight_invalid");
  EXPECT_EQ(key_of({0, 0, 0, 0, 0, 1}), "accepted");
}

// A component weighted 0 adds nothing to a score, so it is named as no segment's driver.
TEST(ChokepointWeights, AComponentWeightedZeroDrivesNothing) {
  Fixture f;
  auto named = [](const ChokepointReport& r, const std::string& component) {
    size_t n = 0;
    for (const auto& row : r.rows) n += std::count(row.drivers.begin(), row.drivers.end(), component);
    return n;
  };
  auto all = f.service->chokepoints("新能源汽车（示例）", "天津");
  ASSERT_GT(named(all, "outside"), 0u);  // with the default weights it drives some segment
  auto without = f.service->chokepoints("新能源汽车（示例）", "天津", {0.2, 0, 0.15, 0.1, 0.15, 0.2});
  EXPECT_EQ(named(without, "outside"), 0u);
}

// Only technology weighted: a segment whose firms hold no patent has no weighted data and is a
// data gap, not a score of 0 ranked as the safest.
TEST(ChokepointWeights, ASegmentWithNoWeightedDataIsAGapNotAZero) {
  Fixture f;
  auto r = f.service->chokepoints("新能源汽车（示例）", "天津", {0, 0, 0, 0, 0, 1});
  size_t unweighted = 0;
  for (const auto& g : r.data_gaps) unweighted += g.reason == "no_weighted_component";
  EXPECT_GT(unweighted, 0u);
  for (const auto& row : r.rows) EXPECT_GE(row.technology, 0) << row.name;  // every ranked row has the data
}

TEST(ChainFirms, EveryFirmOfTheChainOnceLocalFirstAndEachAShockTarget) {
  Fixture f;
  const std::string chain = "信创（示例）";
  auto firms = f.service->chain_firms(chain, "天津");
  auto stored = f.chains->load(chain);
  ASSERT_EQ(firms.size(), stored.firms.size());
  std::set<std::string> names;
  for (const auto& firm : firms) names.insert(firm.name);
  EXPECT_EQ(names.size(), firms.size());
  for (size_t i = 1; i < firms.size(); ++i)
    EXPECT_FALSE(firms[i - 1].zone != "local" && firms[i].zone == "local") << firms[i].name;
  ASSERT_EQ(firms.front().zone, "local");
  // The union of the segments' firm lists is the chain's.
  std::set<std::string> from_segments;
  for (const auto& s : stored.segments)
    for (const auto& firm : f.service->segment_firms(chain, s.name, "天津")) from_segments.insert(firm.name);
  EXPECT_EQ(from_segments, names);
  for (const auto& firm : firms) {
    auto shock = f.service->shock(chain, {"", "", firm.name});
    EXPECT_FALSE(shock.rows.empty()) << firm.name;
  }
}

}  // namespace
}  // namespace xinzhi::chain
