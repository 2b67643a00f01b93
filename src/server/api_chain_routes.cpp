// /api/chains: the industry-chain atlas over HTTP. Names travel URL-encoded in the path.
#include "server/http_message.h"

#include <sstream>

#include "base/error.h"
#include "modules/services.h"
#include "server/api_routes.h"
#include "report/atlas_xlsx.h"
#include "server/json_response.h"
#include "server/request_json.h"
#include "store/database.h"

namespace xinzhi::server {

namespace {
template <class Fn>
auto with_chains(store::Store& store, Fn fn) {
  modules::Services services(store.connection());
  return fn(services.chains());
}

chain::AtlasRequest atlas_request(const Request& req) {
  return {req.matches[1], string_param(req, "region"), number_param(req, "weak_share", 0.2, 0, 1),
          static_cast<size_t>(number_param(req, "candidates", 10, 0, 100)),
          static_cast<size_t>(number_param(req, "leaders", 20, 0, 1000))};
}

// ?w_NAME=VALUE for each component; the page, its CSV link and the CLI's --weight share them.
chain::ChokepointWeights chokepoint_weights(const Request& req) {
  chain::ChokepointWeights w;
  for (auto [name, slot] : {std::pair{"concentration", &w.concentration}, {"outside", &w.outside},
                            {"dominance", &w.dominance}, {"betweenness", &w.betweenness},
                            {"substitutes", &w.substitutes}, {"technology", &w.technology}})
    *slot = number_param(req, std::string("w_") + name, *slot, 0, 100);
  return w;
}
}  // namespace

void install_chain_routes(ApiRouter& api) {
  auto store = api.store();
  api.get("/api/chains", [store](const Request&, Response& res) {
    with_chains(*store, [&](chain::ChainService& s) {
      JsonWriter w;
      w.begin_object().key("chains");
      chain::write_json(w, s.list());
      write_json_text(res, w.end_object().take());
    });
  });

  api.get(R"(/api/chains/([^/]+)/atlas)", [store](const Request& req, Response& res) {
    with_chains(*store, [&](chain::ChainService& s) {
      JsonWriter w;
      chain::write_json(w, s.atlas(atlas_request(req)));
      write_json_text(res, w.take());
    });
  });

  api.get(R"(/api/chains/([^/]+)/atlas\.xlsx)", [store](const Request& req, Response& res) {
    with_chains(*store, [&](chain::ChainService& s) {
      res.set_content(report::atlas_xlsx_bytes(s.atlas(atlas_request(req))),
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      res.set_header("Content-Disposition", "attachment; filename=\"atlas.xlsx\"");
    });
  });

  // The segment travels as a query parameter too: twchains names such as /IC設計 hold a slash.
  // Without one, /firms lists every firm of the chain.
  auto segment_firms = [store](const Request& req, Response& res) {
    bool in_path = req.matches.size() > 2;
    std::string segment = in_path ? std::string(req.matches[2]) : string_param(req, "segment");
    if (in_path && segment.empty()) missing_param("segment");
    auto region = string_param(req, "region");
    with_chains(*store, [&](chain::ChainService& s) {
      JsonWriter w;
      w.begin_object().field("chain", std::string(req.matches[1])).field("segment", segment);
      w.key("firms");
      chain::write_json(w, segment.empty() ? s.chain_firms(req.matches[1], region)
                                           : s.segment_firms(req.matches[1], segment, region));
      write_json_text(res, w.end_object().take());
    });
  };
  api.get(R"(/api/chains/([^/]+)/segments/([^/]+)/firms)", segment_firms);
  api.get(R"(/api/chains/([^/]+)/firms)", segment_firms);

  api.get(R"(/api/chains/([^/]+)/chokepoints)", [store](const Request& req, Response& res) {
    auto w = chokepoint_weights(req);
    with_chains(*store, [&](chain::ChainService& s) {
      JsonWriter out;
      chain::write_json(out, s.chokepoints(req.matches[1], string_param(req, "region"), w));
      write_json_text(res, out.take());
    });
  });

  api.get(R"(/api/chains/([^/]+)/chokepoints\.csv)", [store](const Request& req, Response& res) {
    auto w = chokepoint_weights(req);
    with_chains(*store, [&](chain::ChainService& s) {
      std::ostringstream out;
      chain::write_csv(out, s.chokepoints(req.matches[1], string_param(req, "region"), w));
      res.set_content(out.str(), "text/csv; charset=utf-8");
      res.set_header("Content-Disposition", "attachment; filename=\"chokepoints.csv\"");
    });
  });

  api.get(R"(/api/chains/([^/]+)/shock)", [store](const Request& req, Response& res) {
    chain::ShockRequest shock{string_param(req, "segment"), string_param(req, "region"), string_param(req, "enterprise")};
    with_chains(*store, [&](chain::ChainService& s) {
      JsonWriter out;
      chain::write_json(out, s.shock(req.matches[1], shock));
      write_json_text(res, out.take());
    });
  });

  api.get(R"(/api/chains/([^/]+)/ecosystem)", [store](const Request& req, Response& res) {
    with_chains(*store, [&](chain::ChainService& s) {
      JsonWriter w;
      chain::write_json(w, s.ecosystem(req.matches[1], string_param(req, "region")));
      write_json_text(res, w.take());
    });
  });

  api.get(R"(/api/chains/([^/]+)/ecosystem\.gexf)", [store](const Request& req, Response& res) {
    with_chains(*store, [&](chain::ChainService& s) {
      res.set_content(chain::to_gexf(s.ecosystem(req.matches[1], string_param(req, "region"))), "application/gexf+xml");
      res.set_header("Content-Disposition", "attachment; filename=\"ecosystem.gexf\"");
    });
  });

  api.get(R"(/api/chains/([^/]+)/map)", [store](const Request& req, Response& res) {
    chain::DistrictMapRequest map{req.matches[1], string_param(req, "region"),
                                  static_cast<size_t>(number_param(req, "firms", 50, 0, 500))};
    with_chains(*store, [&](chain::ChainService& s) {
      JsonWriter w;
      chain::write_json(w, s.district_map(map));
      write_json_text(res, w.take());
    });
  });

  api.get(R"(/api/chains/([^/]+)/edits)", [store](const Request& req, Response& res) {
    with_chains(*store, [&](chain::ChainService& s) {
      JsonWriter w;
      w.begin_object().key("edits");
      chain::write_json(w, s.edits(req.matches[1]));
      write_json_text(res, w.end_object().take());
    });
  });

  api.post(R"(/api/chains/([^/]+)/edits)", [store](const Request& req, Response& res) {
    auto body = parse_json_body(req);
    auto optional = [&](const char* field) { return body.contains(field) ? string_field(body, field, 200) : std::string(); };
    chain::ChainEdit edit{string_field(body, "action", 40), optional("segment"), optional("target"), optional("firm"),
                          optional("stage"), optional("parent"), optional("role"), optional("region"), "", "", ""};
    with_chains(*store, [&](chain::ChainService& s) {
      write_json(res, {{"id", s.edit(req.matches[1], edit)}}, 201);
    });
  });

  api.post("/api/chains/derive", [store](const Request& req, Response& res) {
    auto body = parse_json_body(req);
    auto focus = string_field(body, "focus"), name = string_field(body, "name");
    int hops = int_field(body, "hops", 2, 0, 10);
    with_chains(*store, [&](chain::ChainService& s) {
      JsonWriter w;
      chain::write_json(w, s.derive(focus, hops, name));
      write_json_text(res, w.take(), 201);
    });
  });

  api.post(R"(/api/chains/([^/]+)/merge)", [store](const Request& req, Response& res) {
    auto body = parse_json_body(req);
    auto from = string_field(body, "from"), into = string_field(body, "into");
    with_chains(*store, [&](chain::ChainService& c) {
      c.merge(req.matches[1], from, into);
      write_json(res, {{"merged", from}, {"into", into}});
    });
  });

  api.post(R"(/api/chains/([^/]+)/unmerge)", [store](const Request& req, Response& res) {
    auto body = parse_json_body(req);
    auto segment = string_field(body, "segment");
    with_chains(*store, [&](chain::ChainService& c) {
      c.unmerge(req.matches[1], segment);
      write_json(res, {{"unmerged", segment}});
    });
  });
}

}  // namespace xinzhi::server
