// /api/tasks/…: the national task list (任务清单制) over HTTP. The task pool checks and decides
// (and scopes a firm's or lab's view of the pool); this door only translates.
#include "modules/services.h"
#include "server/api_routes.h"
#include "server/json_response.h"
#include "server/request_json.h"

namespace xinzhi::server {

namespace {

template <class T>
nlohmann::json json_list(const std::vector<T>& items) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& x : items) out.push_back(tasks::to_json(x));
  return out;
}

}  // namespace

void install_task_routes(ApiRouter& api) {
  auto store = api.store();
  api.get("/api/tasks", [store](const Request& req, Response& res, const accounts::Principal& who) {
    modules::Services services(store->connection());
    auto year = static_cast<int>(number_param(req, "year", 0, 0, 2100));
    write_json(res, {{"tasks", json_list(services.tasks().tasks(year, who))}});
  });
  api.get("/api/tasks/profiles", [store](const Request&, Response& res, const accounts::Principal& who) {
    modules::Services services(store->connection());
    write_json(res, {{"profiles", json_list(services.tasks().profiles(who))}, {"province", services.home().focal}});
  });
  api.get(R"(/api/tasks/(\d+)/matches)", [store](const Request& req, Response& res, const accounts::Principal& who) {
    modules::Services services(store->connection());
    auto top = static_cast<size_t>(number_param(req, "top", 10, 1, 100));
    write_json(res, {{"matches", json_list(services.tasks().match(path_id(req, "task_not_found"), top, who))}});
  });
  api.get("/api/task-pool", [store](const Request&, Response& res, const accounts::Principal& who) {
    modules::Services services(store->connection());
    write_json(res, {{"candidates", json_list(services.tasks().candidates(who))}});
  });
  api.post("/api/task-pool", [store](const Request& req, Response& res, const accounts::Principal& who) {
    auto body = parse_json_body(req);
    if (!body.is_object() || !body.contains("task"))
      fail_keyed(ErrorCode::InvalidInput, "field_missing", {{"field", "task"}}, "field 'task' is missing");
    auto task = int_field(body, "task", 0, 1, 2000000000);
    auto org = string_field(body, "org", 800);
    modules::Services services(store->connection());
    write_json(res, tasks::to_json(services.tasks().add_candidate(task, org, who)), 201);
  });
  api.post(R"(/api/task-pool/(\d+)/move)", [store](const Request& req, Response& res, const accounts::Principal& who) {
    auto body = parse_json_body(req);
    auto to = string_field(body, "stage", 20);
    std::map<std::string, bool> criteria;
    if (body.contains("criteria")) {
      const auto& c = body.at("criteria");
      if (!c.is_object()) wrong_field_type("criteria", "object", "criteria must be an object of criterion: true|false");
      if (c.size() > 10) wrong_field_type("criteria", "object", "criteria has more than 10 entries");
      for (const auto& [k, v] : c.items()) {
        if (!v.is_boolean()) wrong_field_type("criteria", "object", "each criterion must be true or false");
        criteria[k] = v.get<bool>();
      }
    }
    modules::Services services(store->connection());
    auto c = services.tasks().move(path_id(req, "candidate_not_found"), to, criteria, string_or_empty(body, "note", 4000), who);
    write_json(res, tasks::to_json(c));
  });
}

}  // namespace xinzhi::server
