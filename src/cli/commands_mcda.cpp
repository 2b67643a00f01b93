// xinzhi mcda ahp | entropy | critic | topsis | fce | promethee | sensitivity: the decision methods of
// the mcda service on CSV or .npy matrices (a header of names, row names first, numbers or
// fractions). This door reads the files and options and prints; the service computes.
#include <chrono>
#include <iostream>

#include "base/error.h"
#include "cli/commands.h"
#include "ingest/labelled_matrix.h"
#include "modules/mcda/mcda_service.h"

namespace xinzhi::cli {

namespace {

struct McdaOptions {
  std::vector<std::string> matrices;
  std::string relation, weights, types, scores, method = "eigen", ri = "classic", norm = "vector", op = "weighted-sum";
  std::string score_by = "topsis";
  size_t top = 5;
  bool timing = false;
} mcda_opt;

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
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

mcda::NamedMatrix read_matrix(const std::string& path) {
  auto m = ingest::read_labelled_matrix(path);
  return mcda::named_matrix(path, std::move(m.row_names), std::move(m.col_names), std::move(m.values));
}

// The one --matrix, read and converted, with the time that took (reported apart by --timing).
struct LoadedMatrix {
  mcda::NamedMatrix m;
  double read_s = 0;
};
LoadedMatrix load_single_matrix() {
  auto start = std::chrono::steady_clock::now();
  if (mcda_opt.matrices.size() != 1) invalid_input("give one --matrix");
  auto m = read_matrix(mcda_opt.matrices[0]);
  return {std::move(m), seconds_since(start)};
}

// --matrix, --weights (numbers, or 'entropy' for the matrix's entropy weights) and --types.
mcda::RankingRequest ranking_request(mcda::NamedMatrix m) {
  if (mcda_opt.weights.empty()) invalid_input("--weights is required (numbers, or 'entropy')");
  mcda::RankingRequest r;
  if (mcda_opt.weights != "entropy") r.weights = number_list(mcda_opt.weights, "--weights");
  r.directions = mcda::directions_from(mcda_opt.types, m.x.cols);
  r.norm = mcda_opt.norm == "minmax" ? mcda::Normalisation::MinMax : mcda::Normalisation::Vector;
  r.m = std::move(m);
  return r;
}

void print(bool json, const nlohmann::json& out, const char* names_key, const char* value_key) {
  if (json) {
    std::cout << out.dump(2) << "\n";
    return;
  }
  const auto& names = out[names_key];
  const auto& values = out[value_key];
  for (size_t i = 0; i < names.size(); ++i) {
    char buf[64];
    snprintf(buf, sizeof buf, "%.4f", values[i].get<double>());
    std::cout << names[i].get<std::string>() << "  " << (std::string(value_key) == "weights" ? "weight" : value_key) << " "
              << buf;
    if (out.contains("rank")) std::cout << "  rank " << out["rank"][i].get<size_t>();
    std::cout << "\n";
  }
}

}  // namespace

void add_mcda_commands(CLI::App& app, GlobalOptions& g) {
  auto* mcda = app.add_subcommand("mcda", "decision methods: AHP, entropy and CRITIC weights, TOPSIS, fuzzy evaluation, PROMETHEE");
  mcda->require_subcommand(1);

  auto* ahp = mcda->add_subcommand("ahp", "weights and consistency from a pairwise comparison matrix (several: group AHP)");
  ahp->add_option("--matrix", mcda_opt.matrices, "CSV: names in the header and first column, judgements such as 3 or 1/3")
      ->required();
  ahp->add_option("--method", mcda_opt.method, "eigen (default) or approx (column-normalised)")
      ->check(CLI::IsMember({"eigen", "approx"}));
  ahp->add_option("--ri", mcda_opt.ri, "random index table: classic (default), saaty2005, alonso-lamata");
  ahp->add_option("--top", mcda_opt.top, "how many inconsistent judgements to point out (default 5)");
  ahp->add_flag("--json", g.json, "print JSON");
  ahp->callback([&g] {
    mcda::AhpRequest r;
    for (const auto& path : mcda_opt.matrices) r.experts.push_back(read_matrix(path));
    r.method = mcda_opt.method == "approx" ? mcda::AhpMethod::ColumnNormalised : mcda::AhpMethod::Eigenvector;
    r.ri = mcda_opt.ri;
    r.top = mcda_opt.top;
    auto out = mcda::ahp(r);
    print(g.json, out, "names", "weights");
    if (!g.json) {
      char buf[160];
      bool consistent = out["consistent"].get<bool>();
      snprintf(buf, sizeof buf, "lambda_max %.4f  CI %.4f  RI %.2f  CR %.4f  %s\n", out["lambda_max"].get<double>(),
               out["ci"].get<double>(), out["ri"].get<double>(), out["cr"].get<double>(),
               consistent ? "consistent (CR <= 0.10)" : "NOT consistent (CR > 0.10): revise the judgements below");
      std::cout << buf;
      if (!consistent)
        for (const auto& j : out["most_inconsistent"])
          std::cout << "  " << j["row"].get<std::string>() << " vs " << j["column"].get<std::string>() << ": given "
                    << j["given"].get<double>() << ", the weights imply " << j["implied"].get<double>() << "\n";
    }
  });

  auto* entropy = mcda->add_subcommand("entropy", "objective weights from a decision matrix (values >= 0)");
  entropy->add_option("--matrix", mcda_opt.matrices, "CSV: alternatives in rows, criteria in columns")->required();
  entropy->add_flag("--json", g.json, "print JSON");
  entropy->add_flag("--timing", mcda_opt.timing, "report reading and computing times (seconds)");
  entropy->callback([&g] {
    auto [m, read_s] = load_single_matrix();
    double compute_s = 0;
    auto out = mcda::entropy(m, &compute_s);
    if (mcda_opt.timing) out["timing"] = {{"read_s", read_s}, {"compute_s", compute_s}};
    print(g.json, out, "names", "weights");
  });

  auto* critic = mcda->add_subcommand("critic", "objective weights by contrast and conflict (CRITIC)");
  critic->add_option("--matrix", mcda_opt.matrices, "CSV: alternatives in rows, criteria in columns")->required();
  critic->add_option("--types", mcda_opt.types, "comma-separated + (benefit) or - (cost); default all +");
  critic->add_flag("--json", g.json, "print JSON");
  critic->callback([&g] {
    auto [m, read_s] = load_single_matrix();
    const auto directions = mcda::directions_from(mcda_opt.types, m.x.cols);
    print(g.json, mcda::critic(m, directions), "names", "weights");
  });

  auto add_ranking_options = [](CLI::App* cmd) {
    cmd->add_option("--matrix", mcda_opt.matrices, "CSV: alternatives in rows, criteria in columns")->required();
    cmd->add_option("--weights", mcda_opt.weights, "comma-separated, one per criterion (or 'entropy')")->required();
    cmd->add_option("--types", mcda_opt.types, "comma-separated + (benefit) or - (cost); default all +");
  };
  auto* topsis = mcda->add_subcommand("topsis", "rank alternatives by closeness to the ideal");
  add_ranking_options(topsis);
  topsis->add_option("--norm", mcda_opt.norm, "vector (default) or minmax")->check(CLI::IsMember({"vector", "minmax"}));
  topsis->add_flag("--json", g.json, "print JSON");
  topsis->add_flag("--timing", mcda_opt.timing, "report reading and computing times (seconds)");
  topsis->callback([&g] {
    auto [m, read_s] = load_single_matrix();
    double compute_s = 0;
    auto out = mcda::topsis(ranking_request(std::move(m)), &compute_s);
    if (mcda_opt.timing) out["timing"] = {{"read_s", read_s}, {"compute_s", compute_s}};
    print(g.json, out, "names", "closeness");
  });

  auto* promethee = mcda->add_subcommand("promethee", "PROMETHEE II net outranking flows (usual criterion)");
  add_ranking_options(promethee);
  promethee->add_flag("--json", g.json, "print JSON");
  promethee->callback([&g] {
    auto [m, read_s] = load_single_matrix();
    print(g.json, mcda::promethee(ranking_request(std::move(m))), "names", "net_flow");
  });

  auto* fce = mcda->add_subcommand("fce", "fuzzy comprehensive evaluation B = A o R");
  fce->add_option("--weights", mcda_opt.weights, "factor weights A, comma-separated")->required();
  fce->add_option("--relation", mcda_opt.relation, "CSV: factors in rows, grades in columns, memberships in [0, 1]")->required();
  fce->add_option("--operator", mcda_opt.op, "max-min, product-max or weighted-sum (default)");
  fce->add_option("--scores", mcda_opt.scores, "a score per grade (e.g. 90,75,60,40) for a weighted score");
  fce->add_flag("--json", g.json, "print JSON");
  fce->callback([&g] {
    mcda::FceRequest r;
    r.weights = number_list(mcda_opt.weights, "--weights");
    r.relation = read_matrix(mcda_opt.relation);
    r.op = mcda_opt.op;
    if (!mcda_opt.scores.empty()) r.grade_scores = number_list(mcda_opt.scores, "--scores");
    auto out = mcda::fce(r);
    print(g.json, out, "grades", "membership");
    if (!g.json) {
      std::cout << "grade (maximum membership): " << out["grade"].get<std::string>() << "\n";
      if (!mcda_opt.scores.empty()) std::cout << "weighted score: " << out["score"].get<double>() << "\n";
    }
  });

  auto* sens = mcda->add_subcommand("sensitivity", "weights at which the ranking changes, one criterion at a time");
  add_ranking_options(sens);
  sens->add_option("--by", mcda_opt.score_by, "topsis (default) or promethee")->check(CLI::IsMember({"topsis", "promethee"}));
  sens->add_flag("--json", g.json, "print JSON");
  sens->callback([&g] {
    auto [m, read_s] = load_single_matrix();
    auto out = mcda::sensitivity(ranking_request(std::move(m)), mcda_opt.score_by);
    if (g.json) {
      std::cout << out.dump(2) << "\n";
      return;
    }
    const auto& rev = out["reversals"];
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
