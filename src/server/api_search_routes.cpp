// /api/search: the dashboard's one search box (modules/search) over HTTP; the service decides
// what the caller's role may find.
#include "modules/search/site_search.h"
#include "modules/services.h"
#include "server/api_routes.h"
#include "server/json_response.h"
#include "server/request_json.h"

namespace xinzhi::server {

void install_search_routes(ApiRouter& api) {
  auto store = api.store();
  api.get("/api/search", [store](const Request& req, Response& res, const accounts::Principal& who) {
    modules::Services services(store->connection());
    scenario::ScenarioPartners scenarios(store->connection());
    search::SiteSearch site(
        {&services.chains(), &services.graph_reader(), &services.patents(), &scenarios, store->connection().path()});
    JsonWriter w;
    search::write_json(w, site.run(req.has_param("q") ? req.get_param_value("q") : "", who));
    write_json_text(res, w.take());
  });
}

}  // namespace xinzhi::server
