#include "server/api_routes.h"

#include "server/http_message.h"

#include <memory>

#include "base/error.h"
#include "base/text.h"
#include "base/version.h"
#include "ingest/region.h"
#include "modules/services.h"
#include "server/json_response.h"
#include "server/request_json.h"
#include "store/database.h"

namespace xinzhi::server {

namespace {

nlohmann::json region_json(const std::string& name, const ingest::Region& r) {
  return {{"name", name},          {"province", r.province}, {"city", r.city},
          {"district", r.district}, {"national", r.national}, {"known", r.known()}};
}

// `field` names the value for the dashboard (names[3], name); `where` for the English text.
std::string checked_name(const nlohmann::json& v, const std::string& field, const std::string& where) {
  if (!v.is_string()) wrong_field_type(field, "string", where + " must be a string");
  auto s = v.get<std::string>();
  if (!text::is_valid_utf8(s))
    fail_keyed(ErrorCode::InvalidInput, "field_not_utf8", {{"field", field}}, where + " is not valid UTF-8");
  if (s.size() > 1000)
    fail_keyed(ErrorCode::InvalidInput, "field_too_long", {{"field", field}, {"max", "1000"}}, where + " is longer than 1000 bytes");
  return s;
}

}  // namespace

void install_api_routes(ApiRouter& api) {
  auto store = api.store();

  api.get("/api/health", [store](const Request&, Response& res) {
    store->connection().ping();
    write_json(res, {{"status", "ok"}, {"database", "ok"}});
  }, true);

  api.get("/api/version", [](const Request&, Response& res) {
    write_json(res, {{"name", "xinzhi"}, {"version", std::string(version())}, {"build", std::string(build_type())}});
  }, true);

  api.get("/api/overview", [store](const Request&, Response& res) {
    modules::Services services(store->connection());
    write_json(res, kg::to_json(services.graph().overview(services.home()), services.home()));
  });

  // Region inference for one name (?name=) or many ({"names": [...]}, at most 1000).
  api.get("/api/regions/infer", [](const Request& req, Response& res) {
    if (!req.has_param("name")) missing_param("name");
    auto name = checked_name(req.get_param_value("name"), "name", "query parameter 'name'");
    write_json(res, region_json(name, ingest::RegionGazetteer::instance().infer(name)));
  });
  api.post("/api/regions/infer", [](const Request& req, Response& res) {
    auto body = parse_json_body(req);
    if (!body.is_object() || !body.contains("names"))
      fail_keyed(ErrorCode::InvalidInput, "field_missing", {{"field", "names"}}, "body must be an object with field 'names'");
    const auto& names = body["names"];
    if (!names.is_array()) wrong_field_type("names", "array", "field 'names' must be an array of strings");
    if (names.size() > 1000)
      fail_keyed(ErrorCode::InvalidInput, "too_many_items", {{"field", "names"}, {"max", "1000"}},
                 "field 'names' holds more than 1000 names");
    nlohmann::json out = nlohmann::json::array();
    for (size_t i = 0; i < names.size(); ++i) {
      auto where = "names[" + std::to_string(i) + "]";
      auto name = checked_name(names[i], where, where);
      out.push_back(region_json(name, ingest::RegionGazetteer::instance().infer(name)));
    }
    write_json(res, {{"regions", out}});
  });

  // What a region field offers to pick from: groups, provinces, cities and the districts of a
  // region (?districts_of=, default the home group), each with the label the services read back.
  api.get("/api/regions/places", [store](const Request& req, Response& res) {
    const auto& g = ingest::RegionGazetteer::instance();
    std::vector<std::string> provinces;
    if (req.has_param("districts_of"))
      provinces = g.scope(string_param(req, "districts_of")).provinces;
    else
      provinces = modules::Services(store->connection()).home().provinces;
    nlohmann::json places = nlohmann::json::array();
    for (const auto& p : g.places(provinces))
      places.push_back({{"label", p.label}, {"province", p.province}, {"city", p.city}, {"district", p.district}});
    write_json(res, {{"groups", g.group_names()}, {"places", places}});
  });

  api.get("/api/regions/groups", [](const Request&, Response& res) {
    nlohmann::json groups = nlohmann::json::object();
    const auto& g = ingest::RegionGazetteer::instance();
    for (auto& name : g.group_names()) groups[name] = g.group(name);
    write_json(res, {{"groups", groups}});
  });
}

}  // namespace xinzhi::server
