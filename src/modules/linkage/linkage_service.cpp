#include "modules/linkage/linkage_service.h"

#include <chrono>

#include "engines/io/leontief.h"

namespace xinzhi::linkage {

LinkageReport sector_linkages(const ingest::InputOutputTable& table) {
  io::LeontiefModel model(table.sectors, table.transactions, table.total_output);
  model.run();
  LinkageReport r{table.path, table.output_from, {}};
  r.sectors.reserve(model.size());
  for (size_t j = 0; j < model.size(); ++j)
    r.sectors.push_back({model.sectors()[j], model.output_multipliers()[j], model.backward_linkages()[j],
                         model.forward_linkages()[j]});
  return r;
}

LinkageReport sector_linkages_of(const std::string& path) {
  auto start = std::chrono::steady_clock::now();
  auto table = ingest::read_io_table(path);
  double read = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto r = sector_linkages(table);
  r.read_seconds = read;
  return r;
}

nlohmann::json to_json(const LinkageReport& r) {
  nlohmann::json sectors = nlohmann::json::array();
  size_t key = 0;
  for (const auto& s : r.sectors) {
    key += s.key_sector();
    sectors.push_back({{"name", s.name},
                       {"output_multiplier", s.output_multiplier},
                       {"backward_linkage", s.backward_linkage},
                       {"forward_linkage", s.forward_linkage},
                       {"key_sector", s.key_sector()}});
  }
  return {{"table", {{"path", r.table}, {"sectors", r.sectors.size()}, {"output_from", r.output_from}}},
          {"method",
           "Leontief demand model on the domestic table: A = Z x̂⁻¹, L = (I − A)⁻¹; Type I output multiplier = column "
           "sum of L; backward linkage = multiplier / mean multiplier (Rasmussen); forward linkage = row sum of the "
           "Ghosh inverse x̂⁻¹ L x̂ / its mean; key sector: both linkages above 1"},
          {"sectors", sectors},
          {"key_sectors", key}};
}

}  // namespace xinzhi::linkage
