// GET /api/chains/{chain}/map and GET /api/regions/places over real sockets, on the sample
// region: the door answers what the chain service computes (tests/modules/chain/district_map_test
// has the rules) and refuses bad input with keys the dashboard translates.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "modules/registry.h"
#include "server/api_server.h"
#include "server/running_server.h"
#include "server/signed_in.h"
#include "support/http_client.h"
#include "support/test_support.h"

namespace xinzhi::server {
namespace {

using nlohmann::json;

std::string encoded(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    char buf[4];
    snprintf(buf, sizeof buf, "%%%02X", c);
    out += std::isalnum(c) ? std::string(1, static_cast<char>(c)) : std::string(buf);
  }
  return out;
}

TEST(ChainMapRoutes, DistrictsOfTheSampleChainPlacesAndKeyedRefusals) {
  testing::ScratchDir dir;
  std::string db_path = dir.database("x.db");
  {
    store::Database db(db_path);
    modules::migrate(db);
    modules::seed_sample_region(db);
  }
  testing::RunningServer server(testing::test_server_options(db_path, dir.file("web")));
  testing::HttpClient c("127.0.0.1", server.port());
  c.set_read_timeout(10, 0);
  auto token = testing::token_for(db_path, "analyst");
  c.set_bearer_token_auth(token.c_str());
  auto get = [&](const std::string& path, int status) {
    auto res = c.Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return json();
    EXPECT_EQ(res->status, status) << path << " " << res->body;
    return json::parse(res->body);
  };

  std::string chain = "/api/chains/" + encoded("新能源汽车（示例）");
  auto m = get(chain + "/map", 200);
  EXPECT_EQ(m["region"]["label"], "京津冀");
  EXPECT_EQ(m["in_region"], 14);
  EXPECT_EQ(m["district_unknown"], 4);
  EXPECT_EQ(m["outside_region"], 5);
  EXPECT_EQ(m["place_unknown"], 1);
  ASSERT_EQ(m["districts"].size(), 9u);
  EXPECT_EQ(m["districts"][0]["district"], "滨海新区");
  EXPECT_EQ(m["districts"][0]["firms"], 2);
  EXPECT_EQ(m["districts"][0]["top_firms"].size(), 2u);
  EXPECT_EQ(m["without_district"].size(), 4u);
  EXPECT_FALSE(m["as_of"].get<std::string>().empty());
  EXPECT_EQ(m["chain"]["origin"], "derived");
  EXPECT_EQ(get(chain + "/map?firms=1", 200)["districts"][0]["top_firms"].size(), 1u);
  EXPECT_EQ(get(chain + "/map?region=" + encoded("天津市滨海新区"), 200)["in_region"], 2);

  EXPECT_EQ(get(chain + "/map?region=" + encoded("火星"), 400)["error"]["key"], "region_unknown");
  EXPECT_EQ(get(chain + "/map?firms=9999", 400)["error"]["key"], "param_number");
  EXPECT_EQ(get("/api/chains/" + encoded("没有这条链") + "/map", 404)["error"]["key"], "chain_not_found");

  // The pick list: groups, provinces and cities, and the home group's districts only.
  auto places = get("/api/regions/places", 200);
  EXPECT_NE(std::find(places["groups"].begin(), places["groups"].end(), "京津冀"), places["groups"].end());
  size_t districts = 0, binhai = 0, pudong = 0;
  for (const auto& p : places["places"]) {
    districts += !p["district"].get<std::string>().empty();
    binhai += p["label"] == "天津市滨海新区";
    pudong += p["district"] == "浦东新区";
  }
  EXPECT_EQ(districts, 222u);
  EXPECT_EQ(binhai, 1u);
  EXPECT_EQ(pudong, 0u);
  size_t shanghai = 0;
  auto shanghai_places = get("/api/regions/places?districts_of=" + encoded("上海"), 200);
  for (const auto& p : shanghai_places["places"])
    shanghai += !p["district"].get<std::string>().empty();
  EXPECT_EQ(shanghai, 16u);
}

}  // namespace
}  // namespace xinzhi::server
