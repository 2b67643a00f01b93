// /api/mcda/{method}: the decision methods on a matrix sent in the body (the mcda service
// does the checking and computing; this route only translates).
#include "server/http_message.h"

#include "modules/mcda/mcda_service.h"
#include "server/api_routes.h"
#include "server/json_response.h"
#include "server/request_json.h"

namespace xinzhi::server {

void install_mcda_routes(ApiRouter& api) {
  api.post(R"(/api/mcda/(ahp|entropy|critic|topsis|promethee|fce|sensitivity))",
           [](const Request& req, Response& res) {
             write_json(res, mcda::run_request(req.matches[1], parse_json_body(req)));
           });
}

}  // namespace xinzhi::server
