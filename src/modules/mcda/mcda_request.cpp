// POST /api/mcda/{method}: a JSON request turned into the service's request structs, every
// field checked and named in the error.
#include "base/error.h"
#include "ingest/labelled_matrix.h"
#include "modules/mcda/mcda_service.h"

namespace xinzhi::mcda {

namespace {

using nlohmann::json;

// Larger matrices belong in a file given to the command line (which also reads .npy).
constexpr size_t kMaxCells = 1'000'000;
// A request is answered by one worker thread: methods whose work grows faster than the
// matrix (PROMETHEE with rows², sensitivity with 101 runs per criterion) get tighter bounds
// over HTTP, so a few requests cannot hold the server's workers for minutes.
constexpr size_t kMaxPrometheeRows = 1000;
constexpr size_t kMaxSensitivityRows = 500, kMaxSensitivityCriteria = 50, kMaxSensitivityPrometheeRows = 200;

void bound(bool within, const std::string& what) {
  if (!within) invalid_input(what + " over HTTP; run xinzhi mcda with a file for larger ones");
}

const json& field(const json& body, const char* name) {
  if (!body.contains(name)) invalid_input("field '" + std::string(name) + "' is missing");
  return body.at(name);
}

std::vector<std::string> names(const json& j, const std::string& where) {
  if (!j.is_array()) invalid_input("field '" + where + "' must be an array of names");
  std::vector<std::string> out;
  for (const auto& n : j) {
    if (!n.is_string()) invalid_input("field '" + where + "' must hold names (strings)");
    out.push_back(n.get<std::string>());
  }
  return out;
}

double number(const json& v, const std::string& where) {
  if (v.is_number()) return v.get<double>();
  double out = 0;
  if (v.is_string() && ingest::parse_number_or_fraction(v.get<std::string>(), out)) return out;
  invalid_input(where + " is " + v.dump() + ", expected a number or a fraction such as \"1/3\"");
}

std::vector<double> numbers(const json& j, const std::string& where) {
  if (!j.is_array()) invalid_input("field '" + where + "' must be an array of numbers");
  std::vector<double> out;
  for (size_t i = 0; i < j.size(); ++i) out.push_back(number(j[i], where + "[" + std::to_string(i) + "]"));
  return out;
}

NamedMatrix matrix(const json& j, const std::string& where) {
  if (!j.is_object()) invalid_input("field '" + where + "' must be an object with rows, cols and values");
  auto rows = names(field(j, "rows"), where + ".rows");
  auto cols = names(field(j, "cols"), where + ".cols");
  if (rows.size() * cols.size() > kMaxCells)
    invalid_input(where + " has " + std::to_string(rows.size() * cols.size()) +
                  " cells; the API takes at most 1,000,000 (use xinzhi mcda with a file)");
  const auto& v = field(j, "values");
  if (!v.is_array() || v.size() != rows.size())
    invalid_input("field '" + where + ".values' must hold one array per row (" + std::to_string(rows.size()) + ")");
  std::vector<double> values;
  values.reserve(rows.size() * cols.size());
  for (size_t r = 0; r < v.size(); ++r) {
    auto row = numbers(v[r], where + ".values[" + std::to_string(r) + "]");
    if (row.size() != cols.size())
      invalid_input(where + ".values[" + std::to_string(r) + "] has " + std::to_string(row.size()) + " values, expected " +
                    std::to_string(cols.size()));
    values.insert(values.end(), row.begin(), row.end());
  }
  return named_matrix(where, std::move(rows), std::move(cols), std::move(values));
}

RankingRequest ranking(const json& body) {
  RankingRequest r;
  r.m = matrix(field(body, "matrix"), "matrix");
  if (body.contains("weights") && !(body["weights"].is_string() && body["weights"] == "entropy"))
    r.weights = numbers(body["weights"], "weights");
  if (body.contains("types")) {
    const auto& t = body["types"];
    std::string text;
    if (t.is_string()) {
      text = t.get<std::string>();
    } else {
      for (const auto& x : names(t, "types")) text += (text.empty() ? "" : ",") + x;
    }
    r.directions = directions_from(text, r.m.x.cols);
  }
  if (body.contains("norm")) {
    auto n = body["norm"].is_string() ? body["norm"].get<std::string>() : "";
    if (n != "vector" && n != "minmax") invalid_input("field 'norm' is " + body["norm"].dump() + ", expected vector or minmax");
    r.norm = n == "minmax" ? Normalisation::MinMax : Normalisation::Vector;
  }
  return r;
}

std::string text_field(const json& body, const char* name, const std::string& fallback) {
  if (!body.contains(name)) return fallback;
  if (!body[name].is_string()) invalid_input("field '" + std::string(name) + "' must be a string");
  return body[name].get<std::string>();
}

}  // namespace

json run_request(const std::string& method, const json& body) {
  if (!body.is_object()) invalid_input("the request body must be a JSON object");
  if (method == "ahp") {
    AhpRequest r;
    if (body.contains("matrices")) {
      const auto& ms = body["matrices"];
      if (!ms.is_array() || ms.empty()) invalid_input("field 'matrices' must be a non-empty array of matrices");
      for (size_t i = 0; i < ms.size(); ++i) r.experts.push_back(matrix(ms[i], "matrices[" + std::to_string(i) + "]"));
    } else {
      r.experts.push_back(matrix(field(body, "matrix"), "matrix"));
    }
    auto m = text_field(body, "method", "eigen");
    if (m != "eigen" && m != "approx") invalid_input("field 'method' is '" + m + "', expected eigen or approx");
    r.method = m == "approx" ? AhpMethod::ColumnNormalised : AhpMethod::Eigenvector;
    r.ri = text_field(body, "ri", "classic");
    if (body.contains("top")) {
      if (!body["top"].is_number_unsigned() || body["top"].get<uint64_t>() > 100)
        invalid_input("field 'top' must be a whole number from 0 to 100");
      r.top = body["top"].get<size_t>();
    }
    return ahp(r);
  }
  if (method == "entropy") return entropy(matrix(field(body, "matrix"), "matrix"));
  if (method == "critic") {
    auto r = ranking(body);  // the matrix and its criterion types; weights are what it computes
    // Conflict sums cost criteria² × alternatives: bounded like the other quadratic methods.
    bound(r.m.x.cols <= kMaxSensitivityCriteria * 20, "CRITIC takes at most 1,000 criteria");
    return critic(r.m, r.directions);
  }
  if (method == "topsis") return topsis(ranking(body));
  if (method == "promethee") {
    auto r = ranking(body);
    bound(r.m.x.rows <= kMaxPrometheeRows, "PROMETHEE ranks at most 1,000 alternatives");
    return promethee(r);
  }
  if (method == "sensitivity") {
    auto r = ranking(body);
    auto by = text_field(body, "by", "topsis");
    bound(r.m.x.cols <= kMaxSensitivityCriteria, "weight sensitivity takes at most 50 criteria");
    bound(r.m.x.rows <= (by == "promethee" ? kMaxSensitivityPrometheeRows : kMaxSensitivityRows),
          "weight sensitivity takes at most 500 alternatives (200 by PROMETHEE)");
    return sensitivity(r, by);
  }
  if (method == "fce") {
    FceRequest r;
    r.weights = numbers(field(body, "weights"), "weights");
    r.relation = matrix(field(body, "relation"), "relation");
    r.op = text_field(body, "operator", "weighted-sum");
    if (body.contains("scores")) r.grade_scores = numbers(body["scores"], "scores");
    return fce(r);
  }
  not_found("no decision method '" + method + "': ahp, entropy, critic, topsis, promethee, fce or sensitivity");
}

}  // namespace xinzhi::mcda
