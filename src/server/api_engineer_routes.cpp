// /api/engineers, /api/engineer-requests, /api/engineer-rounds, /api/engineer-dispatches: the
// shared-engineer platform (共享工程师) over HTTP. The engineer desk checks and decides (and
// scopes what a firm may see); this door only translates.
#include "modules/services.h"
#include "server/api_routes.h"
#include "server/json_response.h"
#include "server/request_json.h"

namespace xinzhi::server {

namespace {

std::vector<std::string> string_list(const nlohmann::json& body, const std::string& field, size_t max_items) {
  std::vector<std::string> out;
  if (!body.contains(field)) return out;
  const auto& list = body.at(field);
  if (!list.is_array()) wrong_field_type(field, "array", field + " must be an array of strings");
  if (list.size() > max_items) wrong_field_type(field, "array", field + " has more than " + std::to_string(max_items) + " items");
  for (size_t i = 0; i < list.size(); ++i) out.push_back(string_field(nlohmann::json{{field, list[i]}}, field, 200));
  return out;
}

double number_field(const nlohmann::json& body, const std::string& field, double fallback) {
  if (!body.contains(field)) return fallback;
  if (!body.at(field).is_number()) wrong_field_type(field, "number", field + " must be a number");
  return body.at(field).get<double>();
}

nlohmann::json dispatch_list(const std::vector<engineers::Dispatch>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& d : list) out.push_back(engineers::to_json(d));
  return out;
}

}  // namespace

void install_engineer_routes(ApiRouter& api) {
  auto store = api.store();
  api.get("/api/engineers", [store](const Request&, Response& res) {
    modules::Services services(store->connection());
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : services.engineers().engineers()) list.push_back(engineers::to_json(e));
    write_json(res, {{"engineers", list}});
  });
  api.post("/api/engineers", [store](const Request& req, Response& res) {
    auto body = parse_json_body(req);
    engineers::Engineer e;
    e.name = string_field(body, "name", 400);
    e.org = string_or_empty(body, "org", 400);
    e.region = string_or_empty(body, "region", 200);
    e.profile = string_or_empty(body, "profile", 8000);
    e.certification = string_or_empty(body, "certification", 200);
    e.skills = string_list(body, "skills", 40);
    if (body.contains("segments")) {
      if (!body.at("segments").is_array()) wrong_field_type("segments", "array", "segments must be an array of {chain, segment}");
      for (const auto& s : body.at("segments")) e.segments.push_back({string_field(s, "chain", 400), string_field(s, "segment", 400)});
    }
    std::vector<engineers::MonthCapacity> months;
    if (body.contains("months")) {
      if (!body.at("months").is_array()) wrong_field_type("months", "array", "months must be an array of {month, capacity}");
      for (const auto& m : body.at("months")) months.push_back({0, string_field(m, "month", 20), int_field(m, "capacity", 0, 0, 50)});
    }
    modules::Services services(store->connection());
    auto id = services.engineers().register_engineer(e, months);
    write_json(res, {{"id", id}}, 201);
  });
  api.get("/api/engineer-requests", [store](const Request& req, Response& res, const accounts::Principal& who) {
    modules::Services services(store->connection());
    nlohmann::json list = nlohmann::json::array();
    for (const auto& r : services.engineers().requests(string_param(req, "status"), who)) list.push_back(engineers::to_json(r));
    write_json(res, {{"requests", list}});
  });
  api.post("/api/engineer-requests", [store](const Request& req, Response& res, const accounts::Principal& who) {
    auto body = parse_json_body(req);
    engineers::EngineerRequest r;
    r.firm = string_or_empty(body, "firm", 400);
    r.problem = string_field(body, "problem", 8000);
    r.month = string_field(body, "month", 20);
    r.skills = string_list(body, "skills", 40);
    r.engineers = int_field(body, "engineers", 1, 1, 20);
    r.chain = string_or_empty(body, "chain", 400);
    r.segment = string_or_empty(body, "segment", 400);
    r.origin = body.contains("origin") ? string_field(body, "origin", 40) : "manual";
    r.region = string_or_empty(body, "region", 200);
    r.budget = number_field(body, "budget", 0);
    modules::Services services(store->connection());
    auto id = services.engineers().open_request(r, who);
    write_json(res, {{"id", id}}, 201);
  });
  api.get("/api/engineer-rounds", [store](const Request&, Response& res) {
    modules::Services services(store->connection());
    nlohmann::json list = nlohmann::json::array();
    for (const auto& r : services.engineers().rounds()) list.push_back(engineers::to_json(r));
    write_json(res, {{"rounds", list}});
  });
  api.post("/api/engineer-rounds", [store](const Request& req, Response& res, const accounts::Principal& who) {
    auto body = parse_json_body(req);
    auto month = string_field(body, "month", 20);
    bool fair = body.contains("fair") && body.at("fair").is_boolean() && body.at("fair").get<bool>();
    modules::Services services(store->connection());
    auto answer = services.engineers().dispatch(month, fair, who);
    write_json(res, {{"round", engineers::to_json(answer.round)}, {"proposals", dispatch_list(answer.proposals)}}, 201);
  });
  api.get("/api/engineer-dispatches", [store](const Request& req, Response& res, const accounts::Principal& who) {
    modules::Services services(store->connection());
    auto round = static_cast<int64_t>(number_param(req, "round", 0, 0, 1e15));
    write_json(res, {{"dispatches", dispatch_list(services.engineers().dispatches(round, who))}});
  });
  api.post(R"(/api/engineer-dispatches/(\d+)/answer)", [store](const Request& req, Response& res) {
    auto body = parse_json_body(req);
    auto answer = string_field(body, "answer", 20);
    if (answer != "accept" && answer != "decline") wrong_field_type("answer", "string", "answer must be accept or decline");
    modules::Services services(store->connection());
    auto d = services.engineers().respond(path_id(req, "dispatch_not_found"), answer == "accept", string_or_empty(body, "reason", 40));
    write_json(res, engineers::to_json(d));
  });
  api.post(R"(/api/engineer-dispatches/(\d+)/report)", [store](const Request& req, Response& res) {
    auto body = parse_json_body(req);
    modules::Services services(store->connection());
    auto d = services.engineers().report(path_id(req, "dispatch_not_found"), number_field(body, "hours", 0),
                                         string_field(body, "outcome", 8000));
    write_json(res, engineers::to_json(d));
  });
  api.get("/api/engineers/load", [store](const Request& req, Response& res) {
    modules::Services services(store->connection());
    nlohmann::json cells = nlohmann::json::array();
    for (const auto& c : services.engineers().load(string_param(req, "from"), string_param(req, "to"))) cells.push_back(engineers::to_json(c));
    write_json(res, {{"load", cells}});
  });
}

}  // namespace xinzhi::server
