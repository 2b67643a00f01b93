#include "modules/chain/chain_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "base/json_writer.h"
#include "base/text.h"
#include "ingest/company_origin.h"
#include "ingest/ickg.h"
#include "ingest/listed_companies.h"
#include "ingest/region.h"
#include "modules/kg/knowledge_graph.h"
#include "modules/registry.h"
#include "support/test_support.h"

namespace xinzhi::chain {

using testing::ScratchDir;

struct Fixture {
  ScratchDir dir;
  store::Database db{dir.database("x.db")};
  std::unique_ptr<kg::GraphStore> graph;
  std::unique_ptr<ChainStore> chains;
  std::unique_ptr<ChainService> service;
  Fixture() {
    modules::migrate(db);
    graph = kg::sql_graph_store(db);
    chains = sql_chain_store(db);
    service = std::make_unique<ChainService>(*chains, *graph);
  }
  int64_t count(const char* table) {
    return db.query_int(std::string("SELECT count(*) FROM ") + table);
  }
};

const SegmentRow& row(const AtlasReport& r, const std::string& name) {
  for (const auto& s : r.segments)
    if (s.name == name) return s;
  throw std::runtime_error("no segment " + name);
}

TEST(ChainDerive, MatchesAnIndependentBreadthFirstSearchOnIckg25) {
  XINZHI_FULL_SCALE_ON_SQLITE_ONLY();
  XINZHI_REQUIRE_DATA(testing::ickg25());
  Fixture f;
  kg::KnowledgeGraph(*f.graph).import_ickg(testing::ickg25());
  f.service->derive("新能源车行业", 2, "新能源车");
  auto atlas = f.service->atlas({"新能源车", "天津", 0.2, 10, 20});

  // The same rule, computed here from the raw files: segment nodes are industry/other
  // entities keyed by name; links 上游于 and 供给 point downstream, 包含 points from part to whole.
  auto data = ingest::read_ickg(testing::ickg25());
  auto kinds = ingest::infer_ickg_kinds(data);
  std::map<int64_t, std::string> key_of, kind_of;
  for (size_t i = 0; i < data.entities.size(); ++i) {
    key_of[data.entities[i].id] = text::name_key(data.entities[i].name);
    kind_of[data.entities[i].id] = std::string(ingest::kind_name(kinds[i]));
  }
  std::map<int64_t, std::string> rel;
  for (auto& [id, name] : data.relations) rel[id] = name;
  auto segment = [&](int64_t e) { return kind_of[e] == "industry" || kind_of[e] == "other"; };
  std::map<std::string, std::set<std::string>> down, up;
  for (const auto& q : data.quads) {
    const auto& r = rel[q.relation];
    if ((r != "上游于" && r != "供给" && r != "包含") || !segment(q.head) || !segment(q.tail)) continue;
    auto a = key_of[q.head], b = key_of[q.tail];
    if (r == "包含") std::swap(a, b);
    if (a == b) continue;
    down[a].insert(b);
    up[b].insert(a);
  }
  std::set<std::string> expected;
  for (auto* adj : {&down, &up}) {
    std::map<std::string, int> dist{{text::name_key("新能源车行业"), 0}};
    std::deque<std::string> queue{text::name_key("新能源车行业")};
    while (!queue.empty()) {
      auto u = queue.front();
      queue.pop_front();
      expected.insert(u);
      if (dist[u] == 2) continue;
      for (const auto& v : (*adj)[u])
        if (!dist.count(v)) dist[v] = dist[u] + 1, queue.push_back(v);
    }
  }
  std::set<std::string> derived;
  for (const auto& s : atlas.segments) derived.insert(text::name_key(s.name));
  EXPECT_EQ(derived, expected);
  EXPECT_EQ(derived.size(), 255u);

  // Per-segment enterprise counts against the raw relations. Generic actors (电池厂商) are no
  // firms: names the gazetteer does not place, the listed table does not know, and the rule
  // (tests/ingest/company_origin_test.cpp) calls generic.
  std::vector<std::string> industry_names;
  std::map<int64_t, std::string> name_of;
  for (size_t i = 0; i < data.entities.size(); ++i) {
    if (kinds[i] == ingest::EntityKind::Industry) industry_names.push_back(data.entities[i].name);
    name_of[data.entities[i].id] = data.entities[i].name;
  }
  ingest::GenericActorRule generic(industry_names);
  auto listed = ingest::ListedCompanies::read(testing::shared_data() + "/chainkg/company.json");
  auto is_generic = [&](int64_t e) {
    const auto& n = name_of[e];
    auto place = ingest::RegionGazetteer::instance().infer(n);
    return !place.known() && !place.national && listed.by_short_name(n).empty() && listed.by_full_name(n).empty() &&
           generic.is_generic(n);
  };
  std::map<std::string, std::set<std::string>> firms;
  for (const auto& q : data.quads) {
    const auto& r = rel[q.relation];
    if ((r == "涉足行业" || r == "归属于行业" || r == "供给") && kind_of[q.head] == "company" && segment(q.tail) &&
        !is_generic(q.head))
      firms[key_of[q.tail]].insert(key_of[q.head]);
  }
  size_t checked = 0;
  for (const auto& s : atlas.segments) {
    EXPECT_EQ(s.firms, firms[text::name_key(s.name)].size()) << s.name;
    checked += s.firms > 0;
  }
  EXPECT_GT(checked, 100u);
}

TEST(ChainImport, AllTwentyEightTwchainsChainsAndTheSemiconductorAtlas) {
  auto path = testing::shared_data() + "/twchains/chains.json";
  XINZHI_REQUIRE_DATA(path);
  Fixture f;
  auto report = f.service->import_file(path);
  EXPECT_EQ(report.result.created.size(), 28u);
  EXPECT_EQ(f.service->import_file(path).result.skipped.size(), 28u);  // nothing added twice
  EXPECT_EQ(f.count("chain"), 28);

  // Independently: listed (stock code) and foreign (domain) firm names of 半導體.
  nlohmann::json doc = nlohmann::json::parse(std::ifstream(path));
  std::set<std::string> listed, foreign;
  for (const auto& ind : doc["industries"])
    if (ind["name"] == "半導體")
      for (const auto& layer : ind["layers"])
        for (const auto& seg : layer["segments"])
          for (const auto& sub : seg["subs"])
            for (const auto& c : sub["companies"])
              (c.value("c", "").empty() ? foreign : listed).insert(text::name_key(c["n"].get<std::string>()));
  auto atlas = f.service->atlas({"半導體", "", 0.2, 10, 20});
  EXPECT_EQ(atlas.region.label, "台湾");
  EXPECT_EQ(atlas.local_firms, listed.size());
  EXPECT_EQ(atlas.firms, listed.size() + foreign.size());
  std::set<std::string> stages;
  for (const auto& s : atlas.segments) stages.insert(s.stage);
  EXPECT_EQ(stages, (std::set<std::string>{"上游", "中游", "下游"}));
  EXPECT_EQ(atlas.segments.front().stage, "上游");
  size_t gaps = 0;
  for (const auto& s : atlas.segments) gaps += s.missing || s.weak;
  EXPECT_GT(gaps, 0u);
  // For Tianjin the same chain is all gaps, with outside firms as candidates.
  auto tianjin = f.service->atlas({"半導體", "天津", 0.2, 3, 5});
  EXPECT_EQ(tianjin.coverage, 0);
  EXPECT_LE(tianjin.segments.front().candidates.size(), 3u);
}

TEST(ChainImport, BadTemplatesNameTheProblemAndWriteNothing) {
  Fixture f;
  ScratchDir d;
  auto unknown = d.write("a.csv",
                         "chain,kind,segment,stage,target\n"
                         "测试链,segment,电池,上游,\n测试链,link,电池,,整车\n");
  testing::expect_error(ErrorCode::InvalidInput, [&] { f.service->import_file(unknown); },
                                   "a.csv:3: link names unknown segment '整车' in chain '测试链'");
  auto dup = d.write("b.csv", "链,类型,环节\n测试链,环节,电池\n测试链,环节,电池\n");
  testing::expect_error(ErrorCode::InvalidInput, [&] { f.service->import_file(dup); },
                                   "b.csv:3: segment '电池' is defined twice in chain '测试链' (first at ");
  auto empty = d.write("c.csv", "chain,kind,segment,firm\n空链,firm,电池,天津甲有限公司\n");
  testing::expect_error(ErrorCode::InvalidInput, [&] { f.service->import_file(empty); }, "chain '空链' has no segments");
  auto stage = d.write("d.csv", "chain,kind,segment,stage\n测试链,segment,电池,上上游\n");
  testing::expect_error(ErrorCode::InvalidInput, [&] { f.service->import_file(stage); }, "stage '上上游'");
  // A good chain before a bad one in the same file: neither is written.
  auto mixed = d.write("e.csv", "chain,kind,segment,target\n好链,segment,电池,\n坏链,segment,电机,\n坏链,link,电机,整车\n");
  EXPECT_ANY_THROW(f.service->import_file(mixed));
  EXPECT_EQ(f.count("chain"), 0);
  EXPECT_EQ(f.count("chain_segment"), 0);
}

TEST(ChainTemplate, ImportsTheShippedExample) {
  Fixture f;
  auto r = f.service->import_file(std::string(XINZHI_SOURCE_DIR) + "/data/examples/chain-template.csv");
  ASSERT_EQ(r.result.created.size(), 1u);
  auto atlas = f.service->atlas({r.result.created[0], "天津", 0.2, 10, 20});
  EXPECT_EQ(atlas.segments.size(), 8u);
  EXPECT_EQ(row(atlas, "动力电池").local, 2u);
  EXPECT_TRUE(row(atlas, "车规级芯片").missing);
  EXPECT_EQ(row(atlas, "车规级芯片").candidates.front().zone, "partner");  // 北京 before 上海
}

TEST(ChainMerge, FoldsASegmentInAndUnfoldsIt) {
  Fixture f;
  modules::seed_sample_region(f.db);
  const std::string chain = "新能源汽车（示例）";
  auto before = f.service->atlas({chain, "天津", 0.2, 10, 20});
  auto battery = row(before, "动力电池").firms, cathode = row(before, "正极材料").firms;
  f.service->merge(chain, "正极材料", "动力电池");
  auto merged = f.service->atlas({chain, "天津", 0.2, 10, 20});
  EXPECT_EQ(merged.segments.size(), before.segments.size() - 1);
  EXPECT_EQ(row(merged, "动力电池").aliases, std::vector<std::string>{"正极材料"});
  EXPECT_LE(row(merged, "动力电池").firms, battery + cathode);
  EXPECT_GT(row(merged, "动力电池").firms, battery);
  EXPECT_EQ(f.service->segment_firms(chain, "正极材料", "天津").size(), row(merged, "动力电池").firms);
  testing::expect_error(ErrorCode::InvalidInput, [&] { f.service->merge(chain, "动力电池", "正极材料"); }, "cycle");
  f.service->unmerge(chain, "正极材料");
  auto after = f.service->atlas({chain, "天津", 0.2, 10, 20});
  EXPECT_EQ(row(after, "正极材料").firms, cathode);
  EXPECT_EQ(f.db.query_int("SELECT count(*) FROM chain_edit WHERE action IN ('merge','unmerge')"), 2);
}

TEST(ChainService, UnknownNamesAreNotFound) {
  Fixture f;
  modules::seed_sample_region(f.db);
  testing::expect_error(ErrorCode::NotFound, [&] { f.service->atlas({"没有这条链", "天津", 0.2, 10, 20}); }, "no chain named");
  testing::expect_error(ErrorCode::NotFound, [&] { f.service->derive("不存在的行业", 2, "x"); }, "no industry or product named");
  testing::expect_error(ErrorCode::NotFound, [&] { f.service->segment_firms("信创（示例）", "无", ""); }, "has no segment");
  EXPECT_EQ(f.service->atlas({"信创（示例）", "", 0.2, 10, 20}).region.label, "天津市");  // the default region
}

}  // namespace xinzhi::chain

namespace xinzhi::chain {

TEST(ChainEdits, EachActionChangesTheAtlasAndIsRecorded) {
  Fixture f;
  modules::seed_sample_region(f.db);
  const std::string chain = "信创（示例）";
  auto edit = [&](ChainEdit e) { return f.service->edit(chain, e); };
  edit({"add_segment", "国产GPU", "", "", "上游", "", "", "", "", "", ""});
  edit({"add_link", "国产GPU", "服务器", "", "", "", "", "", "", "", ""});
  edit({"add_firm", "国产GPU", "", "天津示例图形芯片有限公司", "", "", "设计", "", "", "", ""});
  edit({"add_firm", "国产GPU", "", "示例算力有限公司", "", "", "", "北京", "", "", ""});
  auto a = f.service->atlas({chain, "天津", 0.2, 10, 20});
  EXPECT_EQ(row(a, "国产GPU").firms, 2u);
  EXPECT_EQ(row(a, "国产GPU").local, 1u);
  EXPECT_EQ(row(a, "国产GPU").partner, 1u);  // placed in 北京 by the region field
  EXPECT_EQ(row(a, "国产GPU").stage, "上游");
  // Refusals name the problem and change nothing.
  testing::expect_error(ErrorCode::Conflict, [&] { edit({"add_segment", "国产GPU", "", "", "", "", "", "", "", "", ""}); },
                                   "already has segment");
  testing::expect_error(ErrorCode::NotFound, [&] { edit({"add_link", "国产GPU", "无", "", "", "", "", "", "", "", ""}); },
                                   "has no segment '无'");
  testing::expect_error(ErrorCode::NotFound, [&] { edit({"remove_firm", "国产GPU", "", "无此企业", "", "", "", "", "", "", ""}); },
                                   "is not in segment");
  testing::expect_error(ErrorCode::InvalidInput, [&] { edit({"fly", "国产GPU", "", "", "", "", "", "", "", "", ""}); }, "expected add_segment");
  testing::expect_error(ErrorCode::InvalidInput, [&] { edit({"add_firm", "国产GPU", "", "", "", "", "", "", "", "", ""}); },
                                   "needs field 'firm'");
  edit({"remove_firm", "国产GPU", "", "示例算力有限公司", "", "", "", "", "", "", ""});
  edit({"remove_link", "国产GPU", "服务器", "", "", "", "", "", "", "", ""});
  edit({"remove_firm", "国产GPU", "", "天津示例图形芯片有限公司", "", "", "", "", "", "", ""});
  edit({"remove_segment", "国产GPU", "", "", "", "", "", "", "", "", ""});
  auto b = f.service->atlas({chain, "天津", 0.2, 10, 20});
  EXPECT_EQ(b.segments.size(), 7u);
  EXPECT_EQ(b.firms, 9u);  // the two firms left with their last segment
  // Removing a segment takes along the firms that were only in it.
  auto before = f.service->atlas({chain, "天津", 0.2, 10, 20}).firms;
  auto cpu_firms = row(f.service->atlas({chain, "天津", 0.2, 10, 20}), "CPU芯片").firms;
  edit({"remove_segment", "CPU芯片", "", "", "", "", "", "", "", "", ""});
  EXPECT_LT(f.service->atlas({chain, "天津", 0.2, 10, 20}).firms, before);
  EXPECT_GE(cpu_firms, 1u);
  auto log = f.service->edits(chain);
  ASSERT_EQ(log.size(), 10u);  // create + 8 edits; refusals leave no record
  EXPECT_EQ(log[3].action, "add_firm");
  EXPECT_NE(log[3].detail.find("天津示例图形芯片有限公司"), std::string::npos);
}

}  // namespace xinzhi::chain

namespace xinzhi::chain {

// For every segment: removing it cuts off exactly the segments it dominates, and its
// chokepoint row counts them.
void expect_shocks_cut_off_dominated(ChainService& service, const std::string& chain) {
  auto report = service.chokepoints(chain, "天津");
  std::map<std::string, uint32_t> dominated;
  for (const auto& row : report.rows) dominated[row.name] = row.dominated;
  for (const auto& gap : report.data_gaps) dominated[gap.name] = gap.dominated;
  size_t dominators = 0;
  for (const auto& [name, count] : dominated) {
    auto shock = service.shock(chain, {name, "", ""});
    EXPECT_EQ(shock.cut_off.size(), count) << name;
    dominators += count > 0;
  }
  EXPECT_GT(dominators, 0u) << chain;
}

TEST(Chokepoints, RemovingADominatorCutsOffExactlyWhatItDominates) {
  Fixture f;
  modules::seed_sample_region(f.db);
  expect_shocks_cut_off_dominated(*f.service, "新能源汽车（示例）");
  expect_shocks_cut_off_dominated(*f.service, "信创（示例）");
  // 锂矿资源 → 正极材料 → 动力电池: 锂矿资源's only way down goes through 正极材料.
  auto shock = f.service->shock("新能源汽车（示例）", {"正极材料", "", ""});
  EXPECT_EQ(shock.rows.front().name, "正极材料");
  EXPECT_DOUBLE_EQ(shock.rows.front().loss, 1.0);
  EXPECT_GT(shock.amplification, 1.0);
}

TEST(Chokepoints, OnAnIckgDerivedChainEveryRowIsExplained) {
  XINZHI_FULL_SCALE_ON_SQLITE_ONLY();
  XINZHI_REQUIRE_DATA(testing::ickg25());
  Fixture f;
  kg::KnowledgeGraph(*f.graph).import_ickg(testing::ickg25());
  f.service->derive("新能源车行业", 2, "新能源车");
  expect_shocks_cut_off_dominated(*f.service, "新能源车");
  auto r = f.service->chokepoints("新能源车", "天津");
  // Every segment is either scored or a data gap; segments without a known firm are gaps.
  ASSERT_EQ(r.rows.size() + r.data_gaps.size(), 255u);
  EXPECT_EQ(r.data_gaps.size(), 95u);  // 95 segments no known firm is attached to (they tied at 0.688 before)
  for (const auto& gap : r.data_gaps) EXPECT_EQ(gap.reason, "no_known_firm") << gap.name;
  for (size_t i = 1; i < r.rows.size(); ++i) EXPECT_GE(r.rows[i - 1].score, r.rows[i].score);
  for (const auto& row : r.rows) {
    EXPECT_GT(row.firms, 0u) << row.name;
    EXPECT_GE(row.score, 0);
    EXPECT_LE(row.score, 1);
    if (row.score >= 0.5) {
      EXPECT_FALSE(row.drivers.empty()) << row.name;
    }
  }
  // Weights move the ranking: with all weight on dominance the top row dominates the most.
  ChokepointWeights only_dominance{0, 0, 1, 0, 0, 0};
  auto d = f.service->chokepoints("新能源车", "天津", only_dominance);
  uint32_t most = 0;
  for (const auto& row : d.rows) most = std::max(most, row.dominated);
  EXPECT_EQ(d.rows.front().dominated, most);
}

// Missing data is not risk: the sample's 新能源汽车 has no known firm and used to rank first
// (0.688, every firm-based component at its maximum), so that the page's default shock target
// was a segment nobody knows anything about.
TEST(Chokepoints, SegmentsWithoutKnownFirmsAreDataGapsNotTopChokepoints) {
  Fixture f;
  modules::seed_sample_region(f.db);
  auto r = f.service->chokepoints("新能源汽车（示例）", "天津");
  ASSERT_EQ(r.data_gaps.size(), 1u);
  EXPECT_EQ(r.data_gaps[0].name, "新能源汽车");
  EXPECT_EQ(r.data_gaps[0].reason, "no_known_firm");
  ASSERT_EQ(r.rows.size(), 9u);
  EXPECT_EQ(r.rows.front().name, "锂矿资源");
  for (const auto& row : r.rows) {
    EXPECT_NE(row.name, "新能源汽车");
    EXPECT_GT(row.firms, 0u) << row.name;
    EXPECT_EQ(std::count(row.drivers.begin(), row.drivers.end(), "no_known_firm"), 0) << row.name;
  }
  JsonWriter w;
  write_json(w, r);
  auto j = nlohmann::json::parse(w.str());
  EXPECT_EQ(j["rows"][0]["segment"], "锂矿资源");
  EXPECT_EQ(j["data_gaps"][0]["segment"], "新能源汽车");
  EXPECT_EQ(j["data_gaps"][0]["reason"], "no_known_firm");
}

// Issue 14: for a district (滨海新区), a 天津市 firm whose district is unknown is missing data:
// not outside the district (it may be in it), not a gap, not outside dependence in the score.
TEST(Chokepoints, AFirmWithoutADistrictIsUnplacedForADistrictScope) {
  Fixture f;
  modules::seed_sample_region(f.db);
  const std::string chain = "信创（示例）";
  auto edit = [&](ChainEdit e) { return f.service->edit(chain, e); };
  edit({"add_segment", "国产GPU", "", "", "上游", "", "", "", "", "", ""});
  edit({"add_firm", "国产GPU", "", "天津示例图形芯片有限公司", "", "", "", "", "", "", ""});  // 天津市, no district
  edit({"add_firm", "国产GPU", "", "示例算力有限公司", "", "", "", "北京", "", "", ""});
  auto district = f.service->atlas({chain, "天津市滨海新区", 0.2, 10, 20});
  const auto& gpu = row(district, "国产GPU");
  EXPECT_EQ(gpu.firms, 2u);
  EXPECT_EQ(gpu.local, 0u);
  EXPECT_EQ(gpu.unplaced, 1u);
  EXPECT_TRUE(gpu.unsettled);
  EXPECT_FALSE(gpu.missing);
  EXPECT_EQ(std::string(gpu.status()), "unsettled");
  EXPECT_EQ(gpu.local_share, 0);  // 0 local of the one placed firm (北京)
  ASSERT_FALSE(gpu.candidates.empty());
  EXPECT_EQ(gpu.candidates[0].zone, "partner");
  EXPECT_EQ(gpu.candidates[1].zone, "unplaced");
  EXPECT_GE(district.unplaced_firms, 1u);
  // The same firm is local to 天津市: nothing is unknown at the province's level.
  auto province = f.service->atlas({chain, "天津", 0.2, 10, 20});
  EXPECT_EQ(row(province, "国产GPU").local, 1u);
  EXPECT_EQ(row(province, "国产GPU").unplaced, 0u);
  // Outside dependence is over the placed firm only (北京: 1 − 0/1), and the JSON says null
  // where no firm is placed at all.
  auto r = f.service->chokepoints(chain, "天津市滨海新区");
  auto it = std::find_if(r.rows.begin(), r.rows.end(), [](const ChokepointRow& x) { return x.name == "国产GPU"; });
  ASSERT_NE(it, r.rows.end());
  EXPECT_EQ(it->unplaced, 1u);
  EXPECT_DOUBLE_EQ(it->outside, 1.0);
  edit({"remove_firm", "国产GPU", "", "示例算力有限公司", "", "", "", "", "", "", ""});
  auto only_unplaced = f.service->atlas({chain, "天津市滨海新区", 0.2, 10, 20});
  EXPECT_TRUE(std::isnan(row(only_unplaced, "国产GPU").local_share));
  JsonWriter w;
  write_json(w, only_unplaced);
  auto j = nlohmann::json::parse(w.str());
  auto gpu_json = std::find_if(j["segments"].begin(), j["segments"].end(), [](const auto& s) { return s["name"] == "国产GPU"; });
  ASSERT_NE(gpu_json, j["segments"].end());
  EXPECT_TRUE((*gpu_json)["local_share"].is_null());
  auto choke = f.service->chokepoints(chain, "天津市滨海新区");
  it = std::find_if(choke.rows.begin(), choke.rows.end(), [](const ChokepointRow& x) { return x.name == "国产GPU"; });
  ASSERT_NE(it, choke.rows.end());
  EXPECT_LT(it->outside, 0);  // not computable: left out of the score
  EXPECT_EQ(std::count(it->drivers.begin(), it->drivers.end(), "outside"), 0);
}

TEST(Chokepoints, ShockRequestsAreChecked) {
  Fixture f;
  modules::seed_sample_region(f.db);
  testing::expect_error(ErrorCode::InvalidInput, [&] { f.service->shock("信创（示例）", {"", "", ""}); }, "exactly one");
  testing::expect_error(ErrorCode::NotFound, [&] { f.service->shock("信创（示例）", {"无", "", ""}); }, "has no segment");
  testing::expect_error(ErrorCode::NotFound, [&] { f.service->shock("信创（示例）", {"", "", "无此企业"}); }, "no enterprise");
  auto r = f.service->shock("信创（示例）", {"", "", "北京示例操作系统有限公司"});
  EXPECT_FALSE(r.rows.empty());
}

}  // namespace xinzhi::chain
