#include "modules/scenario/scenario_evaluation.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "base/error.h"
#include "engines/mcda/ahp.h"
#include "modules/mcda/mcda_service.h"
#include "engines/mcda/fuzzy_evaluation.h"
#include "engines/mcda/topsis.h"
#include "engines/mcda/weights.h"

namespace xinzhi::scenario {

const std::vector<GradeBand>& grade_bands() {
  static const std::vector<GradeBand> bands = {
      {"优", 85, 100, 92.5}, {"良", 70, 85, 77.5}, {"中", 55, 70, 62.5}, {"差", 0, 55, 27.5}};
  return bands;
}

namespace {
size_t band_of(double score) {
  const auto& b = grade_bands();
  for (size_t i = 0; i < b.size(); ++i)
    if (score >= b[i].from) return i;
  return b.size() - 1;
}

std::vector<double> closeness_of(const mcda::Matrix& x, std::span<const double> w) {
  mcda::Topsis t(x, std::vector<double>(w.begin(), w.end()), std::vector<mcda::Direction>(x.cols, mcda::Direction::Benefit));
  t.run();
  return t.closeness();
}

// FCE of one application: R row i = the share of experts whose score on leaf i falls in each band.
std::vector<double> fce_scores(const std::vector<mcda::Matrix>& relations, std::span<const double> w,
                               std::vector<std::vector<double>>* membership = nullptr) {
  std::vector<double> scores;
  std::vector<double> mid;
  for (const auto& b : grade_bands()) mid.push_back(b.midpoint);
  for (const auto& r : relations) {
    mcda::FuzzyEvaluation f(std::vector<double>(w.begin(), w.end()), r, mcda::FuzzyOperator::WeightedSum, mid);
    f.run();
    scores.push_back(f.score());
    if (membership) membership->push_back(f.normalised_membership());
  }
  return scores;
}
}  // namespace

ScenarioEvaluation evaluate(ScenarioPartners& partners, int64_t scenario_id, const accounts::Principal& by) {
  ScenarioEvaluation e;
  e.scenario = partners.scenario(scenario_id, by);
  auto indicators = partners.indicators(scenario_id, by);
  e.applications = partners.applications(scenario_id, by);
  if (!by.has(accounts::Permission::ScenarioManage) && !by.has(accounts::Permission::AuditRead) &&
      e.applications.size() != static_cast<size_t>(e.scenario.applications))
    fail_keyed(ErrorCode::Forbidden, "evaluation_forbidden", {},
               "the evaluation compares every application; only managers, the scenario's experts and auditors see it");
  if (e.applications.size() < 2) {
    std::string message = "an evaluation needs at least 2 applications; scenario ";
    message.append(std::to_string(scenario_id)).append(" has ").append(std::to_string(e.applications.size()));
    fail_keyed(ErrorCode::InvalidInput, "evaluation_too_few",
               {{"scenario", std::to_string(scenario_id)}, {"applications", std::to_string(e.applications.size())}}, message);
  }

  // The tree: children by parent in position order; leaves are indicators without children.
  std::map<int64_t, std::vector<const Indicator*>> children;
  std::map<int64_t, const Indicator*> by_id;
  for (const auto& i : indicators) children[i.parent_id].push_back(&i), by_id[i.id] = &i;
  auto judgements = partners.judgements(scenario_id);
  std::map<int64_t, double> global;  // indicator id → product of local weights down to it
  std::vector<std::pair<int64_t, double>> frontier = {{0, 1.0}};
  while (!frontier.empty()) {
    auto [parent, w] = frontier.back();
    frontier.pop_back();
    const auto& kids = children[parent];
    IndicatorGroup g;
    g.parent_id = parent;
    g.parent = parent ? by_id[parent]->name : "";
    for (auto* k : kids) g.children.push_back(k->name);
    const size_t n = kids.size();
    std::vector<mcda::Matrix> experts;
    for (const auto& j : judgements)
      if (j.parent_id == parent && j.matrix.size() == n * n) {
        mcda::Matrix m(n, n);
        m.values = j.matrix;
        mcda::PairwiseComparison own(m);
        own.run();
        g.expert_cr.push_back({j.expert, own.cr()});
        experts.push_back(std::move(m));
      }
    g.local_weights.assign(n, 1.0 / n);
    if (!experts.empty() && n >= 2) {
      auto combined = mcda::geometric_mean(experts);
      mcda::PairwiseComparison ahp(combined);
      ahp.run();
      g.matrix = combined.values;
      g.local_weights = ahp.weights();
      g.lambda_max = ahp.lambda_max();
      g.cr = ahp.cr();
      g.consistent = ahp.consistent();
    }
    for (size_t i = 0; i < n; ++i) {
      double gw = w * g.local_weights[i];
      if (children.count(kids[i]->id)) frontier.push_back({kids[i]->id, gw});
      else global[kids[i]->id] = gw;
    }
    if (n > 0) e.groups.push_back(std::move(g));
  }
  std::sort(e.groups.begin(), e.groups.end(), [](const IndicatorGroup& a, const IndicatorGroup& b) { return a.parent_id < b.parent_id; });
  // Leaves in tree order: top-level position, then child position.
  for (auto* top : children[0]) {
    if (!children.count(top->id)) {
      e.leaves.push_back(top->name), e.leaf_ids.push_back(top->id);
      continue;
    }
    for (auto* leaf : children[top->id]) e.leaves.push_back(top->name + "/" + leaf->name), e.leaf_ids.push_back(leaf->id);
  }
  for (auto id : e.leaf_ids) e.ahp_weights.push_back(global[id]);

  // The score matrix: each application's mean over the experts who scored it.
  const size_t m = e.applications.size(), n = e.leaf_ids.size();
  std::map<int64_t, size_t> app_row, leaf_col;
  for (size_t i = 0; i < m; ++i) app_row[e.applications[i].id] = i;
  for (size_t j = 0; j < n; ++j) leaf_col[e.leaf_ids[j]] = j;
  e.scores = mcda::Matrix(m, n, 0);
  mcda::Matrix count(m, n, 0);
  std::vector<mcda::Matrix> relations(m, mcda::Matrix(n, grade_bands().size(), 0));
  std::map<size_t, std::set<std::string>> scorers;
  for (const auto& s : partners.scores(scenario_id)) {
    if (!app_row.count(s.application_id) || !leaf_col.count(s.indicator_id)) continue;
    size_t i = app_row[s.application_id], j = leaf_col[s.indicator_id];
    e.scores(i, j) += s.score;
    count(i, j) += 1;
    relations[i](j, band_of(s.score)) += 1;
    scorers[i].insert(s.expert);
  }
  for (size_t i = 0; i < m; ++i) {
    e.scorers.push_back(scorers[i].size());
    for (size_t j = 0; j < n; ++j) {
      if (count(i, j) == 0)
        fail_keyed(ErrorCode::InvalidInput, "application_unscored",
                   {{"application", std::to_string(e.applications[i].id)}, {"org", e.applications[i].org}, {"indicator", e.leaves[j]}},
                   "application " + std::to_string(e.applications[i].id) + " (" + e.applications[i].org +
                       ") has no score on indicator " + e.leaves[j]);
      e.scores(i, j) /= count(i, j);
      for (size_t k = 0; k < grade_bands().size(); ++k) relations[i](j, k) /= count(i, j);
    }
  }
  mcda::EntropyWeights ent(e.scores);
  ent.run();
  e.entropy_weights = ent.weights();
  const auto& choice = e.scenario.weighting;
  e.weights = choice == "ahp" ? e.ahp_weights
              : choice == "entropy" ? e.entropy_weights
                                    : mcda::combined_weights(e.ahp_weights, e.entropy_weights);

  e.closeness = closeness_of(e.scores, e.weights);
  e.topsis_rank = mcda::ranks_descending(e.closeness);
  std::vector<std::vector<double>> membership;
  e.fce_score = fce_scores(relations, e.weights, &membership);
  e.fce_membership = mcda::Matrix(m, grade_bands().size());
  for (size_t i = 0; i < m; ++i) {
    for (size_t k = 0; k < membership[i].size(); ++k) e.fce_membership(i, k) = membership[i][k];
    size_t best = static_cast<size_t>(std::max_element(membership[i].begin(), membership[i].end()) - membership[i].begin());
    e.fce_grade.push_back(grade_bands()[best].name);
  }
  e.fce_rank = mcda::ranks_descending(e.fce_score);
  bool by_fce = e.scenario.ranking == "fce";
  e.rank = by_fce ? e.fce_rank : e.topsis_rank;

  // TOPSIS closeness as `xinzhi mcda sensitivity` varies it (all criteria benefits), or the FCE score.
  mcda::ScoreFunction score = by_fce ? mcda::ScoreFunction([&](std::span<const double> w) { return fce_scores(relations, w); })
                                     : mcda::ranking_score(e.scores, std::vector<mcda::Direction>(e.scores.cols, mcda::Direction::Benefit), "topsis");
  mcda::WeightSensitivity sens(e.weights, score, 50);
  sens.run();
  e.reversals = sens.reversals();
  e.curves = sens.curves();
  return e;
}

void write_json(JsonWriter& w, const ScenarioEvaluation& e) {
  auto numbers = [&](const char* key, std::span<const double> v) {
    w.key(key).begin_array();
    for (double x : v) w.value(x);
    w.end_array();
  };
  w.begin_object().key("scenario");
  write_json(w, e.scenario);
  w.key("leaves").begin_array();
  for (const auto& l : e.leaves) w.value(l);
  w.end_array();
  w.key("groups").begin_array();
  for (const auto& g : e.groups) {
    w.begin_object().field("parent_id", g.parent_id).field("parent", g.parent);
    w.key("children").begin_array();
    for (const auto& c : g.children) w.value(c);
    w.end_array();
    numbers("matrix", g.matrix);
    numbers("local_weights", g.local_weights);
    w.field("lambda_max", g.lambda_max).field("cr", g.cr).field("consistent", g.consistent);
    w.key("expert_cr").begin_array();
    for (const auto& [expert, cr] : g.expert_cr) w.begin_object().field("expert", expert).field("cr", cr).end_object();
    w.end_array().end_object();
  }
  w.end_array();
  numbers("ahp_weights", e.ahp_weights);
  numbers("entropy_weights", e.entropy_weights);
  numbers("weights", e.weights);
  w.key("grades").begin_array();
  for (const auto& b : grade_bands()) w.value(b.name);
  w.end_array();
  w.key("applications").begin_array();
  for (size_t i = 0; i < e.applications.size(); ++i) {
    w.begin_object().field("id", e.applications[i].id).field("org", e.applications[i].org);
    w.field("trl", int64_t{e.applications[i].trl}).field("experts", static_cast<uint64_t>(e.scorers[i]));
    numbers("scores", e.scores.row(i));
    w.field("closeness", e.closeness[i]).field("topsis_rank", static_cast<uint64_t>(e.topsis_rank[i]));
    numbers("fce_membership", e.fce_membership.row(i));
    w.field("fce_score", e.fce_score[i]).field("fce_grade", e.fce_grade[i]);
    w.field("fce_rank", static_cast<uint64_t>(e.fce_rank[i])).field("rank", static_cast<uint64_t>(e.rank[i]));
    w.end_object();
  }
  w.end_array().key("reversals").begin_array();
  for (const auto& r : e.reversals) {
    w.begin_object().field("indicator", e.leaves[r.criterion]).field("weight", r.weight);
    w.field("current_weight", e.weights[r.criterion]);
    w.field("ahead_below", e.applications[r.ahead_below].org).field("ahead_above", e.applications[r.ahead_above].org);
    w.field("changes_top", r.changes_top).end_object();
  }
  w.end_array().key("curves").begin_array();
  for (const auto& c : e.curves) {
    w.begin_object().field("indicator", e.leaves[c.criterion]);
    numbers("weights", c.weights);
    w.key("scores").begin_array();
    for (const auto& s : c.scores) {
      w.begin_array();
      for (double x : s) w.value(x);
      w.end_array();
    }
    w.end_array().end_object();
  }
  w.end_array().end_object();
}

}  // namespace xinzhi::scenario
