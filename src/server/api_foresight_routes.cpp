// /api/foresight: the technology-foresight heat map, its pictures and CSV, snapshots and
// schedules. Query parameters carry the heat map query (the keys of HeatMapQuery).
#include "server/http_message.h"

#include <sstream>

#include "base/error.h"
#include "base/text.h"
#include "modules/foresight/heat_map.h"
#include "modules/foresight/heat_map_picture.h"
#include "modules/foresight/snapshots.h"
#include "server/api_routes.h"
#include "server/json_response.h"
#include "server/request_json.h"
#include "store/database.h"

namespace xinzhi::server {

namespace {

foresight::HeatMapQuery query_of(const Request& req) {
  nlohmann::json j = nlohmann::json::object();
  for (const char* key : {"level", "period", "measure", "counting", "order", "region", "applicant_kind"})
    if (req.has_param(key)) j[key] = string_param(req, key);
  if (req.has_param("from")) j["from"] = static_cast<int>(number_param(req, "from", 0, 1800, 2200));
  if (req.has_param("to")) j["to"] = static_cast<int>(number_param(req, "to", 0, 1800, 2200));
  if (req.has_param("top")) j["top"] = static_cast<size_t>(number_param(req, "top", 40, 0, 100000));
  if (req.has_param("burst_top")) j["burst_top"] = static_cast<size_t>(number_param(req, "burst_top", 20, 0, 100000));
  if (req.has_param("min_duration")) j["min_duration"] = static_cast<size_t>(number_param(req, "min_duration", 1, 1, 1000));
  if (req.has_param("growth_window")) j["growth_window"] = static_cast<size_t>(number_param(req, "growth_window", 3, 1, 1000));
  // The heat map refuses s ≤ 1 and γ ≤ 0 too (foresight/heat_map.cpp), in English only; the
  // page's form sends these two, so they are checked here first with a key the dashboard says.
  if (req.has_param("s")) {
    double s = number_param(req, "s", 2, -1e9, 1e9);
    if (!(s > 1))
      fail_keyed(ErrorCode::InvalidInput, "param_greater_than", {{"param", "s"}, {"value", text::number(s)}, {"min", "1"}},
                 "'s' must be greater than 1 (the burst rate is s times the base rate)");
    j["s"] = s;
  }
  if (req.has_param("gamma")) {
    double gamma = number_param(req, "gamma", 1, -1e9, 1e9);
    if (!(gamma > 0))
      fail_keyed(ErrorCode::InvalidInput, "param_greater_than", {{"param", "gamma"}, {"value", text::number(gamma)}, {"min", "0"}},
                 "'gamma' must be greater than 0");
    j["gamma"] = gamma;
  }
  return foresight::query_from_json(j);
}

foresight::HeatMap heat_map_of(store::Store& store, const Request& req) {
  auto cube = foresight::PatentCube::of(store.connection());
  return foresight::heat_map(*cube, query_of(req));
}

foresight::HeatMapQuery body_query(const nlohmann::json& body) {
  return foresight::query_from_json(body.contains("query") ? body["query"] : nlohmann::json::object());
}

int64_t id_param(const Request& req, const std::string& name) {
  if (!req.has_param(name)) missing_param(name);
  return static_cast<int64_t>(number_param(req, name, 0, 1, 9e15));
}

}  // namespace

void install_foresight_routes(ApiRouter& api) {
  auto store = api.store();
  api.get("/api/foresight/heatmap", [store](const Request& req, Response& res) {
    auto m = heat_map_of(*store, req);
    JsonWriter w;
    foresight::write_json(w, m);
    write_json_text(res, w.take());
  });
  api.get("/api/foresight/heatmap.csv", [store](const Request& req, Response& res) {
    std::ostringstream out;
    foresight::write_csv(out, heat_map_of(*store, req));
    res.set_content(out.str(), "text/csv; charset=utf-8");
    res.set_header("Content-Disposition", "attachment; filename=\"heatmap.csv\"");
  });
  api.get(R"(/api/foresight/heatmap\.(png|svg))", [store](const Request& req, Response& res) {
    bool png = req.matches[1] == "png";
    auto bytes = foresight::heat_map_picture(heat_map_of(*store, req),
                                             png ? foresight::PictureFormat::Png : foresight::PictureFormat::Svg);
    res.set_content(bytes, png ? "image/png" : "image/svg+xml");
  });
  api.get("/api/foresight/overview", [store](const Request&, Response& res) {
    auto cube = foresight::PatentCube::of(store->connection());
    JsonWriter w;
    w.begin_object().field("patents", uint64_t{cube->size()}).field("code_rows", uint64_t{cube->code_count()});
    w.field("first_year", cube->first_year()).field("last_year", cube->last_year()).end_object();
    write_json_text(res, w.take());
  });

  api.get("/api/foresight/snapshots", [store](const Request&, Response& res) {
    JsonWriter w;
    w.begin_object().key("snapshots").begin_array();
    for (const auto& s : foresight::ForesightSnapshots(store->connection()).list()) foresight::write_json(w, s);
    write_json_text(res, w.end_array().end_object().take());
  });
  api.post("/api/foresight/snapshots", [store](const Request& req, Response& res) {
    auto body = parse_json_body(req);
    auto name = string_field(body, "name", 200);
    auto query = body_query(body);
    int64_t id = foresight::ForesightSnapshots(store->connection()).take(name, query, "manual");
    write_json(res, {{"id", id}, {"name", name}}, 201);
  });
  api.get("/api/foresight/snapshots/diff", [store](const Request& req, Response& res) {
    auto d = foresight::ForesightSnapshots(store->connection())
                 .diff(id_param(req, "a"), id_param(req, "b"),
                       static_cast<size_t>(number_param(req, "top", 50, 1, 100000)),
                       static_cast<size_t>(number_param(req, "min_rank_change", 3, 1, 100000)),
                       number_param(req, "min_growth_change", 0.05, 0, 1000));
    JsonWriter w;
    foresight::write_json(w, d);
    write_json_text(res, w.take());
  });

  api.get("/api/foresight/schedules", [store](const Request&, Response& res) {
    JsonWriter w;
    w.begin_object().key("schedules").begin_array();
    for (const auto& s : foresight::ForesightSnapshots(store->connection()).schedules()) foresight::write_json(w, s);
    write_json_text(res, w.end_array().end_object().take());
  });
  api.post("/api/foresight/schedules", [store](const Request& req, Response& res) {
    auto body = parse_json_body(req);
    foresight::Schedule s{string_field(body, "name", 200), string_field(body, "every", 20), body_query(body), ""};
    foresight::ForesightSnapshots(store->connection()).add_schedule(s);
    write_json(res, {{"name", s.name}, {"every", s.every}}, 201);
  });
}

}  // namespace xinzhi::server
