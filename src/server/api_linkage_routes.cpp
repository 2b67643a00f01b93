// /api/io and /api/chains/{chain}/linkages: stored input–output tables and each chain
// segment's sector with its multiplier and linkages (产业关联), over HTTP. The linkage service
// checks names and decides; this door only translates.
#include "modules/services.h"
#include "server/api_routes.h"
#include "server/json_response.h"
#include "server/request_json.h"

namespace xinzhi::server {

void install_linkage_routes(ApiRouter& api) {
  auto store = api.store();
  api.get("/api/io/tables", [store](const Request&, Response& res) {
    nlohmann::json tables = nlohmann::json::array();
    for (const auto& t : modules::Services(store->connection()).linkage().tables()) tables.push_back(linkage::to_json(t));
    write_json(res, {{"tables", tables}});
  });
  api.get(R"(/api/chains/([^/]+)/linkages)", [store](const Request& req, Response& res) {
    modules::Services services(store->connection());
    write_json(res, linkage::to_json(services.linkage().chain_linkages(req.matches[1], string_param(req, "table"))));
  });
  api.post(R"(/api/chains/([^/]+)/linkages)", [store](const Request& req, Response& res) {
    auto body = parse_json_body(req);
    auto segment = string_field(body, "segment", 200);
    auto table = body.contains("table") ? string_field(body, "table", 200) : std::string();
    auto sector = body.contains("sector") ? string_field(body, "sector", 400) : std::string();
    modules::Services services(store->connection());
    services.linkage().map_segment(req.matches[1], segment, table, sector);
    write_json(res, linkage::to_json(services.linkage().chain_linkages(req.matches[1], table)));
  });
}

}  // namespace xinzhi::server
