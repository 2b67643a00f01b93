// /api/literature: imported papers' keyword (or category) bursts per year, as the foresight
// page shows them beside the patents' fields.
#include "modules/services.h"
#include "server/api_routes.h"
#include "server/json_response.h"
#include "server/request_json.h"

namespace xinzhi::server {

void install_literature_routes(ApiRouter& api) {
  auto store = api.store();
  api.get("/api/literature/bursts", [store](const Request& req, Response& res) {
    literature::BurstQuery q;
    if (req.has_param("by")) q.by = req.get_param_value("by");
    if (req.has_param("source")) q.source = req.get_param_value("source");
    q.top = static_cast<size_t>(number_param(req, "top", 20, 1, 1000));
    q.min_duration = static_cast<size_t>(number_param(req, "min_duration", 1, 1, 100));
    // The service checks s > 1 and γ > 0 with keys the dashboard says.
    q.s = number_param(req, "s", 2, -1e9, 1e9);
    q.gamma = number_param(req, "gamma", 1, -1e9, 1e9);
    write_json(res, modules::Services(store->connection()).literature().bursts(q));
  });
}

}  // namespace xinzhi::server
