#include "modules/linkage/linkage_service.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>

#include "base/error.h"
#include "engines/io/leontief.h"
#include "modules/linkage/linkage_store.h"

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

nlohmann::json to_json(const IoTableInfo& t) {
  return {{"name", t.name},       {"file", t.file},     {"output_from", t.output_from},
          {"sectors", t.sectors}, {"sample", t.sample}, {"imported_at", t.imported_at}};
}

nlohmann::json to_json(const ChainLinkages& c) {
  nlohmann::json rows = nlohmann::json::array(), names = nlohmann::json::array();
  size_t mapped = 0;
  for (const auto& r : c.rows) {
    nlohmann::json row = {{"segment", r.segment}, {"stage", r.stage}};
    if (r.sector < 0) {
      row["sector"] = nullptr;  // not mapped: shown as missing, never as zero
    } else {
      ++mapped;
      const auto& s = c.sectors[static_cast<size_t>(r.sector)];
      row.update({{"sector", s.name},
                  {"output_multiplier", s.output_multiplier},
                  {"backward_linkage", s.backward_linkage},
                  {"forward_linkage", s.forward_linkage},
                  {"key_sector", s.key_sector()},
                  {"multiplier_rank", r.multiplier_rank}});
    }
    rows.push_back(std::move(row));
  }
  for (const auto& s : c.sectors) names.push_back(s.name);
  if (c.table.id == 0)
    return {{"chain", c.chain}, {"table", nullptr}, {"empty_reason", "no_tables"}, {"segments", rows},
            {"mapped", 0}, {"unmapped", c.rows.size()}, {"stale", c.stale}, {"sector_names", names}, {"tables", c.tables}};
  return {{"chain", c.chain},
          {"table", to_json(c.table)},
          {"unit", "output per unit of final demand (yuan per yuan)"},
          {"segments", rows},
          {"mapped", mapped},
          {"unmapped", c.rows.size() - mapped},
          {"stale", c.stale},
          {"sector_names", names},
          {"tables", c.tables}};
}

IoTableInfo LinkageService::import_table(const std::string& path, const std::string& name, bool sample) {
  if (name.empty()) fail_keyed(ErrorCode::InvalidInput, "field_missing", {{"field", "name"}}, "the table needs a name (--name)");
  auto report = sector_linkages_of(path);
  // The file's name only: where it lay on the server is nobody's business on a page.
  IoTableInfo info{0, name, std::filesystem::path(path).filename().string(), report.output_from,
                   static_cast<int64_t>(report.sectors.size()), sample, ""};
  nlohmann::json detail = {{"file", path}, {"sectors", report.sectors.size()}, {"sample", sample}};
  info.id = store_.add_table(info, report.sectors, {"import.io_table", "io_table", name, "", "", detail.dump()});
  return *store_.table(name);
}

std::vector<IoTableInfo> LinkageService::tables() { return store_.tables(); }

IoTableInfo LinkageService::table_named(const std::string& name) {
  if (name.empty()) {
    auto all = store_.tables();  // imported tables first, the sample last
    if (all.empty())
      fail_keyed(ErrorCode::NotFound, "io_no_tables", {}, "no input-output table is stored: xinzhi io import --table F --name N");
    return all.front();
  }
  auto t = store_.table(name);
  if (!t) fail_keyed(ErrorCode::NotFound, "io_table_not_found", {{"name", name}}, "no input-output table named '" + name + "'");
  return *t;
}

ChainLinkages LinkageService::chain_linkages(const std::string& chain, const std::string& table) {
  ChainLinkages out;
  out.chain = chain;
  auto segments = chains_.segments(chain);  // NotFound first: the chain is what the user named
  if (table.empty() && store_.tables().empty()) {
    // No table yet is a state the page shows (every segment unmapped), not an error.
    for (const auto& s : segments) out.rows.push_back({s.name, s.stage});
    return out;
  }
  out.table = table_named(table);
  out.sectors = store_.sectors(out.table.id);
  for (const auto& t : store_.tables()) out.tables.push_back(t.name);
  // Rank 1 = the largest multiplier of the table (ties share the better rank).
  std::vector<double> sorted;
  for (const auto& s : out.sectors) sorted.push_back(s.output_multiplier);
  std::sort(sorted.begin(), sorted.end(), std::greater<>());
  std::map<std::string, int64_t> mapped;
  for (auto& [segment, sector] : store_.mappings(chain, out.table.id)) mapped[segment] = sector;
  std::set<std::string> present;
  for (const auto& s : segments) {
    ChainLinkages::Row row{s.name, s.stage};
    present.insert(s.name);
    if (auto it = mapped.find(s.name); it != mapped.end() && it->second < static_cast<int64_t>(out.sectors.size())) {
      row.sector = it->second;
      double m = out.sectors[static_cast<size_t>(it->second)].output_multiplier;
      row.multiplier_rank = 1 + (std::lower_bound(sorted.begin(), sorted.end(), m, std::greater<>()) - sorted.begin());
    }
    out.rows.push_back(std::move(row));
  }
  for (const auto& [segment, sector] : mapped)
    if (!present.count(segment)) out.stale.push_back(segment);
  return out;
}

void LinkageService::map_segment(const std::string& chain, const std::string& segment, const std::string& table,
                                 const std::string& sector) {
  auto segments = chains_.segments(chain);
  if (std::none_of(segments.begin(), segments.end(), [&](const auto& s) { return s.name == segment; }))
    fail_keyed(ErrorCode::NotFound, "chain_no_segment", {{"chain", chain}, {"segment", segment}},
               "chain '" + chain + "' has no segment '" + segment + "'");
  auto t = table_named(table);
  int64_t position = -1;
  if (!sector.empty()) {
    auto sectors = store_.sectors(t.id);
    auto it = std::find_if(sectors.begin(), sectors.end(), [&](const auto& s) { return s.name == sector; });
    if (it == sectors.end())
      fail_keyed(ErrorCode::NotFound, "io_sector_not_found", {{"table", t.name}, {"sector", sector}},
                 "table '" + t.name + "' has no sector '" + sector + "'");
    position = it - sectors.begin();
  }
  nlohmann::json detail = {{"chain", chain}, {"segment", segment}, {"table", t.name}, {"sector", sector}};
  std::string target = chain;
  target.append("/").append(segment);
  store_.set_mapping(chain, segment, t.id, position, {"linkage.map", "chain_segment", target, "", sector, detail.dump()});
}

size_t LinkageService::map_sample_chains(const std::string& table) {
  // Each sample segment read as the UK 2010 product (ONS) nearest to what its firms make; the
  // reasons are in docs/linkage.md. A stand-in until a Chinese table is imported.
  static const std::pair<const char*, const char*> kNev[] = {
      {"锂矿资源", "Crude petroleum and natural gas & Metal ores"},
      {"正极材料", "Industrial gases, inorganics and fertilisers (all inorganic chemicals) - 20.11/13/15"},
      {"动力电池", "Electrical equipment"},
      {"驱动电机", "Electrical equipment"},
      {"车规级芯片", "Computer, electronic and optical products"},
      {"激光雷达", "Computer, electronic and optical products"},
      {"智能座舱", "Computer, electronic and optical products"},
      {"整车制造", "Motor vehicles, trailers and semi-trailers"},
      {"充电设施", "Electrical equipment"},
      {"新能源汽车", "Motor vehicles, trailers and semi-trailers"}};
  static const std::pair<const char*, const char*> kXinchuang[] = {
      {"CPU芯片", "Computer, electronic and optical products"},
      {"操作系统", "Computer programming, consultancy and related services"},
      {"数据库", "Computer programming, consultancy and related services"},
      {"中间件", "Computer programming, consultancy and related services"},
      {"服务器", "Computer, electronic and optical products"},
      {"信息安全", "Computer programming, consultancy and related services"},
      {"信创", "Computer programming, consultancy and related services"}};
  table_named(table);  // an unknown table is an error, not a mapping with nothing mapped
  size_t mapped = 0;
  auto apply = [&](const char* chain, const auto& pairs) {
    for (const auto& [segment, sector] : pairs) {
      try {
        map_segment(chain, segment, table, sector);
        ++mapped;
      } catch (const Error& e) {
        if (e.code() != ErrorCode::NotFound) throw;  // an edited sample chain: skip what is gone
      }
    }
  };
  apply("新能源汽车（示例）", kNev);
  apply("信创（示例）", kXinchuang);
  return mapped;
}

}  // namespace xinzhi::linkage
