// /api/foresight over real sockets, and a scheduled heat map that the running server reruns:
// two snapshots a second apart, with patents added in between, and their diff.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "modules/foresight/patent_store.h"
#include "modules/foresight/snapshots.h"
#include "modules/registry.h"
#include "server/api_server.h"
#include "server/signed_in.h"
#include "server/running_server.h"
#include "support/http_client.h"
#include "support/test_support.h"

namespace xinzhi::server {

using nlohmann::json;

namespace {

// n records in `year` with the given subclass codes.
void add_patents(store::Database& db, int year, int n, const std::vector<std::string>& subclasses, int& serial) {
  std::vector<foresight::StoredPatent> batch;
  for (int i = 0; i < n; ++i) {
    ingest::PatentRecord r;
    r.number = "CN" + std::to_string(++serial);
    r.date = std::to_string(year) + "-06-01";
    r.applicants = {"天津某科技有限公司"};
    for (const auto& s : subclasses) r.codes.push_back({s, s + " 1/00"});
    batch.push_back({r, "天津市", "天津市"});
  }
  foresight::sql_patent_store(db)->add(batch, "test");
}

json get_json(testing::HttpClient& c, const std::string& path, int want_status = 200) {
  auto res = c.Get(path.c_str());
  EXPECT_TRUE(res);
  if (!res) return {};
  EXPECT_EQ(res->status, want_status) << path << " " << res->body;
  return json::parse(res->body);
}

}  // namespace

TEST(ForesightRoutes, HeatMapPicturesErrorsAndAScheduledDiff) {
  testing::ScratchDir dir;
  std::string db_path = dir.database("x.db");
  store::Database db(db_path);
  modules::migrate(db);
  int serial = 0;
  for (int year = 2015; year <= 2022; ++year) {
    add_patents(db, year, 30, {"G09B"}, serial);
    add_patents(db, year, 3, {"G06T", "G09B"}, serial);
  }
  foresight::ForesightSnapshots(db).add_schedule({"vr-yearly", "1s", foresight::HeatMapQuery{}, ""});

  auto o = testing::test_server_options(db_path, dir.file("web"));
  o.scheduler_tick_seconds = 1;
  testing::RunningServer server(o);
  int port = server.port();
  testing::HttpClient c("127.0.0.1", port);
  c.set_read_timeout(10, 0);
  auto token = testing::token_for(db_path, "analyst");
  c.set_bearer_token_auth(token.c_str());

  auto hm = get_json(c, "/api/foresight/heatmap?from=2015&to=2022&measure=share");
  EXPECT_EQ(hm["records"], 8 * 33);
  EXPECT_EQ(hm["periods"].size(), 8u);
  ASSERT_EQ(hm["fields"].size(), 2u);
  EXPECT_EQ(hm["fields"][1]["code"], "G06T");
  EXPECT_DOUBLE_EQ(hm["fields"][1]["values"][0].get<double>(), 3.0 / 33);
  auto png = c.Get("/api/foresight/heatmap.png?from=2015&to=2022");
  ASSERT_TRUE(png);
  EXPECT_EQ(png->get_header_value("Content-Type"), "image/png");
  EXPECT_EQ(png->body.substr(1, 3), "PNG");
  auto svg = c.Get("/api/foresight/heatmap.svg");
  ASSERT_TRUE(svg);
  EXPECT_NE(svg->body.find("<svg"), std::string::npos);
  auto bad = get_json(c, "/api/foresight/heatmap?s=1", 400);
  EXPECT_NE(bad["error"]["message"].get<std::string>().find("'s' must be greater than 1"), std::string::npos);
  get_json(c, "/api/foresight/heatmap?level=word", 400);
  get_json(c, "/api/foresight/snapshots/diff?a=1&b=999", 404);

  // The schedule runs at once (never run before), then every second.
  auto wait_for = [&](size_t n) {
    for (int i = 0; i < 100; ++i) {
      auto list = get_json(c, "/api/foresight/snapshots")["snapshots"];
      if (list.size() >= n) return list;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return json::array();
  };
  auto first = wait_for(1);
  ASSERT_GE(first.size(), 1u);
  EXPECT_EQ(first[0]["trigger"], "schedule");
  EXPECT_EQ(first[0]["records"], 8 * 33);
  // A burst of G06T in 2021–2022 and a new field, H04N, arrive before the next run.
  add_patents(db, 2021, 40, {"G06T"}, serial);
  add_patents(db, 2022, 40, {"G06T", "H04N"}, serial);
  auto later = wait_for(first.size() + 1);
  ASSERT_GE(later.size(), first.size() + 1);
  int64_t a = first.back()["id"], b = later.back()["id"];
  auto diff = get_json(c, "/api/foresight/snapshots/diff?a=" + std::to_string(a) + "&b=" + std::to_string(b));
  std::map<std::string, json> by_code;
  for (const auto& ch : diff["changes"]) by_code[ch["code"]] = ch;
  ASSERT_TRUE(by_code.count("H04N"));
  EXPECT_EQ(by_code["H04N"]["kinds"], json::array({"new"}));
  ASSERT_TRUE(by_code.count("G06T"));
  auto kinds = by_code["G06T"]["kinds"].get<std::vector<std::string>>();
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), "burst"), kinds.end());
  EXPECT_EQ(by_code["G06T"]["b"]["bursts"], json::array({"2021–2022"}));

  // Manual snapshots and schedules over the API.
  auto made = c.Post("/api/foresight/snapshots", R"({"name":"manual","query":{"level":"section"}})", "application/json");
  ASSERT_TRUE(made);
  EXPECT_EQ(made->status, 201);
  auto wrong = c.Post("/api/foresight/schedules", R"({"name":"x","every":"hourly"})", "application/json");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 400);
  EXPECT_EQ(get_json(c, "/api/foresight/schedules")["schedules"].size(), 1u);
}

// The page's provenance line, incomplete period and empty-state reasons over HTTP: patents
// filed on 1 June each year, so the last year is partial; an industry level with no industry
// data and a region with no patents answer 200 with the reason, not a blank map.
TEST(ForesightRoutes, ProvenanceIncompletePeriodAndEmptyReasons) {
  testing::ScratchDir dir;
  std::string db_path = dir.database("x.db");
  store::Database db(db_path);
  modules::migrate(db);
  int serial = 0;
  for (int year = 2015; year <= 2022; ++year) add_patents(db, year, 10 + year - 2015, {"G09B"}, serial);
  testing::RunningServer server(testing::test_server_options(db_path, dir.file("web")));
  testing::HttpClient c("127.0.0.1", server.port());
  c.set_read_timeout(10, 0);
  auto token = testing::token_for(db_path, "analyst");
  c.set_bearer_token_auth(token.c_str());

  auto hm = get_json(c, "/api/foresight/heatmap?from=2015&to=2022&growth_window=1");
  EXPECT_EQ(hm["provenance"]["records_total"], 10 * 8 + 28);
  EXPECT_EQ(hm["provenance"]["data_through"], "2022-06-01");
  ASSERT_EQ(hm["provenance"]["sources"].size(), 1u);
  EXPECT_EQ(hm["provenance"]["sources"][0]["name"], "test");
  EXPECT_EQ(hm["provenance"]["sources"][0]["records"], 108);
  EXPECT_FALSE(hm["provenance"]["sources"][0]["imported_at"].get<std::string>().empty());
  EXPECT_EQ(hm["complete_periods"], 7);
  EXPECT_EQ(hm["incomplete_periods"], json::array({"2022"}));
  EXPECT_EQ(hm["growth_through"], "2021");
  const auto& g09b = hm["fields"][0];
  EXPECT_DOUBLE_EQ(g09b["cagr"].get<double>(), 16.0 / 15 - 1);  // 2020 → 2021, not 2021 → partial 2022
  EXPECT_TRUE(g09b["growth"][7].is_null());
  EXPECT_EQ(hm["scale"]["kind"], "log");
  EXPECT_EQ(hm["scale"]["unit"], "patents");
  EXPECT_EQ(hm["scale"]["colours"].size(), 9u);
  EXPECT_EQ(hm["empty"]["emerging"], "too_few_periods");

  auto industry = get_json(c, "/api/foresight/heatmap?level=industry");
  EXPECT_EQ(industry["fields"].size(), 0u);
  EXPECT_EQ(industry["empty"]["heatmap"], "no_industry_data");
  auto shanghai = get_json(c, "/api/foresight/heatmap?region=%E4%B8%8A%E6%B5%B7");  // 上海
  EXPECT_EQ(shanghai["records"], 0);
  EXPECT_EQ(shanghai["empty"]["heatmap"], "no_patents_match");
  EXPECT_EQ(shanghai["empty"]["bursts"], "no_patents_match");
}

}  // namespace xinzhi::server
