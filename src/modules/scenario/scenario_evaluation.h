// Evaluating a scenario's applications: indicator weights by group AHP over the experts'
// judgements (geometric mean, per parent indicator, multiplied down the tree), by entropy over
// the score matrix, or both; the ranking by TOPSIS and by fuzzy comprehensive evaluation; and
// the weights at which the ranking would change.
#pragma once
#include <string>
#include <vector>

#include "base/json_writer.h"
#include "engines/mcda/matrix.h"
#include "engines/mcda/sensitivity.h"
#include "modules/scenario/scenario_partners.h"

namespace xinzhi::scenario {

// The grades of the fuzzy evaluation: an expert's score falls in one band; a band's
// midpoint is its score in the weighted grade score.
struct GradeBand {
  std::string name;
  double from, to, midpoint;
};
const std::vector<GradeBand>& grade_bands();  // 优 [85,100], 良 [70,85), 中 [55,70), 差 [0,55)

struct IndicatorGroup {
  int64_t parent_id = 0;
  std::string parent;                 // "" for the top level
  std::vector<std::string> children;  // in position order
  std::vector<double> matrix;         // the experts' geometric mean (empty: no judgements, equal weights)
  std::vector<double> local_weights;
  double lambda_max = 0, cr = 0;
  bool consistent = true;
  std::vector<std::pair<std::string, double>> expert_cr;  // each expert's own CR
};

struct ScenarioEvaluation {
  Scenario scenario;
  std::vector<std::string> leaves;  // "parent/leaf"
  std::vector<int64_t> leaf_ids;
  std::vector<IndicatorGroup> groups;
  std::vector<double> ahp_weights, entropy_weights, weights;  // weights: the scenario's choice
  std::vector<Application> applications;
  mcda::Matrix scores;            // applications × leaves, the experts' mean
  std::vector<size_t> scorers;    // experts who scored each application
  std::vector<double> closeness;  // TOPSIS (vector normalisation, all benefit)
  std::vector<size_t> topsis_rank;
  mcda::Matrix fce_membership;  // applications × grades (weighted-sum operator, normalised)
  std::vector<double> fce_score;
  std::vector<std::string> fce_grade;
  std::vector<size_t> fce_rank;
  std::vector<size_t> rank;  // by the scenario's ranking method
  std::vector<mcda::RankReversal> reversals;
  std::vector<mcda::SensitivityCurve> curves;
};

// InvalidInput when an application lacks a score on some leaf indicator, naming both.
ScenarioEvaluation evaluate(ScenarioPartners& partners, int64_t scenario_id, const accounts::Principal& by);
void write_json(JsonWriter& w, const ScenarioEvaluation& e);

}  // namespace xinzhi::scenario
