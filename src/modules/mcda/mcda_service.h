// The decision methods as a service (AHP with group judgements, entropy weights, TOPSIS,
// PROMETHEE II, fuzzy comprehensive evaluation, weight sensitivity) on named matrices: what
// `xinzhi mcda` and POST /api/mcda/{method} both call, and the ranking score that weight
// sensitivity varies, shared with the scenario evaluation.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engines/mcda/ahp.h"
#include "engines/mcda/matrix.h"
#include "engines/mcda/sensitivity.h"
#include "engines/mcda/topsis.h"

namespace xinzhi::mcda {

// A matrix with its row and column names and where it came from (a file, "matrix" in a
// request), which error messages name.
struct NamedMatrix {
  std::string source;
  std::vector<std::string> rows, cols;
  Matrix x;
};
// Checks the shape (names match the values) and that every value is finite.
NamedMatrix named_matrix(std::string source, std::vector<std::string> rows, std::vector<std::string> cols,
                         std::vector<double> values);

struct AhpRequest {
  std::vector<NamedMatrix> experts;  // one: plain AHP; several: group AHP by geometric mean
  AhpMethod method = AhpMethod::Eigenvector;
  std::string ri = "classic";
  size_t top = 5;  // how many inconsistent judgements to name
};
nlohmann::json ahp(const AhpRequest& r);

// compute_seconds, when given, receives the engine's time alone (benchmarks report it apart
// from reading the matrix and building the JSON of a million rows).
nlohmann::json entropy(const NamedMatrix& m, double* compute_seconds = nullptr);
// CRITIC weights (Diakoulaki et al. 1995) with each criterion's direction ("" or empty: all
// benefit): {"names", "weights", "contrasts", "information"}.
nlohmann::json critic(const NamedMatrix& m, const std::vector<Direction>& directions);

// Alternatives in rows, criteria in columns. No weights: the matrix's entropy weights. No
// directions: every criterion is a benefit.
struct RankingRequest {
  NamedMatrix m;
  std::vector<double> weights;
  std::vector<Direction> directions;
  Normalisation norm = Normalisation::Vector;
};
nlohmann::json topsis(const RankingRequest& r, double* compute_seconds = nullptr);
nlohmann::json promethee(const RankingRequest& r);
// by: "topsis" or "promethee": the first weight of each criterion that reorders the ranking.
nlohmann::json sensitivity(const RankingRequest& r, const std::string& by);

struct FceRequest {
  std::vector<double> weights;  // one per factor (row of the relation)
  NamedMatrix relation;         // factors × grades, memberships in [0, 1]
  std::string op = "weighted-sum";
  std::vector<double> grade_scores;  // optional: a score per grade for a weighted score
};
nlohmann::json fce(const FceRequest& r);

// The scores weight sensitivity varies: TOPSIS closeness ("topsis") or PROMETHEE II net flow
// ("promethee") of the alternatives of x under trial weights. Holds x by reference: x must
// outlive the function.
ScoreFunction ranking_score(const Matrix& x, std::vector<Direction> directions, const std::string& by);
// "+", "benefit", "max" / "-", "cost", "min", comma-separated; empty: all benefit.
std::vector<Direction> directions_from(const std::string& text, size_t criteria);

// The request body of POST /api/mcda/{method} (ahp, entropy, topsis, promethee, fce,
// sensitivity), checked field by field, run: the method's report, the same JSON as
// `xinzhi mcda METHOD --json`. Matrices are {"rows": [names], "cols": [names], "values":
// [[row], …]} with numbers or fractions such as "1/3"; see docs/mcda-api.md.
nlohmann::json run_request(const std::string& method, const nlohmann::json& body);

}  // namespace xinzhi::mcda
