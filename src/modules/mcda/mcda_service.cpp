#include "modules/mcda/mcda_service.h"

#include <chrono>
#include <cmath>

#include "base/error.h"
#include "base/text.h"
#include "engines/mcda/fuzzy_evaluation.h"
#include "engines/mcda/promethee.h"
#include "engines/mcda/weights.h"

namespace xinzhi::mcda {

namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

std::vector<double> weights_or_entropy(const RankingRequest& r) {
  if (!r.weights.empty()) return r.weights;
  EntropyWeights e(r.m.x);
  e.run();
  return e.weights();
}

std::vector<Direction> directions_or_benefit(const RankingRequest& r) {
  return r.directions.empty() ? std::vector<Direction>(r.m.x.cols, Direction::Benefit) : r.directions;
}

}  // namespace

NamedMatrix named_matrix(std::string source, std::vector<std::string> rows, std::vector<std::string> cols,
                         std::vector<double> values) {
  if (rows.empty() || cols.empty()) invalid_input(source + ": the matrix is empty");
  if (values.size() != rows.size() * cols.size())
    invalid_input(source + ": " + std::to_string(values.size()) + " values for " + std::to_string(rows.size()) + " rows × " +
                  std::to_string(cols.size()) + " columns");
  for (size_t i = 0; i < values.size(); ++i)
    if (!std::isfinite(values[i]))
      invalid_input(source + ": row '" + rows[i / cols.size()] + "', column '" + cols[i % cols.size()] + "' is not a finite number");
  NamedMatrix m{std::move(source), std::move(rows), std::move(cols), Matrix(0, 0)};
  m.x = Matrix(m.rows.size(), m.cols.size());
  m.x.values = std::move(values);
  return m;
}

nlohmann::json ahp(const AhpRequest& r) {
  if (r.experts.empty()) invalid_input("give at least one pairwise comparison matrix");
  std::vector<Matrix> experts;
  for (const auto& m : r.experts) {
    if (m.rows != r.experts[0].rows)
      invalid_input(m.source + ": its names differ from " + r.experts[0].source + "'s; every expert compares the same items");
    try {
      check_pairwise(m.x);
    } catch (const Error& e) {
      invalid_input(m.source + ": " + e.what());
    }
    experts.push_back(m.x);
  }
  auto combined = experts.size() == 1 ? experts[0] : geometric_mean(experts);
  PairwiseComparison a(combined, r.method, r.ri);
  a.run();
  const auto& names = r.experts[0];
  nlohmann::json worst = nlohmann::json::array();
  for (const auto& j : a.worst_judgements(r.top))
    worst.push_back({{"row", names.rows[j.row]}, {"column", names.cols[j.col]}, {"given", j.given},
                     {"implied", j.implied}, {"deviation", j.deviation}});
  nlohmann::json out = {{"names", names.rows}, {"weights", a.weights()}, {"lambda_max", a.lambda_max()}, {"ci", a.ci()},
                        {"ri", a.ri()},        {"cr", a.cr()},           {"consistent", a.consistent()},
                        {"ri_table", r.ri},    {"most_inconsistent", worst}};
  if (experts.size() > 1) out["experts"] = experts.size();
  return out;
}

nlohmann::json entropy(const NamedMatrix& m, double* compute_seconds) {
  auto start = std::chrono::steady_clock::now();
  EntropyWeights e(m.x);
  e.run();
  if (compute_seconds) *compute_seconds = seconds_since(start);
  return {{"names", m.cols}, {"weights", e.weights()}, {"entropies", e.entropies()}};
}

nlohmann::json critic(const NamedMatrix& m, const std::vector<Direction>& directions) {
  CriticWeights c(m.x, directions);
  c.run();
  return {{"names", m.cols}, {"weights", c.weights()}, {"contrasts", c.contrasts()}, {"information", c.information()}};
}

nlohmann::json topsis(const RankingRequest& r, double* compute_seconds) {
  auto start = std::chrono::steady_clock::now();
  Topsis t(r.m.x, weights_or_entropy(r), directions_or_benefit(r), r.norm);
  t.run();
  if (compute_seconds) *compute_seconds = seconds_since(start);
  return {{"names", r.m.rows},
          {"closeness", t.closeness()},
          {"rank", t.rank()},
          {"distance_to_ideal", t.distance_to_ideal()},
          {"distance_to_anti_ideal", t.distance_to_anti_ideal()}};
}

nlohmann::json promethee(const RankingRequest& r) {
  Promethee p(r.m.x, weights_or_entropy(r), directions_or_benefit(r));
  p.run();
  return {{"names", r.m.rows},
          {"net_flow", p.net_flow()},
          {"positive_flow", p.positive_flow()},
          {"negative_flow", p.negative_flow()},
          {"rank", p.rank()}};
}

ScoreFunction ranking_score(const Matrix& x, std::vector<Direction> directions, const std::string& by) {
  if (by != "topsis" && by != "promethee") invalid_input("ranking is '" + by + "', expected topsis or promethee");
  return [&x, directions = std::move(directions), promethee = by == "promethee"](std::span<const double> w) {
    std::vector<double> weights(w.begin(), w.end());
    if (promethee) {
      Promethee p(x, weights, directions);
      p.run();
      return p.net_flow();
    }
    Topsis t(x, weights, directions);
    t.run();
    return t.closeness();
  };
}

nlohmann::json sensitivity(const RankingRequest& r, const std::string& by) {
  WeightSensitivity s(weights_or_entropy(r), ranking_score(r.m.x, directions_or_benefit(r), by));
  s.run();
  nlohmann::json rev = nlohmann::json::array();
  for (const auto& v : s.reversals())
    rev.push_back({{"criterion", r.m.cols[v.criterion]}, {"weight", v.weight}, {"ahead_below", r.m.rows[v.ahead_below]},
                   {"ahead_above", r.m.rows[v.ahead_above]}, {"changes_top", v.changes_top}});
  return {{"criteria", r.m.cols}, {"reversals", rev}};
}

nlohmann::json fce(const FceRequest& r) {
  FuzzyEvaluation f(r.weights, r.relation.x, fuzzy_operator_from(r.op), r.grade_scores);
  f.run();
  nlohmann::json out = {{"grades", r.relation.cols},
                        {"membership", f.membership()},
                        {"normalised", f.normalised_membership()},
                        {"grade", r.relation.cols[f.grade()]}};
  if (!r.grade_scores.empty()) out["score"] = f.score();
  return out;
}

std::vector<Direction> directions_from(const std::string& text, size_t criteria) {
  std::vector<Direction> out;
  if (text.empty()) return std::vector<Direction>(criteria, Direction::Benefit);
  size_t at = 0;
  while (at <= text.size()) {
    size_t comma = text.find(',', at);
    std::string t(text::trim(text.substr(at, comma == std::string::npos ? std::string::npos : comma - at)));
    if (t == "+" || t == "benefit" || t == "max")
      out.push_back(Direction::Benefit);
    else if (t == "-" || t == "cost" || t == "min")
      out.push_back(Direction::Cost);
    else
      invalid_input("type " + std::to_string(out.size() + 1) + " is '" + t + "', expected + (benefit) or - (cost)");
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  return out;
}

}  // namespace xinzhi::mcda
