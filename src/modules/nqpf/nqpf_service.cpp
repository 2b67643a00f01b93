#include "modules/nqpf/nqpf_service.h"

#include "base/error.h"
#include "ingest/region.h"
#include "modules/nqpf/innovation_productivity.h"

namespace xinzhi::nqpf {

namespace {
using accounts::Permission;

nlohmann::json source_of(const StatisticsImport& s) {
  nlohmann::json fixes = nlohmann::json::array();
  for (const auto& f : s.fixes) fixes.push_back({{"where", f.where}, {"what", f.what}});
  return {{"file", s.source}, {"imported_at", s.imported_at}, {"imported_by", s.imported_by},
          {"observations", s.observations}, {"series", s.series}, {"corrections", std::move(fixes)},
          {"publisher", "国家统计局《中国科技统计年鉴》《中国高技术产业统计年鉴》等，经 techme 整理（MIT）"}};
}
}  // namespace

StatisticsImport NqpfService::import_statistics(const std::string& path, const accounts::Principal& who) {
  accounts::require(who, Permission::AnalyticsWrite);
  const auto data = ingest::read_province_statistics(path);
  const std::string file = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  return store_.replace(data, file, who.username,
                        {"import.provinces", "province_import", file, "",
                         std::to_string(data.observations.size()) + " observations, " + std::to_string(data.fixes.size()) +
                             " corrections",
                         path});
}

nlohmann::json NqpfService::systems(const accounts::Principal& who) {
  accounts::require(who, Permission::AnalyticsRead);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : system_templates()) out.push_back(to_json(s));
  return out;
}

IndexResult NqpfService::computed(const IndexQuery& q) {
  const auto data = store_.load();
  if (data.observations.empty())
    fail_keyed(ErrorCode::NotFound, "nqpf_no_statistics", {},
               "no provincial statistics yet: import them (xinzhi nqpf import --provinces ../shared/data/provinces)");
  return compute_index(data, system_template(q.system), {weight_method_from(q.weights), q.from, q.to});
}

nlohmann::json NqpfService::index(const IndexQuery& q, const accounts::Principal& who) {
  accounts::require(who, Permission::AnalyticsRead);
  // Before any import the front page's panel asks too: an empty state, not an error.
  const auto last = store_.last_import();
  if (!last) return {{"available", false}, {"system", q.system}, {"weights_method", q.weights}};
  auto out = to_json(computed(q));
  out.erase("data_fixes");  // they travel in source.corrections
  out["available"] = true;
  out["source"] = source_of(*last);
  return out;
}

nlohmann::json NqpfService::productivity(int from, int to, const accounts::Principal& who) {
  accounts::require(who, Permission::AnalyticsRead);
  const auto last = store_.last_import();
  if (!last) return {{"available", false}};
  auto out = innovation_productivity(store_.load(), from, to);
  out["available"] = true;
  out["source"] = source_of(*last);
  out["source"].erase("corrections");  // the index's panel lists them once
  return out;
}

nlohmann::json NqpfService::explain(const IndexQuery& q, const std::string& region, int from, int to,
                                    const accounts::Principal& who) {
  accounts::require(who, Permission::AnalyticsRead);
  const std::string province = ingest::RegionGazetteer::instance().province_named(region);
  if (province.empty())
    fail_keyed(ErrorCode::NotFound, "nqpf_not_province", {{"item", region}}, "region '" + region + "' is not a province");
  const auto r = computed(q);
  return movement(r, province, from ? from : r.years.front(), to ? to : r.years.back());
}

}  // namespace xinzhi::nqpf
