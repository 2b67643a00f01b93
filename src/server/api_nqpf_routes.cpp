// /api/nqpf/…: the new-quality-productive-forces index over HTTP. The nqpf service reads the
// imported statistics and computes; this door only translates the query.
#include "modules/services.h"
#include "report/nqpf_xlsx.h"
#include "server/api_routes.h"
#include "server/json_response.h"
#include "server/request_json.h"

namespace xinzhi::server {

namespace {
nqpf::IndexQuery index_query(const Request& req) {
  nqpf::IndexQuery q;
  q.system = string_param(req, "system", "three-elements");
  q.weights = string_param(req, "weights", "entropy");
  q.from = static_cast<int>(number_param(req, "from", 0, 0, 2100));
  q.to = static_cast<int>(number_param(req, "to", 0, 0, 2100));
  return q;
}
}  // namespace

void install_nqpf_routes(ApiRouter& api) {
  auto store = api.store();
  api.get("/api/nqpf/systems", [store](const Request&, Response& res, const accounts::Principal& who) {
    modules::Services services(store->connection());
    write_json(res, {{"systems", services.nqpf().systems(who)}});
  });
  api.post("/api/nqpf/workbooks", [store](const Request& req, Response& res, const accounts::Principal& who) {
    // The workbook's bytes as the body (at most the server's body limit), its file name as ?name=.
    const std::string type = req.get_header_value("Content-Type");
    if (type.rfind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 0) != 0 &&
        type.rfind("application/octet-stream", 0) != 0)
      fail_keyed(ErrorCode::InvalidInput, "workbook_content_type", {{"type", type}},
                 "Content-Type is '" + type + "', expected an .xlsx workbook");
    const std::string name = string_param(req, "name");
    if (name.empty() || name.size() > 255) missing_param("name");
    modules::Services services(store->connection());
    const auto r = services.nqpf().import_workbook(req.body, name, who);
    nlohmann::json fixes = nlohmann::json::array();
    for (const auto& f : r.fixes) fixes.push_back({{"where", f.where}, {"what", f.what}});
    write_json(res, {{"file", r.source}, {"observations", r.observations}, {"series", r.series}, {"corrections", fixes}}, 201);
  });
  api.get("/api/nqpf/series", [store](const Request&, Response& res, const accounts::Principal& who) {
    modules::Services services(store->connection());
    write_json(res, services.nqpf().series(who));
  });
  api.post("/api/nqpf/systems", [store](const Request& req, Response& res, const accounts::Principal& who) {
    const auto body = parse_json_body(req);
    modules::Services services(store->connection());
    write_json(res, services.nqpf().save_system(body, who), 201);
  });
  api.del(R"(/api/nqpf/systems/([^/]+))", [store](const Request& req, Response& res, const accounts::Principal& who) {
    modules::Services services(store->connection());
    services.nqpf().delete_system(req.matches[1], who);
    write_json(res, {{"deleted", req.matches[1]}});
  });
  api.get("/api/nqpf/index", [store](const Request& req, Response& res, const accounts::Principal& who) {
    modules::Services services(store->connection());
    write_json(res, services.nqpf().index(index_query(req), who));
  });
  api.get(R"(/api/nqpf/index\.xlsx)", [store](const Request& req, Response& res, const accounts::Principal& who) {
    modules::Services services(store->connection());
    const auto index = services.nqpf().index(index_query(req), who);
    if (!index.at("available").get<bool>())
      fail_keyed(ErrorCode::NotFound, "nqpf_no_statistics", {}, "no provincial statistics imported yet");
    res.set_content(report::nqpf_xlsx_bytes(index), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    res.set_header("Content-Disposition", "attachment; filename=\"nqpf-index.xlsx\"");
  });
  api.get("/api/nqpf/explain", [store](const Request& req, Response& res, const accounts::Principal& who) {
    // from and to are the two years compared; the index runs over every covered year, as
    // /api/nqpf/index does by default, so the two agree.
    auto q = index_query(req);
    const int from = q.from, to = q.to;
    q.from = q.to = 0;
    const std::string region = string_param(req, "region");
    modules::Services services(store->connection());
    write_json(res, services.nqpf().explain(q, region, from, to, who));
  });
  api.get("/api/nqpf/productivity", [store](const Request& req, Response& res, const accounts::Principal& who) {
    const auto q = index_query(req);
    modules::Services services(store->connection());
    write_json(res, services.nqpf().productivity(q.from, q.to, who));
  });
}

}  // namespace xinzhi::server
