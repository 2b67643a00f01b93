// The mcda service behind `xinzhi mcda` and POST /api/mcda/{method}: a JSON request reaches
// the published numbers, and every malformed field is an InvalidInput that names it.
#include "modules/mcda/mcda_service.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace xinzhi::mcda {

using nlohmann::json;
using testing::expect_error;

namespace {
// Opricovic & Tzeng (2004), the three-alternative example (see engines/mcda/mcda_test.cpp).
json opricovic() {
  return {{"matrix", {{"rows", {"A1", "A2", "A3"}}, {"cols", {"cost", "benefit"}},
                      {"values", {{1, 3000}, {2, 3750}, {5, 4500}}}}},
          {"weights", {0.5, 0.5}},
          {"types", "-,+"},
          {"norm", "minmax"}};
}

// Saaty's beverage consumption example, judgements as fractions in strings as a form sends them.
json beverages() {
  std::vector<std::string> names = {"coffee", "wine", "tea", "beer", "sodas", "milk", "water"};
  json values = {{"1", "9", "5", "2", "1", "1", "1/2"},       {"1/9", "1", "1/3", "1/9", "1/9", "1/9", "1/9"},
                 {"1/5", "3", "1", "1/3", "1/4", "1/3", "1/9"}, {"1/2", "9", "3", "1", "1/2", "1", "1/3"},
                 {"1", "9", "4", "2", "1", "2", "1/2"},         {"1", "9", "3", "1", "1/2", "1", "1/3"},
                 {"2", "9", "9", "3", "2", "3", "1"}};
  return {{"matrix", {{"rows", names}, {"cols", names}, {"values", values}}}};
}
}  // namespace

TEST(McdaService, TopsisFromARequestGivesThePublishedCloseness) {
  auto out = run_request("topsis", opricovic());
  EXPECT_NEAR(out["closeness"][0].get<double>(), 0.500, 0.0005);
  EXPECT_NEAR(out["closeness"][1].get<double>(), 0.617, 0.0005);
  EXPECT_NEAR(out["closeness"][2].get<double>(), 0.500, 0.0005);
  EXPECT_EQ(out["rank"][1].get<size_t>(), 1u);
  EXPECT_EQ(out["names"][1], "A2");
}

TEST(McdaService, AhpFromFractionsGivesSaatysConsistency) {
  auto out = run_request("ahp", beverages());
  // Saaty (2008) reports λmax 7.1766 and CR 0.0223 for this matrix (the engine test's numbers).
  EXPECT_NEAR(out["lambda_max"].get<double>(), 7.1766, 0.0005);
  EXPECT_NEAR(out["cr"].get<double>(), 0.0223, 0.0005);
  EXPECT_TRUE(out["consistent"].get<bool>());
  // Two identical experts: group AHP gives the same weights and says how many experts.
  auto b = beverages();
  auto group = run_request("ahp", json{{"matrices", {b["matrix"], b["matrix"]}}});
  EXPECT_EQ(group["experts"], 2);
  EXPECT_NEAR(group["weights"][6].get<double>(), out["weights"][6].get<double>(), 1e-12);
}

TEST(McdaService, SensitivityAndScenarioShareOneRankingScore) {
  auto req = opricovic();
  req.erase("norm");
  auto out = run_request("sensitivity", req);
  EXPECT_EQ(out["criteria"], json({"cost", "benefit"}));
  // The score function weight sensitivity varies is TOPSIS closeness under trial weights.
  auto m = named_matrix("m", {"A1", "A2", "A3"}, {"cost", "benefit"}, {1, 3000, 2, 3750, 5, 4500});
  auto score = ranking_score(m.x, {Direction::Cost, Direction::Benefit}, "topsis");
  std::vector<double> w = {0.5, 0.5};
  auto direct = run_request("topsis", json{{"matrix", req["matrix"]}, {"weights", {0.5, 0.5}}, {"types", "-,+"}});
  auto scores = score(w);
  for (size_t i = 0; i < 3; ++i) EXPECT_NEAR(scores[i], direct["closeness"][i].get<double>(), 1e-12);
}

// Over HTTP one request holds one worker: methods whose work grows faster than the matrix
// are bounded (PROMETHEE by rows², sensitivity by 101 runs per criterion).
TEST(McdaService, RequestsThatWouldHoldAWorkerForMinutesAreRefused) {
  // Names built by append: g++ 12 -O3 warns falsely (-Wrestrict) on "a" + std::to_string(i).
  auto name = [](char prefix, size_t i) { return std::string(1, prefix).append(std::to_string(i)); };
  auto rows_of = [&](size_t rows, size_t cols) {
    json names = json::array(), crit = json::array(), values = json::array();
    for (size_t i = 0; i < rows; ++i) {
      names.push_back(name('a', i));
      json row = json::array();
      for (size_t j = 0; j < cols; ++j) row.push_back(static_cast<double>((i * 7 + j * 3) % 11 + 1));
      values.push_back(row);
    }
    for (size_t j = 0; j < cols; ++j) crit.push_back(name('c', j));
    return json{{"matrix", {{"rows", names}, {"cols", crit}, {"values", values}}}};
  };
  expect_error(ErrorCode::InvalidInput, [&] { run_request("promethee", rows_of(1001, 2)); }, "at most 1,000 alternatives");
  expect_error(ErrorCode::InvalidInput, [&] { run_request("sensitivity", rows_of(3, 51)); }, "at most 50 criteria");
  auto by_promethee = rows_of(201, 2);
  by_promethee["by"] = "promethee";
  expect_error(ErrorCode::InvalidInput, [&] { run_request("sensitivity", by_promethee); }, "200 by PROMETHEE");
  EXPECT_EQ(run_request("promethee", rows_of(1000, 2))["rank"].size(), 1000u);  // at the bound: answered
}

TEST(McdaService, MalformedRequestsNameTheField) {
  expect_error(ErrorCode::InvalidInput, [] { run_request("topsis", json{{"weights", {1}}}); }, "field 'matrix' is missing");
  auto ragged = opricovic();
  ragged["matrix"]["values"][1] = {2};
  expect_error(ErrorCode::InvalidInput, [&] { run_request("topsis", ragged); }, "matrix.values[1] has 1 values, expected 2");
  auto text = opricovic();
  text["matrix"]["values"][2][1] = "many";
  expect_error(ErrorCode::InvalidInput, [&] { run_request("topsis", text); }, "matrix.values[2][1] is \"many\"");
  auto weights = opricovic();
  weights["weights"] = {0.5, 0.3, 0.2};
  expect_error(ErrorCode::InvalidInput, [&] { run_request("topsis", weights); }, "weight");
  auto types = opricovic();
  types["types"] = "-,up";
  expect_error(ErrorCode::InvalidInput, [&] { run_request("topsis", types); }, "type 2 is 'up'");
  auto norm = opricovic();
  norm["norm"] = 3;
  expect_error(ErrorCode::InvalidInput, [&] { run_request("topsis", norm); }, "field 'norm'");
  auto bad_ahp = beverages();
  bad_ahp["matrix"]["values"][0][1] = "0";
  expect_error(ErrorCode::InvalidInput, [&] { run_request("ahp", bad_ahp); }, "matrix: ");
  expect_error(ErrorCode::InvalidInput, [] { run_request("fce", json::array()); }, "JSON object");
  expect_error(ErrorCode::NotFound, [] { run_request("vikor", json::object()); }, "no decision method 'vikor'");
  expect_error(ErrorCode::InvalidInput,
               [] { named_matrix("m", {"a"}, {"x"}, {std::numeric_limits<double>::infinity()}); }, "not a finite number");
}

}  // namespace xinzhi::mcda
