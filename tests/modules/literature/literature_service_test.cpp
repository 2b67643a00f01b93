#include "modules/literature/literature_service.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "modules/registry.h"
#include "support/test_support.h"

namespace xinzhi::literature {
namespace {

std::string fixture(const std::string& name) {
  return std::string(XINZHI_SOURCE_DIR) + "/tests/cli/fixtures/literature/" + name;
}

TEST(LiteratureReaders, ReadEveryExportFormatTheirDocumentationDescribes) {
  using ingest::LiteratureFormat;
  EXPECT_EQ(ingest::sniff_literature_format(fixture("wos_savedrecs.txt")), LiteratureFormat::WosText);
  EXPECT_EQ(ingest::sniff_literature_format(fixture("wos_tab.txt")), LiteratureFormat::WosTab);
  EXPECT_EQ(ingest::sniff_literature_format(fixture("scopus.csv")), LiteratureFormat::ScopusCsv);
  EXPECT_EQ(ingest::sniff_literature_format(fixture("cnki_refworks.txt")), LiteratureFormat::CnkiRefWorks);
  EXPECT_EQ(ingest::sniff_literature_format(fixture("cnki_endnote.txt")), LiteratureFormat::CnkiEndNote);

  auto wos = ingest::read_literature(fixture("wos_savedrecs.txt"), LiteratureFormat::WosText).records;
  ASSERT_EQ(wos.size(), 40u);
  EXPECT_EQ(wos[0].title, "Manufacturing in practice: study 1 of education for industrial training");
  EXPECT_EQ(wos[0].year, 2014);
  EXPECT_EQ(wos[0].key, "WOS:0002014000001");
  EXPECT_EQ(wos[0].authors, (std::vector<std::string>{"Wang, L", "Zhang, B"}));
  EXPECT_EQ(wos[0].keywords, (std::vector<std::string>{"education", "manufacturing"}));
  EXPECT_EQ(wos[0].index_keywords, (std::vector<std::string>{"SYSTEMS", "DESIGN"}));
  EXPECT_EQ(wos[0].categories, (std::vector<std::string>{"Engineering, Manufacturing"}));
  EXPECT_EQ(wos[0].line, 3u);
  // A keyword list continued on the next line.
  EXPECT_EQ(wos[8].keywords.size(), 3u);

  auto refworks = ingest::read_literature(fixture("cnki_refworks.txt"), LiteratureFormat::CnkiRefWorks).records;
  ASSERT_EQ(refworks.size(), 30u);
  EXPECT_EQ(refworks[0].title, "京津冀协同发展视角下高质量发展的路径研究（1）");
  EXPECT_EQ(refworks[0].year, 2015);
  EXPECT_EQ(refworks[0].keywords, (std::vector<std::string>{"高质量发展", "京津冀协同发展"}));
  EXPECT_EQ(refworks[0].authors, (std::vector<std::string>{"王明", "李静"}));

  auto endnote = ingest::read_literature(fixture("cnki_endnote.txt"), LiteratureFormat::CnkiEndNote).records;
  ASSERT_EQ(endnote.size(), 2u);
  EXPECT_EQ(endnote[0].keywords, (std::vector<std::string>{"新质生产力", "高质量发展", "产业链"}));  // ; and ；
  EXPECT_EQ(endnote[0].authors, (std::vector<std::string>{"王立", "李华"}));
  EXPECT_EQ(endnote[1].year, 2021);

  auto scopus = ingest::read_literature(fixture("scopus.csv"), LiteratureFormat::ScopusCsv).records;
  ASSERT_EQ(scopus.size(), 2u);
  EXPECT_EQ(scopus[0].key, "2-s2.0-85100000001");
  EXPECT_EQ(scopus[0].keywords, (std::vector<std::string>{"digital twin", "smart manufacturing"}));
  EXPECT_EQ(scopus[1].title, "Augmented reality in assembly, a review");

  auto tab = ingest::read_literature(fixture("wos_tab.txt"), LiteratureFormat::WosTab).records;
  ASSERT_EQ(tab.size(), 2u);
  EXPECT_EQ(tab[1].keywords, (std::vector<std::string>{"metaverse", "education"}));
  EXPECT_EQ(tab[1].key, "WOS:000202300000002");

  EXPECT_EQ(ingest::keyword_key("  Digital   Twin "), "digital twin");
  EXPECT_EQ(ingest::keyword_key("ＶＲ"), "vr");
}

// Review: a CNKI export has no DOI, so two papers with one title in one year were one paper;
// a WoS early-access record has EY instead of PY and stopped the import.
TEST(LiteratureReaders, SameTitleOtherAuthorsStayApartAndEarlyAccessTakesItsYear) {
  testing::ScratchDir dir;
  auto cnki = dir.write("two.txt",
                        "RT Journal Article\nA1 王明;\nT1 加快发展新质生产力\nJF 经济研究\nYR 2024\nK1 新质生产力;\n\n"
                        "RT Journal Article\nA1 李华;\nT1 加快发展新质生产力\nJF 管理世界\nYR 2024\nK1 新质生产力;\n");
  auto two = ingest::read_literature(cnki, ingest::LiteratureFormat::CnkiRefWorks).records;
  ASSERT_EQ(two.size(), 2u);
  EXPECT_NE(two[0].key, two[1].key);
  auto wos = dir.write("ea.txt", "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI Early access\nEA MAR 2024\nEY 2024\nUT WOS:1\nER\nEF\n");
  EXPECT_EQ(ingest::read_literature(wos, ingest::LiteratureFormat::WosText).records.at(0).year, 2024);
}

TEST(LiteratureReaders, BadExportsNameTheLine) {
  using ingest::LiteratureFormat;
  testing::expect_error(ErrorCode::InvalidInput,
                        [] { ingest::read_literature(fixture("no_year.txt"), LiteratureFormat::WosText); },
                        "no_year.txt:3: record without a publication year from 1800 to 2100");
  testing::expect_error(ErrorCode::InvalidInput,
                        [] { ingest::read_literature(fixture("cut_short.txt"), LiteratureFormat::WosText); },
                        "cut_short.txt:9: the record starting here has no 'ER'");
  testing::expect_error(ErrorCode::InvalidInput,
                        [] { ingest::read_literature(fixture("cnki_refworks.txt"), LiteratureFormat::WosText); },
                        "cnki_refworks.txt:1: field 'RT' outside a record");
  testing::ScratchDir dir;
  auto utf16 = dir.write("savedrecs.txt", std::string("\xff\xfe" "F\0N\0", 6));
  testing::expect_error(ErrorCode::InvalidInput, [&] { ingest::sniff_literature_format(utf16); }, "UTF-16");
  testing::expect_error(ErrorCode::InvalidInput, [] { ingest::literature_format_named("bibtex"); },
                        "unknown literature format 'bibtex'");
}

// Kleinberg's two-state batched model written out again here (not the engine's code): the
// cheapest of all 2^n state sequences, as burst intervals with their strength.
struct BruteBurst {
  int start, end;
  double strength;
};
std::vector<BruteBurst> brute_force_bursts(const std::vector<uint64_t>& r, const std::vector<uint64_t>& d, int first_year) {
  const size_t n = r.size();
  double sr = 0, sd = 0;
  for (size_t t = 0; t < n; ++t) sr += r[t], sd += d[t];
  double p0 = sr / sd, p1 = std::min(2.0 * p0, 0.9999);
  auto sigma = [&](double p, size_t t) {
    double lc = std::lgamma(d[t] + 1.0) - std::lgamma(r[t] + 1.0) - std::lgamma(d[t] - r[t] + 1.0);
    return -(lc + r[t] * std::log(p) + (d[t] - r[t]) * std::log(1 - p));
  };
  double best = std::numeric_limits<double>::infinity();
  uint32_t best_mask = 0;
  for (uint32_t mask = 0; mask < (1u << n); ++mask) {
    double cost = 0;
    int prev = 0;
    for (size_t t = 0; t < n; ++t) {
      int s = (mask >> t) & 1;
      cost += sigma(s ? p1 : p0, t) + (s > prev ? std::log(static_cast<double>(n)) : 0);  // γ = 1
      prev = s;
    }
    if (cost < best - 1e-9) best = cost, best_mask = mask;
  }
  std::vector<BruteBurst> out;
  for (size_t t = 0; t < n; ++t) {
    if (!((best_mask >> t) & 1)) continue;
    if (t == 0 || !((best_mask >> (t - 1)) & 1)) out.push_back({first_year + static_cast<int>(t), 0, 0});
    out.back().end = first_year + static_cast<int>(t);
    out.back().strength += sigma(p0, t) - sigma(p1, t);
  }
  return out;
}

// Every keyword's bursts equal the brute-force optimum over the counts taken straight from the
// export's records (not from the database).
void expect_bursts_equal_brute_force(const std::string& file, ingest::LiteratureFormat format, const std::string& db_name) {
  testing::ScratchDir dir;
  store::Database db(dir.database(db_name));
  modules::migrate(db);
  auto store = sql_literature_store(db);
  LiteratureService service(*store);
  auto first = service.import_file(file, "", "");
  auto again = service.import_file(file, "", "");
  EXPECT_EQ(again.added.papers_added, 0);
  EXPECT_EQ(again.added.papers_known, static_cast<int64_t>(first.read));

  auto records = ingest::read_literature(file, format).records;
  int y0 = 9999, y1 = 0;
  for (const auto& p : records) y0 = std::min(y0, p.year), y1 = std::max(y1, p.year);
  const size_t n = static_cast<size_t>(y1 - y0 + 1);
  std::vector<uint64_t> d(n);
  std::map<std::string, std::vector<uint64_t>> r;
  for (const auto& p : records) {
    ++d[p.year - y0];
    std::set<std::string> once;
    for (const auto& k : p.keywords) once.insert(ingest::keyword_key(k));
    for (const auto& k : once) {
      auto& v = r[k];
      v.resize(n);
      ++v[p.year - y0];
    }
  }
  BurstQuery q;
  q.top = 1000;
  auto out = service.bursts(q);
  EXPECT_EQ(out["papers"], records.size());
  EXPECT_EQ(out["terms_total"], r.size());
  std::map<std::string, nlohmann::json> listed;
  for (const auto& t : out["terms"]) listed[ingest::keyword_key(t["term"].get<std::string>())] = t;
  size_t bursting = 0;
  for (const auto& [key, counts] : r) {
    auto expected = brute_force_bursts(counts, d, y0);
    if (expected.empty()) {
      EXPECT_EQ(listed.count(key), 0u) << key;
      continue;
    }
    ++bursting;
    ASSERT_EQ(listed.count(key), 1u) << key;
    const auto& got = listed[key]["bursts"];
    ASSERT_EQ(got.size(), expected.size()) << key;
    for (size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(got[i]["start"], expected[i].start) << key;
      EXPECT_EQ(got[i]["end"], expected[i].end) << key;
      EXPECT_NEAR(got[i]["strength"].get<double>(), expected[i].strength, 1e-9) << key;
    }
  }
  EXPECT_EQ(out["terms_bursting"], bursting);
  EXPECT_GT(bursting, 0u);
}

TEST(LiteratureServiceTest, WosKeywordBurstsEqualABruteForceSearch) {
  expect_bursts_equal_brute_force(fixture("wos_savedrecs.txt"), ingest::LiteratureFormat::WosText, "wos.db");
}

TEST(LiteratureServiceTest, CnkiKeywordBurstsEqualABruteForceSearch) {
  expect_bursts_equal_brute_force(fixture("cnki_refworks.txt"), ingest::LiteratureFormat::CnkiRefWorks, "cnki.db");
}

TEST(LiteratureServiceTest, TheRisingTermsBurstWhenTheyRoseAndSpellingsMerge) {
  testing::ScratchDir dir;
  store::Database db(dir.database("x.db"));
  modules::migrate(db);
  auto store = sql_literature_store(db);
  LiteratureService service(*store);
  EXPECT_EQ(service.bursts({})["empty_reason"], "no_papers");
  service.import_file(fixture("cnki_refworks.txt"), "cnki-refworks", "CNKI 示例");
  auto out = service.bursts({});
  std::map<std::string, nlohmann::json> by_term;
  for (const auto& t : out["terms"]) by_term[t["term"]] = t;
  ASSERT_TRUE(by_term.count("新质生产力"));
  EXPECT_EQ(by_term["新质生产力"]["bursts"][0]["start"], 2023);
  EXPECT_EQ(by_term["新质生产力"]["bursts"][0]["end"], 2024);
  EXPECT_EQ(out["sources"][0]["name"], "CNKI 示例");
  EXPECT_EQ(out["sources"][0]["papers"], 30);

  service.import_file(fixture("wos_savedrecs.txt"), "", "");
  // The same papers under another source's name belong to that corpus too (review: they were
  // "known" and left out of it).
  EXPECT_EQ(service.import_file(fixture("wos_savedrecs.txt"), "", "WoS 副本").added.papers_added, 40);
  BurstQuery top50;
  top50.top = 50;
  auto wos = service.bursts(top50);
  size_t twins = 0;
  for (const auto& t : wos["terms"]) twins += ingest::keyword_key(t["term"]) == "digital twin";
  EXPECT_EQ(twins, 1u);  // "digital twin" and "Digital Twin" are one keyword
  // Both corpora together dilute the CNKI term's rise; read on its own it bursts again.
  BurstQuery cnki_only;
  cnki_only.source = "CNKI 示例";
  auto cnki = service.bursts(cnki_only);
  EXPECT_EQ(cnki["papers"], 30);
  bool rising = false;
  for (const auto& t : cnki["terms"]) rising = rising || (t["term"] == "新质生产力" && t["bursts"][0]["start"] == 2023);
  EXPECT_TRUE(rising);
  BurstQuery unknown;
  unknown.source = "Scopus";
  testing::expect_error(ErrorCode::NotFound, [&] { service.bursts(unknown); }, "no literature source named 'Scopus'");
  // Index keywords come with WoS and Scopus only: the CNKI papers do not dilute their years.
  BurstQuery categories;
  categories.by = "category";
  EXPECT_EQ(service.bursts(categories)["papers"], 80);  // the two WoS corpora, not the CNKI one
  categories.source = "CNKI 示例";
  EXPECT_EQ(service.bursts(categories)["empty_reason"], "kind_not_in_exports");
  BurstQuery flat;
  flat.gamma = 0;
  testing::expect_error(ErrorCode::InvalidInput, [&] { service.bursts(flat); }, "'gamma' must be greater than 0");
  BurstQuery abstracts;
  abstracts.by = "abstract";
  testing::expect_error(ErrorCode::InvalidInput, [&] { service.bursts(abstracts); }, "by is 'abstract'");
}

}  // namespace
}  // namespace xinzhi::literature
