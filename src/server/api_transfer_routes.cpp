// /api/transfer/…: the technology-transfer desk (国际技术转移) over HTTP. The transfer desk
// checks and decides (and scopes what a firm may see); this door only translates.
#include "base/clock.h"
#include "modules/services.h"
#include "server/api_routes.h"
#include "server/json_response.h"
#include "server/request_json.h"

namespace xinzhi::server {

namespace {

nlohmann::json match_list(const std::vector<transfer::TransferMatch>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& m : list) out.push_back(transfer::to_json(m));
  return out;
}


}  // namespace

void install_transfer_routes(ApiRouter& api) {
  auto store = api.store();
  api.get("/api/transfer/listings", [store](const Request& req, Response& res) {
    modules::Services services(store->connection());
    auto offset = static_cast<size_t>(number_param(req, "offset", 0, 0, 1e9));
    auto limit = static_cast<size_t>(number_param(req, "limit", 50, 1, 500));
    auto page = services.transfer().listings(string_param(req, "q"), offset, limit);
    nlohmann::json list = nlohmann::json::array();
    const auto day = utc_today();
    for (const auto& l : page.listings) list.push_back(transfer::to_json(l, day));
    write_json(res, {{"total", page.total}, {"offset", offset}, {"listings", list}, {"as_of", day}});
  });
  api.get(R"(/api/transfer/listings/(\d+))", [store](const Request& req, Response& res, const accounts::Principal& who) {
    modules::Services services(store->connection());
    auto id = path_id(req, "listing_not_found");
    auto& desk = services.transfer();
    auto top = static_cast<size_t>(number_param(req, "top", 10, 1, 100));
    write_json(res, {{"listing", transfer::to_json(desk.listing(id), utc_today())}, {"targets", match_list(desk.targets_for(id, top, who))}});
  });
  api.get("/api/transfer/demands", [store](const Request&, Response& res, const accounts::Principal& who) {
    modules::Services services(store->connection());
    nlohmann::json list = nlohmann::json::array();
    for (const auto& d : services.transfer().demands(who)) list.push_back(transfer::to_json(d));
    write_json(res, {{"demands", list}});
  });
  api.post("/api/transfer/demands", [store](const Request& req, Response& res, const accounts::Principal& who) {
    auto body = parse_json_body(req);
    transfer::Demand d;
    d.org = string_or_empty(body, "org", 800);
    d.title = string_field(body, "title", 800);
    d.text = string_field(body, "text", 16000);
    d.region = string_or_empty(body, "region", 400);
    modules::Services services(store->connection());
    write_json(res, {{"id", services.transfer().add_demand(d, who)}}, 201);
  });
  api.get("/api/transfer/matches", [store](const Request& req, Response& res, const accounts::Principal& who) {
    modules::Services services(store->connection());
    auto top = static_cast<size_t>(number_param(req, "top", 10, 1, 100));
    auto demand = static_cast<int64_t>(number_param(req, "demand", 0, 0, 9e15));
    auto scenario = static_cast<int64_t>(number_param(req, "scenario", 0, 0, 9e15));
    if ((demand == 0) == (scenario == 0))
      fail_keyed(ErrorCode::InvalidInput, "match_target_required", {}, "give demand or scenario (one of them)");
    auto kind = demand ? transfer::kTargetDemand : transfer::kTargetScenario;
    write_json(res, {{"matches", match_list(services.transfer().matches_for(kind, demand ? demand : scenario, top, who))},
                     {"as_of", utc_today()}});
  });
  api.get("/api/transfer/cases", [store](const Request&, Response& res, const accounts::Principal& who) {
    modules::Services services(store->connection());
    nlohmann::json list = nlohmann::json::array();
    for (const auto& c : services.transfer().cases(who)) list.push_back(transfer::to_json(c));
    write_json(res, {{"cases", list}});
  });
  api.post("/api/transfer/cases", [store](const Request& req, Response& res, const accounts::Principal& who) {
    auto body = parse_json_body(req);
    if (!body.is_object() || !body.contains("listing"))
      fail_keyed(ErrorCode::InvalidInput, "field_missing", {{"field", "listing"}}, "field 'listing' is missing");
    if (body.contains("demand") == body.contains("scenario"))
      fail_keyed(ErrorCode::InvalidInput, "match_target_required", {}, "give demand or scenario (one of them)");
    auto listing = int_field(body, "listing", 0, 1, 2000000000);
    std::string kind = body.contains("demand") ? transfer::kTargetDemand : transfer::kTargetScenario;
    auto target = int_field(body, kind, 0, 1, 2000000000);
    modules::Services services(store->connection());
    write_json(res, transfer::to_json(services.transfer().open_case(listing, kind, target, who)), 201);
  });
  api.post(R"(/api/transfer/cases/(\d+)/check)", [store](const Request& req, Response& res, const accounts::Principal& who) {
    auto body = parse_json_body(req);
    auto id = path_id(req, "case_not_found");
    modules::Services services(store->connection());
    auto c = services.transfer().set_check(id, string_field(body, "item", 40), string_field(body, "state", 20),
                                           string_or_empty(body, "note", 4000), who);
    write_json(res, transfer::to_json(c));
  });
  api.post(R"(/api/transfer/cases/(\d+)/sign)", [store](const Request& req, Response& res, const accounts::Principal& who) {
    auto body = parse_json_body(req);
    auto id = path_id(req, "case_not_found");
    modules::Services services(store->connection());
    write_json(res, transfer::to_json(services.transfer().sign(id, string_or_empty(body, "note", 4000), who)));
  });
  api.post(R"(/api/transfer/cases/(\d+)/decline)", [store](const Request& req, Response& res, const accounts::Principal& who) {
    auto body = parse_json_body(req);
    auto id = path_id(req, "case_not_found");
    modules::Services services(store->connection());
    auto c = services.transfer().decline(id, string_field(body, "reason", 40), string_or_empty(body, "note", 4000), who);
    write_json(res, transfer::to_json(c));
  });
}

}  // namespace xinzhi::server
