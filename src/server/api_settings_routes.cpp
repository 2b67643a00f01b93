// /api/settings/region: the home region (focal province and partner group) every comparison
// reads; anyone signed in may read it, account managers set it.
#include "server/http_message.h"

#include "modules/services.h"
#include "server/api_routes.h"
#include "server/json_response.h"
#include "server/request_json.h"

namespace xinzhi::server {

namespace {
void write_region(Response& res, const settings::RegionSettings& r) {
  JsonWriter w;
  settings::write_json(w, r);
  write_json_text(res, w.take());
}
}  // namespace

void install_settings_routes(ApiRouter& api) {
  auto store = api.store();
  api.get("/api/settings/region", [store](const Request&, Response& res) {
    write_region(res, settings::RegionSettingsService(store->connection()).region());
  });
  api.post("/api/settings/region",
           [store](const Request& req, Response& res, const accounts::Principal& who) {
             auto body = parse_json_body(req);
             std::vector<std::string> provinces;
             if (body.contains("provinces")) {
               if (!body["provinces"].is_array())
                 wrong_field_type("provinces", "array", "field 'provinces' must be an array of province names");
               for (const auto& p : body["provinces"]) {
                 if (!p.is_string()) wrong_field_type("provinces", "array", "field 'provinces' must hold province names (strings)");
                 provinces.push_back(p.get<std::string>());
               }
             }
             write_region(res, settings::RegionSettingsService(store->connection())
                                   .set_region(string_field(body, "focal", 60), string_field(body, "group", 60), provinces, who));
           });
}

}  // namespace xinzhi::server
