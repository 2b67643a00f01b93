// /api/scenario-lists and /api/scenarios: 场景创新合伙人 over HTTP — publish, apply, judge and
// score as an expert, evaluate, decide, and the report workbook; the published lists are public.
#include "server/http_message.h"

#include "base/error.h"
#include "modules/scenario/scenario_evaluation.h"
#include "server/api_routes.h"
#include "server/json_response.h"
#include "server/request_json.h"
#include "report/scenario_xlsx.h"

namespace xinzhi::server {

namespace {

int64_t id_at(const Request& req, size_t i = 1) {
  const std::string s = req.matches[i];
  if (s.size() > 15) fail_keyed(ErrorCode::NotFound, "record_not_found", {{"id", s}}, "no record with id " + s);
  return std::stoll(s);
}

std::optional<std::string> optional_text(const nlohmann::json& body, const char* field, size_t max) {
  if (!body.contains(field)) return std::nullopt;
  return string_field(body, field, max);
}

scenario::ScenarioFields scenario_fields(const nlohmann::json& body) {
  if (!body.is_object()) fail_keyed(ErrorCode::InvalidInput, "body_not_object", {}, "request body must be a JSON object");
  scenario::ScenarioFields f{optional_text(body, "title", 200),      optional_text(body, "field", 100),
                             optional_text(body, "owner_org", 200),  optional_text(body, "location", 200),
                             optional_text(body, "needs", 4000),     optional_text(body, "deadline", 10),
                             optional_text(body, "weighting", 20),   optional_text(body, "ranking", 20),
                             std::nullopt};
  if (body.contains("budget")) {
    if (!body["budget"].is_number()) wrong_field_type("budget", "number", "field 'budget' must be a number (万元)");
    f.budget = body["budget"].get<double>();
  }
  return f;
}

std::vector<double> flat_matrix(const nlohmann::json& m) {
  if (!m.is_array()) wrong_field_type("matrix", "array", "field 'matrix' must be an array of rows");
  std::vector<double> out;
  for (size_t r = 0; r < m.size(); ++r) {
    if (!m[r].is_array() || m[r].size() != m.size())
      fail_keyed(ErrorCode::InvalidInput, "matrix_row_size", {{"row", std::to_string(r + 1)}, {"size", std::to_string(m.size())}},
                 "matrix row " + std::to_string(r + 1) + " must hold " + std::to_string(m.size()) + " numbers");
    for (size_t c = 0; c < m[r].size(); ++c) {
      if (!m[r][c].is_number())
        fail_keyed(ErrorCode::InvalidInput, "matrix_cell_not_number", {{"row", std::to_string(r + 1)}, {"column", std::to_string(c + 1)}},
                   "matrix row " + std::to_string(r + 1) + ", column " + std::to_string(c + 1) + " is not a number");
      out.push_back(m[r][c].get<double>());
    }
  }
  return out;
}

// {"experts":[{"username","display_name"}]}: names for every role that sees the scenario.
void write_experts(Response& res, const std::vector<scenario::Expert>& experts, int status = 200) {
  JsonWriter w;
  w.begin_object().key("experts").begin_array();
  for (const auto& e : experts) scenario::write_json(w, e);
  write_json_text(res, w.end_array().end_object().take(), status);
}

int64_t application_id(const nlohmann::json& body) {
  if (!body.is_object() || !body.contains("application_id") || !body["application_id"].is_number_integer())
    wrong_field_type("application_id", "integer", "field 'application_id' must be an integer");
  return body["application_id"].get<int64_t>();
}

template <class T>
void write_one(Response& res, const T& item, int status = 200) {
  JsonWriter w;
  scenario::write_json(w, item);
  write_json_text(res, w.take(), status);
}

}  // namespace

void install_scenario_routes(ApiRouter& api) {
  auto store = api.store();
  auto partners = [store] { return scenario::ScenarioPartners(store->connection()); };

  // Opt-in public: what a bureau has published, for anyone (no applications, no scores).
  api.get("/api/scenarios/public", [partners](const Request&, Response& res, const accounts::Principal& who) {
    auto p = partners();
    JsonWriter w;
    w.begin_object().key("lists").begin_array();
    for (const auto& l : p.lists(who)) {
      if (l.status == "draft") continue;
      w.begin_object().field("id", l.id).field("title", l.title).field("description", l.description);
      w.field("org", l.org).field("published_at", l.published_at).key("scenarios").begin_array();
      for (const auto& s : p.scenarios(l.id, who))
        w.begin_object().field("id", s.id).field("title", s.title).field("field", s.field).field("owner_org", s.owner_org)
            .field("location", s.location).field("needs", s.needs).field("budget", s.budget).field("deadline", s.deadline)
            .field("stage", s.stage).end_object();
      w.end_array().end_object();
    }
    write_json_text(res, w.end_array().end_object().take());
  });

  api.get("/api/scenario-lists", [partners](const Request&, Response& res, const accounts::Principal& who) {
    write_json_list(res, "lists", partners().lists(who));
  });
  api.post("/api/scenario-lists", [partners](const Request& req, Response& res, const accounts::Principal& who) {
    auto body = parse_json_body(req);
    write_one(res, partners().add_list(string_field(body, "title", 200), optional_text(body, "description", 4000).value_or(""), who), 201);
  });
  api.post(R"(/api/scenario-lists/(\d+)/publish)", [partners](const Request& req, Response& res,
                                                             const accounts::Principal& who) {
    partners().publish_list(id_at(req), who);
    write_json(res, {{"published", id_at(req)}});
  });

  api.get("/api/scenarios", [partners](const Request& req, Response& res, const accounts::Principal& who) {
    write_json_list(res, "scenarios", partners().scenarios(static_cast<int64_t>(number_param(req, "list", 0, 0, 9e15)), who));
  });
  api.post("/api/scenarios", [partners](const Request& req, Response& res, const accounts::Principal& who) {
    auto body = parse_json_body(req);
    if (!body.contains("list_id") || !body["list_id"].is_number_integer())
      wrong_field_type("list_id", "integer", "field 'list_id' must be an integer");
    write_one(res, partners().add_scenario(body["list_id"].get<int64_t>(), scenario_fields(body), who), 201);
  });
  api.get(R"(/api/scenarios/(\d+))", [partners](const Request& req, Response& res, const accounts::Principal& who) {
    write_one(res, partners().scenario(id_at(req), who));
  });
  api.patch(R"(/api/scenarios/(\d+))", [partners](const Request& req, Response& res, const accounts::Principal& who) {
    write_one(res, partners().update_scenario(id_at(req), scenario_fields(parse_json_body(req)), who));
  });

  api.get(R"(/api/scenarios/(\d+)/indicators)", [partners](const Request& req, Response& res,
                                                         const accounts::Principal& who) {
    write_json_list(res, "indicators", partners().indicators(id_at(req), who));
  });
  api.post(R"(/api/scenarios/(\d+)/indicators)", [partners](const Request& req, Response& res,
                                                          const accounts::Principal& who) {
    auto body = parse_json_body(req);
    if (!body.is_object() || !body.contains("tree") || !body["tree"].is_array())
      wrong_field_type("tree", "array", "field 'tree' must be an array");
    std::vector<std::pair<std::string, std::vector<std::string>>> tree;
    for (const auto& node : body["tree"]) {
      auto name = string_field(node, "name", 100);
      std::vector<std::string> children;
      if (node.contains("children")) {
        if (!node["children"].is_array()) wrong_field_type("children", "array", "'children' of '" + name + "' must be an array of names");
        for (const auto& c : node["children"]) {
          if (!c.is_string()) wrong_field_type("children", "array", "'children' of '" + name + "' must be an array of names");
          children.push_back(c.get<std::string>());
        }
      }
      tree.push_back({name, children});
    }
    partners().set_indicators(id_at(req), tree, who);
    write_json_list(res, "indicators", partners().indicators(id_at(req), who));
  });

  api.get(R"(/api/scenarios/(\d+)/experts)", [partners](const Request& req, Response& res,
                                                      const accounts::Principal& who) {
    write_experts(res, partners().experts(id_at(req), who));
  });
  api.post(R"(/api/scenarios/(\d+)/experts)", [partners](const Request& req, Response& res,
                                                       const accounts::Principal& who) {
    auto body = parse_json_body(req);
    partners().assign_expert(id_at(req), string_field(body, "username", 64), who);
    write_experts(res, partners().experts(id_at(req), who), 201);
  });

  api.get(R"(/api/scenarios/(\d+)/applications)", [partners](const Request& req, Response& res,
                                                           const accounts::Principal& who) {
    write_json_list(res, "applications", partners().applications(id_at(req), who));
  });
  api.post(R"(/api/scenarios/(\d+)/applications)", [partners](const Request& req, Response& res,
                                                            const accounts::Principal& who) {
    auto body = parse_json_body(req);
    write_one(res, partners().apply(id_at(req), string_field(body, "solution", 8000), optional_text(body, "evidence", 8000).value_or(""),
                                    int_field(body, "trl", 0, 0, 100), who), 201);
  });

  api.post(R"(/api/scenarios/(\d+)/judgements)", [partners](const Request& req, Response& res,
                                                          const accounts::Principal& who) {
    auto body = parse_json_body(req);
    if (!body.is_object() || !body.contains("matrix"))
      fail_keyed(ErrorCode::InvalidInput, "field_missing", {{"field", "matrix"}}, "field 'matrix' is missing");
    int64_t parent = body.contains("parent_id") && body["parent_id"].is_number_integer() ? body["parent_id"].get<int64_t>() : 0;
    partners().judge(id_at(req), parent, flat_matrix(body["matrix"]), who);
    write_json(res, {{"judged", parent}}, 201);
  });
  api.post(R"(/api/scenarios/(\d+)/scores)", [partners](const Request& req, Response& res,
                                                      const accounts::Principal& who) {
    auto body = parse_json_body(req);
    int64_t application = application_id(body);
    if (!body.contains("scores") || !body["scores"].is_object())
      wrong_field_type("scores", "object", "field 'scores' must map indicator ids to scores");
    std::map<int64_t, double> scores;
    for (const auto& [key, value] : body["scores"].items()) {
      int64_t indicator = 0;
      if (!value.is_number() || key.empty() || key.size() > 15 || key.find_first_not_of("0123456789") != std::string::npos)
        fail_keyed(ErrorCode::InvalidInput, "score_entry_invalid", {{"key", key}},
                   "scores['" + key + "'] must be a number keyed by an indicator id");
      indicator = std::stoll(key);
      scores[indicator] = value.get<double>();
    }
    partners().score(id_at(req), application, scores, who);
    write_json(res, {{"scored", scores.size()}}, 201);
  });

  api.get(R"(/api/scenarios/(\d+)/my-review)", [partners](const Request& req, Response& res,
                                                        const accounts::Principal& who) {
    auto [judgements, scores] = partners().own_review(id_at(req), who);
    nlohmann::json j = nlohmann::json::array(), s = nlohmann::json::array();
    for (const auto& x : judgements) j.push_back({{"parent_id", x.parent_id}, {"matrix", x.matrix}});
    for (const auto& x : scores)
      s.push_back({{"application_id", x.application_id}, {"indicator_id", x.indicator_id}, {"score", x.score}});
    write_json(res, {{"judgements", j}, {"scores", s}});
  });

  api.post(R"(/api/scenarios/(\d+)/advance)", [partners](const Request& req, Response& res,
                                                       const accounts::Principal& who) {
    auto body = parse_json_body(req);
    write_one(res, partners().advance(id_at(req), string_field(body, "to", 20), optional_text(body, "note", 4000).value_or(""), who));
  });
  api.post(R"(/api/scenarios/(\d+)/decision)", [partners](const Request& req, Response& res,
                                                        const accounts::Principal& who) {
    auto body = parse_json_body(req);
    write_one(res, partners().decide(id_at(req), application_id(body), string_field(body, "decision", 4000), who));
  });

  api.get(R"(/api/scenarios/(\d+)/evaluation)", [partners](const Request& req, Response& res,
                                                         const accounts::Principal& who) {
    auto p = partners();
    JsonWriter w;
    scenario::write_json(w, scenario::evaluate(p, id_at(req), who));
    write_json_text(res, w.take());
  });
  api.get(R"(/api/scenarios/(\d+)/report\.xlsx)", [partners](const Request& req, Response& res,
                                                           const accounts::Principal& who) {
    auto p = partners();
    res.set_content(report::scenario_report_xlsx(scenario::evaluate(p, id_at(req), who)),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    res.set_header("Content-Disposition", "attachment; filename=\"scenario-" + std::to_string(id_at(req)) + ".xlsx\"");
  });
}

}  // namespace xinzhi::server
