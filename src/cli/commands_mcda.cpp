// xinzhi mcda ahp | entropy | topsis | fce | promethee | sensitivity: the decision methods of
// engines/mcda on CSV matrices (a header of names, row names first, numbers or fractions).
#include <chrono>
#include <iostream>

#include "base/error.h"
#include "base/text.h"
#include "cli/commands.h"
#include "engines/mcda/ahp.h"
#include "engines/mcda/fuzzy_evaluation.h"
#include "engines/mcda/promethee.h"
#include "engines/mcda/sensitivity.h"
#include "engines/mcda/topsis.h"
#include "engines/mcda/weights.h"
#include "ingest/labelled_matrix.h"

namespace xinzhi::cli {

namespace {

struct McdaOptions {
  std::vector<std::string> matrices;
  std::string relation, weights, types, scores, method = "eigen", ri = "classic", norm = "vector", op = "weighted-sum";
  std::string score_by = "topsis";
  size_t top = 5;
  bool timing = false;
} opt;

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

mcda::Matrix to_matrix(const ingest::LabelledMatrix& m) {
  mcda::Matrix out(m.rows(), m.cols());
  out.values = m.values;
  return out;
}

std::vector<double> number_list(const std::string& text, const char* what) {
  std::vector<double> out;
  size_t at = 0;
  while (at <= text.size()) {
    size_t comma = text.find(',', at);
    std::string cell = text.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
    double v = 0;
    if (!ingest::parse_number_or_fraction(cell, v))
      invalid_input(std::string(what) + " item " + std::to_string(out.size() + 1) + " is '" + cell + "', expected a number");
    out.push_back(v);
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  return out;
}

std::vector<mcda::Direction> directions(const std::string& text, size_t criteria) {
  std::vector<mcda::Direction> out;
  if (text.empty()) return std::vector<mcda::Direction>(criteria, mcda::Direction::Benefit);
  size_t at = 0;
  while (at <= text.size()) {
    size_t comma = text.find(',', at);
    std::string t(text::trim(text.substr(at, comma == std::string::npos ? std::string::npos : comma - at)));
    if (t == "+" || t == "benefit" || t == "max") out.push_back(mcda::Direction::Benefit);
    else if (t == "-" || t == "cost" || t == "min") out.push_back(mcda::Direction::Cost);
    else invalid_input("type " + std::to_string(out.size() + 1) + " is '" + t + "', expected + (benefit) or - (cost)");
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  return out;
}

// --weights: numbers, or "entropy" for the matrix's entropy weights.
std::vector<double> weights_for(const mcda::Matrix& x) {
  if (opt.weights.empty()) invalid_input("--weights is required (numbers, or 'entropy')");
  if (opt.weights != "entropy") return number_list(opt.weights, "--weights");
  mcda::EntropyWeights e(x);
  e.run();
  return e.weights();
}

// The one --matrix, read and converted, with the time that took (reported apart by --timing).
struct LoadedMatrix {
  ingest::LabelledMatrix names;
  mcda::Matrix x;
  double read_s = 0;
};
LoadedMatrix load_single_matrix() {
  auto start = std::chrono::steady_clock::now();
  if (opt.matrices.size() != 1) invalid_input("give one --matrix");
  LoadedMatrix l{ingest::read_labelled_matrix(opt.matrices[0]), {}, 0};
  l.x = to_matrix(l.names);
  l.read_s = seconds_since(start);
  return l;
}

void print(bool json, const nlohmann::json& out, const std::vector<std::string>& names, const char* value_key,
           const std::vector<double>& values) {
  if (json) {
    std::cout << out.dump(2) << "\n";
    return;
  }
  for (size_t i = 0; i < names.size(); ++i) {
    char buf[64];
    snprintf(buf, sizeof buf, "%.4f", values[i]);
    std::cout << names[i] << "  " << value_key << " " << buf;
    if (out.contains("rank")) std::cout << "  rank " << out["rank"][i].get<size_t>();
    std::cout << "\n";
  }
}

nlohmann::json ahp_json(const mcda::PairwiseComparison& a, const ingest::LabelledMatrix& m) {
  nlohmann::json worst = nlohmann::json::array();
  for (const auto& j : a.worst_judgements(opt.top))
    worst.push_back({{"row", m.row_names[j.row]}, {"column", m.col_names[j.col]}, {"given", j.given},
                     {"implied", j.implied}, {"deviation", j.deviation}});
  return {{"names", m.row_names}, {"weights", a.weights()}, {"lambda_max", a.lambda_max()}, {"ci", a.ci()},
          {"ri", a.ri()},         {"cr", a.cr()},           {"consistent", a.consistent()},
          {"ri_table", opt.ri},   {"most_inconsistent", worst}};
}

}  // namespace

void add_mcda_commands(CLI::App& app, GlobalOptions& g) {
  auto* mcda = app.add_subcommand("mcda", "decision methods: AHP, entropy weights, TOPSIS, fuzzy evaluation, PROMETHEE");
  mcda->require_subcommand(1);

  auto* ahp = mcda->add_subcommand("ahp", "weights and consistency from a pairwise comparison matrix (several: group AHP)");
  ahp->add_option("--matrix", opt.matrices, "CSV: names in the header and first column, judgements such as 3 or 1/3")
      ->required();
  ahp->add_option("--method", opt.method, "eigen (default) or approx (column-normalised)")
      ->check(CLI::IsMember({"eigen", "approx"}));
  ahp->add_option("--ri", opt.ri, "random index table: classic (default), saaty2005, alonso-lamata");
  ahp->add_option("--top", opt.top, "how many inconsistent judgements to point out (default 5)");
  ahp->add_flag("--json", g.json, "print JSON");
  ahp->callback([&g] {
    std::vector<ingest::LabelledMatrix> read;
    std::vector<mcda::Matrix> experts;
    for (const auto& path : opt.matrices) {
      read.push_back(ingest::read_labelled_matrix(path));
      experts.push_back(to_matrix(read.back()));
      try {
        mcda::check_pairwise(experts.back());
      } catch (const Error& e) {
        invalid_input(path + ": " + e.what());
      }
    }
    auto combined = experts.size() == 1 ? experts[0] : mcda::geometric_mean(experts);
    mcda::PairwiseComparison a(combined, opt.method == "approx" ? mcda::AhpMethod::ColumnNormalised
                                                                : mcda::AhpMethod::Eigenvector, opt.ri);
    a.run();
    auto out = ahp_json(a, read[0]);
    if (experts.size() > 1) out["experts"] = experts.size();
    print(g.json, out, read[0].row_names, "weight", a.weights());
    if (!g.json) {
      char buf[160];
      snprintf(buf, sizeof buf, "lambda_max %.4f  CI %.4f  RI %.2f  CR %.4f  %s\n", a.lambda_max(), a.ci(), a.ri(), a.cr(),
               a.consistent() ? "consistent (CR <= 0.10)" : "NOT consistent (CR > 0.10): revise the judgements below");
      std::cout << buf;
      if (!a.consistent())
        for (const auto& j : out["most_inconsistent"])
          std::cout << "  " << j["row"].get<std::string>() << " vs " << j["column"].get<std::string>() << ": given "
                    << j["given"].get<double>() << ", the weights imply " << j["implied"].get<double>() << "\n";
    }
  });

  auto* entropy = mcda->add_subcommand("entropy", "objective weights from a decision matrix (values >= 0)");
  entropy->add_option("--matrix", opt.matrices, "CSV: alternatives in rows, criteria in columns")->required();
  entropy->add_flag("--json", g.json, "print JSON");
  entropy->add_flag("--timing", opt.timing, "report reading and computing times (seconds)");
  entropy->callback([&g] {
    auto [m, x, read_s] = load_single_matrix();
    auto start = std::chrono::steady_clock::now();
    mcda::EntropyWeights e(x);
    e.run();
    double compute_s = seconds_since(start);
    nlohmann::json out = {{"names", m.col_names}, {"weights", e.weights()}, {"entropies", e.entropies()}};
    if (opt.timing) out["timing"] = {{"read_s", read_s}, {"compute_s", compute_s}};
    print(g.json, out, m.col_names, "weight", e.weights());
  });

  auto add_ranking_options = [](CLI::App* cmd) {
    cmd->add_option("--matrix", opt.matrices, "CSV: alternatives in rows, criteria in columns")->required();
    cmd->add_option("--weights", opt.weights, "comma-separated, one per criterion (or 'entropy')")->required();
    cmd->add_option("--types", opt.types, "comma-separated + (benefit) or - (cost); default all +");
  };
  auto* topsis = mcda->add_subcommand("topsis", "rank alternatives by closeness to the ideal");
  add_ranking_options(topsis);
  topsis->add_option("--norm", opt.norm, "vector (default) or minmax")->check(CLI::IsMember({"vector", "minmax"}));
  topsis->add_flag("--json", g.json, "print JSON");
  topsis->add_flag("--timing", opt.timing, "report reading and computing times (seconds)");
  topsis->callback([&g] {
    auto [m, x, read_s] = load_single_matrix();
    auto start = std::chrono::steady_clock::now();
    mcda::Topsis t(x, weights_for(x), directions(opt.types, x.cols),
                   opt.norm == "minmax" ? mcda::Normalisation::MinMax : mcda::Normalisation::Vector);
    t.run();
    double compute_s = seconds_since(start);  // before the JSON of a million rows is built
    nlohmann::json out = {{"names", m.row_names}, {"closeness", t.closeness()}, {"rank", t.rank()},
                          {"distance_to_ideal", t.distance_to_ideal()},
                          {"distance_to_anti_ideal", t.distance_to_anti_ideal()}};
    if (opt.timing) out["timing"] = {{"read_s", read_s}, {"compute_s", compute_s}};
    print(g.json, out, m.row_names, "closeness", t.closeness());
  });

  auto* promethee = mcda->add_subcommand("promethee", "PROMETHEE II net outranking flows (usual criterion)");
  add_ranking_options(promethee);
  promethee->add_flag("--json", g.json, "print JSON");
  promethee->callback([&g] {
    auto [m, x, read_s] = load_single_matrix();
    mcda::Promethee p(x, weights_for(x), directions(opt.types, x.cols));
    p.run();
    print(g.json,
          {{"names", m.row_names}, {"net_flow", p.net_flow()}, {"positive_flow", p.positive_flow()},
           {"negative_flow", p.negative_flow()}, {"rank", p.rank()}},
          m.row_names, "net_flow", p.net_flow());
  });

  auto* fce = mcda->add_subcommand("fce", "fuzzy comprehensive evaluation B = A o R");
  fce->add_option("--weights", opt.weights, "factor weights A, comma-separated")->required();
  fce->add_option("--relation", opt.relation, "CSV: factors in rows, grades in columns, memberships in [0, 1]")->required();
  fce->add_option("--operator", opt.op, "max-min, product-max or weighted-sum (default)");
  fce->add_option("--scores", opt.scores, "a score per grade (e.g. 90,75,60,40) for a weighted score");
  fce->add_flag("--json", g.json, "print JSON");
  fce->callback([&g] {
    auto m = ingest::read_labelled_matrix(opt.relation);
    auto r = to_matrix(m);
    mcda::FuzzyEvaluation f(number_list(opt.weights, "--weights"), r, mcda::fuzzy_operator_from(opt.op),
                            opt.scores.empty() ? std::vector<double>{} : number_list(opt.scores, "--scores"));
    f.run();
    nlohmann::json out = {{"grades", m.col_names}, {"membership", f.membership()},
                          {"normalised", f.normalised_membership()}, {"grade", m.col_names[f.grade()]}};
    if (!opt.scores.empty()) out["score"] = f.score();
    print(g.json, out, m.col_names, "membership", f.membership());
    if (!g.json) {
      std::cout << "grade (maximum membership): " << m.col_names[f.grade()] << "\n";
      if (!opt.scores.empty()) std::cout << "weighted score: " << f.score() << "\n";
    }
  });

  auto* sens = mcda->add_subcommand("sensitivity", "weights at which the ranking changes, one criterion at a time");
  add_ranking_options(sens);
  sens->add_option("--by", opt.score_by, "topsis (default) or promethee")->check(CLI::IsMember({"topsis", "promethee"}));
  sens->add_flag("--json", g.json, "print JSON");
  sens->callback([&g] {
    auto [m, x, read_s] = load_single_matrix();
    auto dirs = directions(opt.types, x.cols);
    mcda::ScoreFunction score = [&](std::span<const double> w) {
      std::vector<double> weights(w.begin(), w.end());
      if (opt.score_by == "promethee") {
        mcda::Promethee p(x, weights, dirs);
        p.run();
        return p.net_flow();
      }
      mcda::Topsis t(x, weights, dirs);
      t.run();
      return t.closeness();
    };
    mcda::WeightSensitivity s(weights_for(x), score);
    s.run();
    nlohmann::json rev = nlohmann::json::array();
    for (const auto& r : s.reversals())
      rev.push_back({{"criterion", m.col_names[r.criterion]}, {"weight", r.weight},
                     {"ahead_below", m.row_names[r.ahead_below]}, {"ahead_above", m.row_names[r.ahead_above]},
                     {"changes_top", r.changes_top}});
    if (g.json) {
      std::cout << nlohmann::json{{"criteria", m.col_names}, {"reversals", rev}}.dump(2) << "\n";
      return;
    }
    if (rev.empty()) std::cout << "no weight of any single criterion changes the ranking\n";
    for (const auto& r : rev) {
      char buf[32];
      snprintf(buf, sizeof buf, "%.4f", r["weight"].get<double>());
      std::cout << r["criterion"].get<std::string>() << " at weight " << buf << ": "
                << r["ahead_above"].get<std::string>() << " overtakes " << r["ahead_below"].get<std::string>()
                << (r["changes_top"].get<bool>() ? "  (changes the first place)" : "") << "\n";
    }
  });
}

}  // namespace xinzhi::cli
