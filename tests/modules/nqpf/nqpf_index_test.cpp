// The new-quality-productive-forces index on the real provincial statistics
// (../shared/data/provinces), the capital stock against CHNCapitalStock's published values, and
// the errors bad systems get. The index itself is checked number for number against a NumPy
// computation from the raw CSVs in tests/cli/nqpf_vs_numpy.py.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <set>

#include "ingest/province_statistics.h"
#include "modules/foresight/patent_import.h"
#include "modules/nqpf/innovation_productivity.h"
#include "modules/nqpf/nqpf_index.h"
#include "modules/nqpf/platform_series.h"
#include "modules/productivity/dea_service.h"
#include "modules/registry.h"
#include "modules/services.h"
#include "store/audit_trail.h"
#include "store/queries.h"
#include "support/principals.h"
#include "support/test_support.h"

namespace xinzhi::nqpf {
namespace {

const ingest::ProvinceStatistics& provinces() {
  static const auto data = ingest::read_province_statistics(testing::shared_data() + "/provinces");
  return data;
}

TEST(ProvinceNames, SpacesTyposAndPinyin) {
  std::string fix;
  EXPECT_EQ(ingest::normalise_province("北   京"), "北京市");
  EXPECT_EQ(ingest::normalise_province("内蒙 古"), "内蒙古自治区");
  EXPECT_EQ(ingest::normalise_province("山两", &fix), "山西省");
  EXPECT_EQ(fix, "'山两' read as 山西");
  EXPECT_EQ(ingest::normalise_province("shaanxi"), "陕西省");
  EXPECT_EQ(ingest::normalise_province("shanxi"), "山西省");
  EXPECT_EQ(ingest::normalise_province("全国"), "全国");
  EXPECT_EQ(ingest::normalise_province("火星"), "");
}

TEST(ProvinceStatistics, TheRealFolderWithEveryFixListed) {
  const auto& d = provinces();
  size_t typos = 0;
  for (const auto& f : d.fixes) typos += f.what.find("' read as ") != std::string::npos;
  // 内蒙占 ×5 (RDLaborHour 2013), 江两 ×4 (RDPatentAccept 2014), 山两 ×4 and 两藏 ×4 (RDPatentAuthority 2012).
  EXPECT_EQ(typos, 17u);
  bool spaces = false;
  for (const auto& f : d.fixes) spaces |= f.where == "RDLaborHour.csv" && f.what.find("spaces inside") != std::string::npos;
  EXPECT_TRUE(spaces);
  // IndustryRD.csv labels some counts 万元: those rows are left out, each listed.
  size_t units = 0;
  for (const auto& f : d.fixes) units += f.where.starts_with("IndustryRD.csv:") && f.what.find("row left out") != std::string::npos;
  EXPECT_GT(units, 0u);
  std::set<std::string> names;
  for (const auto& o : d.observations) names.insert(o.province);
  EXPECT_EQ(names.size(), 32u);  // 31 provinces and 全国
}

TEST(CapitalStock, MatchesChnCapitalStock) {
  // CHNCapitalStock's README (Beijing, 1952 prices: 2021 38866.56346, 2022 40271.13639) and its
  // tests (Beijing 1952: 7.9; Chongqing 1997: 434.2679).
  const auto beijing = productivity::capital_stocks(provinces(), 0.096, "北京市")["provinces"][0];
  const auto years = beijing["years"].get<std::vector<int>>();
  const auto k = beijing["capital"].get<std::vector<double>>();
  auto at = [&](int y) { return k[static_cast<size_t>(std::find(years.begin(), years.end(), y) - years.begin())]; };
  EXPECT_NEAR(at(1952), 7.9, 1e-9);
  EXPECT_NEAR(at(2021), 38866.56346, 1e-4);
  EXPECT_NEAR(at(2022), 40271.13639, 1e-4);
  const auto chongqing = productivity::capital_stocks(provinces(), 0.096, "重庆市")["provinces"][0];
  EXPECT_EQ(chongqing["years"][0], 1996);
  EXPECT_NEAR(chongqing["capital"][1].get<double>(), 434.2679, 1e-3);
}

TEST(NqpfIndex, JingJinJiOverElevenToTwentyThree) {
  const auto r = compute_index(provinces(), system_template("three-elements"), {});
  ASSERT_EQ(r.years.front(), 2011);
  ASSERT_EQ(r.years.back(), 2023);
  EXPECT_EQ(r.regions.size(), 31u);
  double sum = 0;
  for (double w : r.weights) sum += w;
  EXPECT_NEAR(sum, 1, 1e-12);
  // The technology-market series skip 2011 and the high-tech table 2017: filled in between.
  size_t market_2011 = 0, hightech_2017 = 0;
  for (const auto& f : r.fills) {
    market_2011 += f.where.find("2011 技术市场输出合同成交额") != std::string::npos;
    hightech_2017 += f.where.find("2017 高技术产业营业收入") != std::string::npos;
  }
  EXPECT_GE(market_2011, 30u);  // Tibet lacks 2012 as well
  EXPECT_GE(hightech_2017, 30u);
  for (const char* p : {"北京市", "天津市", "河北省"}) {
    for (int y = 2011; y <= 2023; ++y) {
      const auto it = std::find_if(r.cells.begin(), r.cells.end(), [&](const RegionYear& c) { return c.region == p && c.year == y; });
      ASSERT_NE(it, r.cells.end());
      EXPECT_TRUE(it->scored) << p << " " << y << " missing " << it->missing;
      EXPECT_GT(it->closeness, 0);
      EXPECT_LT(it->closeness, 1);
      double parts = 0;
      for (double x : it->parts) parts += x;
      EXPECT_NEAR(parts, it->linear, 1e-12);
    }
  }
  ASSERT_EQ(r.gaps.size(), 13u);
  for (const auto& g : r.gaps) EXPECT_NEAR(g.within + g.between + g.transvariation, g.gini, 1e-12);
  // What moved Tianjin: every indicator's change, and they add up to the change of the sum.
  const auto m = movement(r, "天津市", 2012, 2023);
  double change = 0;
  for (const auto& i : m["indicators"]) change += i["change"].get<double>();
  EXPECT_NEAR(change, m["linear_to"].get<double>() - m["linear_from"].get<double>(), 1e-12);
  EXPECT_EQ(testing::error_key([&] { movement(r, "火星", 2012, 2023); }), "nqpf_no_cell");
}

TEST(NqpfIndex, AnUnscoredYearSaysWhatIsMissing) {
  // Asking for 2010, before the R&D intensity table starts: every region is unscored in 2010,
  // and says which indicator it lacks, rather than scoring the gap as low.
  const auto r = compute_index(provinces(), system_template("three-elements"), {WeightMethod::Critic, 2010, 2012});
  for (const auto& c : r.cells) {
    if (c.year != 2010) continue;
    EXPECT_FALSE(c.scored);
    EXPECT_NE(c.missing.find("R&D经费投入强度"), std::string::npos);
  }
}

TEST(IndicatorSystem, BadSystemsAreRefusedNamingTheField) {
  auto j = to_json(system_template("three-elements"));
  j["dimensions"][1]["indicators"][0].erase("series");
  EXPECT_EQ(testing::error_key([&] { system_from_json(j); }), "nqpf_indicator_source");
  j = to_json(system_template("three-elements"));
  j["dimensions"][0]["indicators"][1]["id"] = "rd_personnel";
  EXPECT_EQ(testing::error_key([&] { system_from_json(j); }), "nqpf_indicator_twice");
  j = to_json(system_template("three-elements"));
  j["dimensions"][0]["indicators"][0]["series"] = "RDLaborHour/no_such_code";
  const auto s = system_from_json(j);
  EXPECT_EQ(testing::error_key([&] { compute_index(provinces(), s, {}); }), "nqpf_no_series");
  EXPECT_EQ(testing::error_key([&] { system_template("nope"); }), "nqpf_no_system");
  // Codes are codes, names are short, systems are of a published system's size.
  j = to_json(system_template("three-elements"));
  j["dimensions"][0]["indicators"][0]["series"] = "a} + {b";
  EXPECT_EQ(testing::error_key([&] { system_from_json(j); }), "nqpf_bad_code");
  j = to_json(system_template("three-elements"));
  j["name"] = std::string(201, 'x');
  EXPECT_EQ(testing::error_key([&] { system_from_json(j); }), "field_too_long");
  j = to_json(system_template("three-elements"));
  for (int n = 0; n < 60; ++n)
    j["dimensions"][0]["indicators"].push_back({{"id", "extra" + std::to_string(n)}, {"name", "x"}, {"series", "RDIntense/v"}});
  EXPECT_EQ(testing::error_key([&] { system_from_json(j); }), "nqpf_too_many_indicators");
}

std::string param(const Error& e, const std::string& name) {
  for (const auto& [k, v] : e.params())
    if (k == name) return v;
  return "";
}

double formula_value(const std::string& text, double a, double b) {
  const IndicatorFormula f(text, "formula");
  return f.evaluate([&](const std::string& code) { return code == "s/a" ? a : code == "s/b" ? b : std::nan(""); });
}

TEST(IndicatorFormula, PrecedenceMissingValuesAndDivisionByZero) {
  EXPECT_DOUBLE_EQ(formula_value("{s/a} + {s/b} * 2 - -3 / (1 + 2)", 1, 2), 6);
  EXPECT_DOUBLE_EQ(formula_value("({s/a} + {s/b}) * 2", 1, 2), 6);
  EXPECT_DOUBLE_EQ(formula_value("{s/a} / {s/b} / 2", 8, 2), 2);  // left to right
  EXPECT_DOUBLE_EQ(formula_value("1.5e2 - {s/a}", 50, 0), 100);
  EXPECT_TRUE(std::isnan(formula_value("{s/a} / {s/b}", 1, 0)));       // no value, not infinity
  EXPECT_TRUE(std::isnan(formula_value("{s/a} + {s/c}", 1, 2)));       // a missing series
  EXPECT_TRUE(std::isnan(formula_value("{s/a} * 0 + {s/b}", std::nan(""), 2)));
  const IndicatorFormula f("{s/a} * {s/a} + {s/b}", "formula");
  EXPECT_EQ(f.series(), (std::vector<std::string>{"s/a", "s/b"}));
}

TEST(IndicatorFormula, ErrorsNameTheFieldAndTheCharacter) {
  auto position = [](const std::string& text) {
    try {
      IndicatorFormula(text, "dimensions[0].indicators[2].formula");
    } catch (const Error& e) {
      EXPECT_EQ(e.key(), "nqpf_bad_formula") << text;
      EXPECT_EQ(param(e, "field"), "dimensions[0].indicators[2].formula");
      return param(e, "position");
    }
    return std::string("accepted");
  };
  EXPECT_EQ(position(""), "1");
  EXPECT_EQ(position("{s/a} +"), "8");
  EXPECT_EQ(position("({s/a}"), "7");
  EXPECT_EQ(position("{s/a"), "1");
  EXPECT_EQ(position("RDIntense/v4 * 2"), "1");  // codes go in braces
  EXPECT_EQ(position("{s/a} {s/b}"), "7");
  EXPECT_EQ(position("{}"), "1");
  EXPECT_EQ(position(std::string(200, '(') + "1" + std::string(200, ')')), "66");  // nesting bounded
  EXPECT_EQ(position("2 * (3 + {s/a})"), "accepted");
  EXPECT_EQ(position("2 * 3"), "1");  // reads no series: the same in every province and year
  // Positions count characters: ')' is the 12th (the Chinese code before it is 4 characters, 12 bytes).
  EXPECT_EQ(position("{nbs/研发经费} ) 1"), "12");
  std::string long_formula = "{s/a}";
  while (long_formula.size() < 2001 * 3) long_formula += " + {nbs/研发}";
  EXPECT_EQ(position(long_formula), "2001");
  try {
    IndicatorFormula("({s/a}", "f");
  } catch (const Error& e) {
    EXPECT_EQ(param(e, "reason"), "unclosed");
  }
}

// A formula written out for a ratio indicator gives the same index to the last bit, and an
// edited system whose formula reads a series the statistics lack is refused naming it.
TEST(IndicatorSystem, AFormulaComputesAsTheRatioItReplaces) {
  auto j = to_json(system_template("three-elements"));
  bool replaced = false;
  for (auto& d : j["dimensions"])
    for (auto& i : d["indicators"])
      if (!replaced && i.contains("numerator")) {
        char scale[32];
        std::snprintf(scale, sizeof scale, "%.17g", i["scale"].get<double>());
        i["formula"] = "{" + i["numerator"].get<std::string>() + "} / {" + i["denominator"].get<std::string>() + "} * " + scale;
        i.erase("numerator");
        i.erase("denominator");
        i.erase("scale");
        replaced = true;
      }
  ASSERT_TRUE(replaced);
  const auto a = compute_index(provinces(), system_template("three-elements"), {});
  const auto b = compute_index(provinces(), system_from_json(j), {});
  ASSERT_EQ(a.cells.size(), b.cells.size());
  for (size_t c = 0; c < a.cells.size(); ++c) EXPECT_EQ(a.cells[c].closeness, b.cells[c].closeness);
  j["dimensions"][0]["indicators"][0].erase("series");
  j["dimensions"][0]["indicators"][0]["formula"] = "{RDLaborHour/v4_zh_qsdl_hj} / {RDLaborHour/none}";
  try {
    compute_index(provinces(), system_from_json(j), {});
    ADD_FAILURE() << "a formula over a missing series was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.key(), "nqpf_no_series");
    EXPECT_EQ(param(e, "series"), "RDLaborHour/none");
  }
}

// The statistics bureau's Excel exports (分省年度数据, both layouts) read as the same numbers as
// the yearbook CSVs they were written from (tests/cli/fixtures/provinces-nbs/make_workbooks.py),
// with the blank cell missing, the padded name fixed and a province no one knows refused.
TEST(ProvinceStatistics, StatisticsBureauWorkbooks) {
  const std::string fixtures = std::string(XINZHI_SOURCE_DIR) + "/tests/cli/fixtures/";
  const auto nbs = ingest::read_province_statistics(fixtures + "provinces-nbs");
  const auto csv = ingest::read_province_statistics(fixtures + "provinces");
  auto value = [](const ingest::ProvinceStatistics& d, const std::string& province, int year, const std::string& code) {
    for (const auto& o : d.observations)
      if (o.province == province && o.year == year && o.series == code) return o.value;
    return std::nan("");
  };
  size_t spend = 0;
  for (const auto& o : nbs.observations) {
    if (o.series == "nbs/研究与试验发展(R&D)经费内部支出") {
      ++spend;
      EXPECT_EQ(o.value, value(csv, o.province, o.year, "RDActivity/v4_zh_nbzc_hj")) << o.province << o.year;
    } else if (o.series == "nbs/发明专利授权数") {
      EXPECT_EQ(o.province, "天津市");
      EXPECT_EQ(o.value, value(csv, "天津市", o.year, "RDPatentAuthority/v4_cg_zlsq2_fm"));
    }
  }
  EXPECT_EQ(spend, 35u);  // 6 provinces × 6 years, 河北 2020 blank
  EXPECT_TRUE(std::isnan(value(nbs, "河北省", 2020, "nbs/研究与试验发展(R&D)经费内部支出")));
  ASSERT_EQ(nbs.series.size(), 3u);
  EXPECT_EQ(nbs.series[1].unit, "人年");  // a full-width （人年） is a unit too
  try {
    ingest::read_province_statistics(fixtures + "provinces-nbs-bad");
    ADD_FAILURE() << "火星 was read";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("rd-expenditure.xlsx:8: province '火星'"), std::string::npos) << e.what();
  }
  // An old .xls in a folder is refused saying what to do, not skipped.
  testing::ScratchDir dir;
  std::ofstream(dir.file("old.xls")) << "not read";
  try {
    ingest::read_province_statistics(dir.file(""));
    ADD_FAILURE() << "the .xls was skipped";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("old.xls: an old Excel (.xls) file"), std::string::npos) << e.what();
  }
}

// R&D productivity leaves out a province whose data cannot score and says why, and refuses a
// window the statistics cannot fill.
TEST(InnovationProductivity, IncompleteProvincesAreLeftOutAndWindowsChecked) {
  auto data = ingest::read_province_statistics(std::string(XINZHI_SOURCE_DIR) + "/tests/cli/fixtures/provinces");
  for (auto& o : data.observations)
    if (o.province == "山西省" && o.year == 2020 && o.series == "RDLaborHour/v4_zh_qsdl_hj") o.value = 0;
  const auto out = innovation_productivity(data, 0, 0);
  EXPECT_EQ(out["years"].front(), 2018);
  EXPECT_EQ(out["years"].back(), 2023);
  ASSERT_EQ(out["left_out"].size(), 1u);
  EXPECT_EQ(out["left_out"][0]["province"], "山西省");
  EXPECT_EQ(out["left_out"][0]["reason"], "2020 年 R&D人员全时当量 为 0");
  EXPECT_EQ(out["provinces"], 5);
  EXPECT_EQ(out["rows"].size(), 5u * 5u);
  EXPECT_EQ(testing::error_key([&] { innovation_productivity(data, 2017, 2020); }), "nqpf_bad_years");
  EXPECT_EQ(testing::error_key([&] { innovation_productivity(data, 2020, 2020); }), "nqpf_bad_years");
}

// A migrated scratch database with its services and the analyst and viewer who use them.
struct NqpfDatabase {
  testing::ScratchDir dir;
  store::Database db{dir.database("n.db")};
  std::unique_ptr<modules::Services> services = [this] {
    modules::migrate(db);
    return std::make_unique<modules::Services>(db);
  }();
  accounts::Principal analyst = testing::person(accounts::Role::Analyst, "天津市科学技术局（示例）");
  accounts::Principal viewer = testing::person(accounts::Role::Viewer, "天津市科学技术局（示例）");
  NqpfService& nqpf() { return services->nqpf(); }
};

// A statistics-bureau workbook uploaded to the database adds its series and keeps the rest; a
// re-import of the folder removes it with everything else; what is not an .xlsx is refused.
TEST(NqpfService, AWorkbookAddsItsSeries) {
  NqpfDatabase f;
  auto& services = *f.services;
  const auto& analyst = f.analyst;
  const std::string fixtures = std::string(XINZHI_SOURCE_DIR) + "/tests/cli/fixtures/";
  auto bytes_of = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  const auto workbook = bytes_of(fixtures + "provinces-nbs/rd-expenditure.xlsx");
  EXPECT_EQ(testing::error_key([&] { services.nqpf().import_workbook(workbook, "rd.xlsx", analyst); }), "nqpf_no_statistics");
  services.nqpf().import_statistics(fixtures + "provinces", analyst);
  const auto before = services.nqpf().series(analyst)["series"].size();
  const auto added = services.nqpf().import_workbook(workbook, "C:\\统计局\\rd-expenditure.xlsx", analyst);
  EXPECT_EQ(added.observations, 35);
  EXPECT_EQ(added.source, "rd-expenditure.xlsx");  // no folder of the analyst's computer
  EXPECT_EQ(services.nqpf().series(analyst)["series"].size(), before + 1);
  services.nqpf().import_workbook(workbook, "rd-expenditure.xlsx", analyst);  // again: replaced, not doubled
  const auto index = services.nqpf().index({}, analyst);
  ASSERT_EQ(index["source"]["workbooks"].size(), 2u);
  EXPECT_EQ(index["source"]["file"], "provinces");  // the statistics' own source stays
  EXPECT_EQ(testing::error_key([&] { services.nqpf().import_workbook("PK\x03\x04 not a zip", "x.xlsx", analyst); }),
            "nqpf_workbook_unreadable");
  EXPECT_EQ(testing::error_key([&] { services.nqpf().import_workbook(workbook, "x.csv", analyst); }), "nqpf_workbook_type");
  try {
    services.nqpf().import_workbook(bytes_of(fixtures + "provinces-nbs-bad/rd-expenditure.xlsx"), "bad.xlsx", analyst);
    ADD_FAILURE() << "火星 was imported";
  } catch (const Error& e) {
    EXPECT_EQ(e.key(), "province_row_unknown");
    EXPECT_EQ(param(e, "where"), "bad.xlsx:8");  // the workbook's name, not a temporary path
  }
  services.nqpf().import_statistics(fixtures + "provinces", analyst);
  EXPECT_EQ(services.nqpf().series(analyst)["series"].size(), before);
  EXPECT_EQ(services.nqpf().index({}, analyst)["source"]["workbooks"].size(), 0u);
}

// The statistics through the database (SQLite here, PostgreSQL in the pg: copy): an import is
// one audited transaction, the index from the database equals the index from the files, a
// re-import replaces, and only analytics.write may import.
TEST(NqpfService, ImportThenIndexFromTheDatabase) {
  NqpfDatabase f;
  auto& services = *f.services;
  auto& db = f.db;
  const auto& analyst = f.analyst;
  const auto& viewer = f.viewer;
  EXPECT_FALSE(services.nqpf().index({}, analyst)["available"].get<bool>());
  EXPECT_EQ(testing::error_key([&] { services.nqpf().explain({}, "天津", 0, 0, analyst); }), "nqpf_no_statistics");
  const std::string folder = std::string(XINZHI_SOURCE_DIR) + "/tests/cli/fixtures/provinces";
  EXPECT_THROW(services.nqpf().import_statistics(folder, viewer), Error);
  const auto first = services.nqpf().import_statistics(folder, analyst);
  EXPECT_GT(first.observations, 1000);
  const auto second = services.nqpf().import_statistics(folder, analyst);
  EXPECT_EQ(second.observations, first.observations);  // replaced, not added to
  const auto from_db = services.nqpf().index({}, viewer);
  const auto from_files = to_json(compute_index(ingest::read_province_statistics(folder), system_template("three-elements"), {}));
  ASSERT_EQ(from_db["cells"].size(), from_files["cells"].size());
  for (size_t i = 0; i < from_files["cells"].size(); ++i) {
    EXPECT_EQ(from_db["cells"][i]["region"], from_files["cells"][i]["region"]);
    if (from_files["cells"][i]["scored"].get<bool>()) {
      EXPECT_NEAR(from_db["cells"][i]["index"].get<double>(), from_files["cells"][i]["index"].get<double>(), 1e-12);
    }
  }
  EXPECT_EQ(from_db["source"]["file"], "provinces");
  EXPECT_EQ(from_db["source"]["corrections"].size(), 6u);
  const auto move = services.nqpf().explain({}, "天津", 2018, 2023, viewer);
  EXPECT_EQ(move["region"], "天津市");
  EXPECT_EQ(testing::error_key([&] { services.nqpf().explain({}, "火星", 2018, 2023, viewer); }), "nqpf_not_province");
  store::AuditFilter imports;
  imports.action = "import.provinces";
  EXPECT_EQ(store::list_audit(db, imports).size(), 2u);

  // An analyst's own system: saved once its index computes, listed, used by the index, gone
  // after delete; a viewer may not save, a template's id is not taken over, and a system over a
  // series the statistics lack is refused with nothing saved.
  auto mine = to_json(system_template("three-elements"));
  mine["id"] = "tianjin-rd";
  mine["name"] = "天津研发评价";
  mine["dimensions"][0]["indicators"][0].erase("series");
  mine["dimensions"][0]["indicators"][0]["formula"] = "{RDLaborHour/v4_zh_qsdl_hj} / 10000";
  EXPECT_EQ(testing::error_key([&] { services.nqpf().save_system(mine, viewer); }), "role_forbidden");
  const auto saved = services.nqpf().save_system(mine, analyst);
  EXPECT_EQ(saved["saved_by"], analyst.username);
  const auto listed = services.nqpf().systems(viewer);
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_FALSE(listed[2]["template"].get<bool>());
  EXPECT_EQ(listed[2]["dimensions"][0]["indicators"][0]["formula"], "{RDLaborHour/v4_zh_qsdl_hj} / 10000");
  IndexQuery by_mine;
  by_mine.system = "tianjin-rd";
  EXPECT_EQ(services.nqpf().index(by_mine, viewer)["system"]["name"], "天津研发评价");
  auto bad = mine;
  bad["id"] = "three-elements";
  EXPECT_EQ(testing::error_key([&] { services.nqpf().save_system(bad, analyst); }), "nqpf_template_id");
  bad["id"] = "Bad Id";
  EXPECT_EQ(testing::error_key([&] { services.nqpf().save_system(bad, analyst); }), "nqpf_system_id");
  bad["id"] = "other";
  bad["dimensions"][0]["indicators"][0]["formula"] = "{RDLaborHour/none}";
  EXPECT_EQ(testing::error_key([&] { services.nqpf().save_system(bad, analyst); }), "nqpf_no_series");
  EXPECT_EQ(services.nqpf().systems(viewer).size(), 3u);
  const auto series = services.nqpf().series(viewer);
  EXPECT_TRUE(series["available"].get<bool>());
  EXPECT_GT(series["series"].size(), 30u);
  EXPECT_EQ(testing::error_key([&] { services.nqpf().delete_system("three-elements", analyst); }), "nqpf_template_id");
  services.nqpf().delete_system("tianjin-rd", analyst);
  EXPECT_EQ(testing::error_key([&] { services.nqpf().delete_system("tianjin-rd", analyst); }), "nqpf_no_system");
  EXPECT_EQ(testing::error_key([&] { services.nqpf().index(by_mine, viewer); }), "nqpf_no_system");
  store::AuditFilter saves;
  saves.action = "nqpf.system_save";
  EXPECT_EQ(store::list_audit(db, saves).size(), 1u);
}

}  // namespace
}  // namespace xinzhi::nqpf

namespace xinzhi::nqpf {
namespace {

// The platform's own series feed the index: the CNIPA virtual-reality patents foresight holds,
// counted by province and filing year, read by a formula beside the yearbook's R&D personnel.
// Counts are checked against SQL over the patent table, the years against the 18-month rule.
TEST(PlatformSeries, PatentsPerProvinceAndYearFeedAFormula) {
  NqpfDatabase f;
  auto& services = *f.services;
  auto& db = f.db;
  const auto& analyst = f.analyst;
  foresight::import_patents(services.patents(), testing::shared_data() + "/patents/cn-vr-2022.csv", "cnipa", false);
  services.nqpf().import_statistics(testing::shared_data() + "/provinces", analyst);

  const auto own = patent_series(services.patents(), {"天津市", "青海省"});
  int first = 9999, last = 0;
  for (const auto& o : own.data.observations) first = std::min(first, o.year), last = std::max(last, o.year);
  EXPECT_EQ(own.last_year, 2019);
  EXPECT_EQ(own.first_year, first);
  const auto latest = store::first_row(db, "SELECT max(filed_on) FROM patent", {}, [](store::Statement& q) { return q.text(0); });
  ASSERT_TRUE(latest);
  EXPECT_EQ(*latest, "2022-03-17");
  EXPECT_EQ(last, 2019);  // 2020 is complete only once 2021-12-31 + 18 months have passed
  for (const auto& o : own.data.observations) {
    if (o.series != "platform/patents") continue;
    const auto want = store::first_row(db, "SELECT count(*) FROM patent WHERE province = ? AND substr(filed_on, 1, 4) = ?",
                                       {o.province, std::to_string(o.year)}, [](store::Statement& q) { return q.int64(0); });
    EXPECT_EQ(o.value, static_cast<double>(*want)) << o.province << " " << o.year;
  }
  double sections = 0, total = 0;
  for (const auto& o : own.data.observations)
    if (o.province == "天津市") (o.series == "platform/patents" ? total : sections) += o.value;
  EXPECT_GT(total, 100);
  EXPECT_EQ(sections, total);  // every CNIPA record here has a first code

  auto system = to_json(system_template("three-elements"));
  system["id"] = "with-vr";
  system["name"] = "含虚拟现实专利";
  system["dimensions"][0]["indicators"].push_back(
      {{"id", "vr"}, {"name", "虚拟现实专利每万R&D人员"}, {"unit", "件/万人年"},
       {"formula", "{platform/patents} / {RDLaborHour/v4_zh_qsdl_hj} * 10000"}});
  services.nqpf().save_system(system, analyst);
  IndexQuery q;
  q.system = "with-vr";
  const auto index = services.nqpf().index(q, analyst);
  EXPECT_EQ(index["years"].back(), 2019);
  ASSERT_TRUE(index.contains("platform_source"));
  EXPECT_EQ(index["platform_source"]["patents"][0]["name"], "cnipa:cn-vr-2022.csv");
  const auto unplaced = store::first_row(db, "SELECT count(*) FROM patent WHERE province = ''", {}, [](store::Statement& q) { return q.int64(0); });
  EXPECT_EQ(index["platform_source"]["unplaced"], *unplaced);
  const auto raw = ingest::read_province_statistics(testing::shared_data() + "/provinces");
  double fte = 0;
  for (const auto& o : raw.observations)
    if (o.province == "天津市" && o.year == 2015 && o.series == "RDLaborHour/v4_zh_qsdl_hj") fte = o.value;
  const auto tianjin = store::first_row(db, "SELECT count(*) FROM patent WHERE province = '天津市' AND filed_on LIKE '2015%'", {},
                                        [](store::Statement& q) { return q.int64(0); });
  size_t vr = 0;
  while (vr < index["indicators"].size() && index["indicators"][vr]["id"] != "vr") ++vr;
  ASSERT_LT(vr, index["indicators"].size());
  bool seen = false;
  for (const auto& c : index["cells"])
    if (c["region"] == "天津市" && c["year"] == 2015) {
      seen = true;
      EXPECT_NEAR(c["values"][vr].get<double>(), static_cast<double>(*tianjin) / fte * 10000, 1e-9);
    }
  EXPECT_TRUE(seen);
  const auto catalogue = services.nqpf().series(analyst);
  EXPECT_TRUE(std::any_of(catalogue["series"].begin(), catalogue["series"].end(),
                          [](const auto& s) { return s["code"] == "platform/patents_G" && s["last"] == 2019; }));
}

// The chain atlas feeds the index too: firms, segment coverage and chokepoint exposure of each
// province in the sample chain, checked against the atlas's own firm lists and chokepoint scores;
// observed once, in the year of the chain's last change, so they make a one-year index and do
// not mix with the yearbook's years.
TEST(PlatformSeries, ChainFirmsCoverageAndChokepointExposure) {
  NqpfDatabase f;
  auto& services = *f.services;
  const auto& analyst = f.analyst;
  modules::seed_sample_region(f.db);
  services.nqpf().import_statistics(std::string(XINZHI_SOURCE_DIR) + "/tests/cli/fixtures/provinces", analyst);
  const std::string chain = services.chains().list().front().name;
  const std::vector<std::string> provinces{"北京市", "天津市", "河北省", "山西省"};
  const auto own = chain_series(services.chains(), provinces);
  auto value = [&](const std::string& province, const std::string& code) {
    for (const auto& o : own.observations)
      if (o.province == province && o.series == code + chain) return o.value;
    return std::nan("");
  };
  // Independently: the firms of each segment as the atlas lists them, and the chokepoint scores.
  const auto report = services.chains().chokepoints(chain, "");
  std::map<std::string, double> score;
  for (const auto& r : report.rows) score[r.name] = r.score;
  const auto segments = services.chains().segments(chain);
  for (const auto& province : provinces) {
    std::set<std::string> firms;
    size_t covered = 0;
    double weighted = 0, counted = 0;
    for (const auto& seg : segments) {
      if (seg.merged_into_id != 0) continue;
      size_t here = 0;
      for (const auto& f : services.chains().segment_firms(chain, seg.name, ""))
        if (f.province == province) ++here, firms.insert(f.name);
      covered += here > 0;
      if (here && score.count(seg.name)) weighted += score[seg.name] * static_cast<double>(here), counted += static_cast<double>(here);
    }
    EXPECT_EQ(value(province, "platform/chain_firms/"), static_cast<double>(firms.size())) << province;
    EXPECT_NEAR(value(province, "platform/chain_coverage/"), 100.0 * static_cast<double>(covered) / static_cast<double>(segments.size()), 1e-12)
        << province;
    if (counted > 0) {
      EXPECT_NEAR(value(province, "platform/chokepoint_exposure/"), weighted / counted, 1e-12) << province;
    } else {
      EXPECT_TRUE(std::isnan(value(province, "platform/chokepoint_exposure/"))) << province;
    }
  }
  EXPECT_GT(value("天津市", "platform/chain_firms/"), 0);

  nlohmann::json system = {{"id", "chain-only"}, {"name", "产业链"}, {"dimensions", nlohmann::json::array({
      {{"name", "产业链"}, {"indicators", nlohmann::json::array({
          {{"id", "firms"}, {"name", "企业数"}, {"unit", "个"}, {"series", "platform/chain_firms/" + chain}},
          {{"id", "coverage"}, {"name", "覆盖率"}, {"unit", "%"}, {"series", "platform/chain_coverage/" + chain}}})}}})}};
  services.nqpf().save_system(system, analyst);
  IndexQuery q;
  q.system = "chain-only";
  const auto index = services.nqpf().index(q, analyst);
  ASSERT_EQ(index["years"].size(), 1u);
  EXPECT_EQ(index["years"][0].get<int>(), std::stoi(report.as_of.substr(0, 4)));
  ASSERT_EQ(index["platform_source"]["chains"].size(), 1u);
  // The source says how many firms no province holds (a province's 0 is "none known").
  size_t unplaced = 0;
  for (const auto& f : services.chains().chain_firms(chain, "")) unplaced += f.province.empty();
  EXPECT_NE(index["platform_source"]["chains"][0].get<std::string>().find(" 家企业中 " + std::to_string(unplaced) + " 家省份不明"),
            std::string::npos);
  system["id"] = "mixed";
  system["dimensions"][0]["indicators"][1] = {{"id", "rd"}, {"name", "R&D"}, {"unit", "人年"}, {"series", "RDLaborHour/v4_zh_qsdl_hj"}};
  EXPECT_EQ(testing::error_key([&] { services.nqpf().save_system(system, analyst); }), "nqpf_no_common_years");
}

}  // namespace
}  // namespace xinzhi::nqpf
