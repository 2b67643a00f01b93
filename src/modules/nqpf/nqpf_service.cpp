#include "modules/nqpf/nqpf_service.h"

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "base/error.h"
#include "ingest/region.h"
#include "ingest/xlsx_reader.h"
#include "modules/nqpf/innovation_productivity.h"
#include "modules/nqpf/platform_series.h"

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

StatisticsImport NqpfService::import_workbook(const std::string& bytes, const std::string& name,
                                             const accounts::Principal& who) {
  accounts::require(who, Permission::AnalyticsWrite);
  // The name as the analyst's computer had it, without any folder, for the fixes and the source.
  const size_t slash = name.find_last_of("/\\");  // a Windows path too
  const std::string file = slash == std::string::npos ? name : name.substr(slash + 1);
  if (file.size() < 6 || !file.ends_with(".xlsx") || bytes.size() < 4 || bytes.compare(0, 4, "PK\x03\x04") != 0)
    fail_keyed(ErrorCode::InvalidInput, "nqpf_workbook_type", {{"item", file}},
               "'" + file + "' is not an Excel workbook (.xlsx): save the statistics bureau's export as .xlsx");
  if (!store_.last_import())
    fail_keyed(ErrorCode::NotFound, "nqpf_no_statistics", {}, "import the provincial statistics before adding a workbook");
  // The reader takes a path: the bytes go to a private folder of their own, under their name.
  std::string folder = (std::filesystem::temp_directory_path() / "xinzhi-workbook-XXXXXX").string();
  if (!mkdtemp(folder.data())) throw std::runtime_error("cannot create a temporary folder");
  struct Cleanup {
    std::string folder;
    ~Cleanup() {
      std::error_code ec;
      std::filesystem::remove_all(folder, ec);
    }
  } cleanup{folder};
  const std::string path = folder + "/" + file;
  {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + path);
  }
  // Errors name the workbook, not the temporary folder.
  auto without_folder = [&](std::string text) {
    for (size_t at; (at = text.find(folder + "/")) != std::string::npos;) text.erase(at, folder.size() + 1);
    return text;
  };
  ingest::ProvinceStatistics data;
  try {
    // An export of a few provinces and years unpacks to well under 1 MiB; 32 MiB is generous.
    if (ingest::xlsx_unpacked_bytes(path) > (32u << 20))
      fail_keyed(ErrorCode::InvalidInput, "nqpf_workbook_large", {{"item", file}}, file + " unpacks to more than 32 MiB");
    data = ingest::read_province_statistics(path);
  } catch (const Error& e) {
    ErrorParams params = e.params();
    for (auto& [k, v] : params) v = without_folder(v);
    const std::string message = without_folder(e.what());
    if (e.key().empty()) fail_keyed(e.code(), "nqpf_workbook_unreadable", {{"item", file}}, message);
    throw Error(e.code(), message, e.key(), params);
  }
  return store_.merge(data, file, who.username,
                      {"import.workbook", "province_import", file, "",
                       std::to_string(data.observations.size()) + " observations of " + std::to_string(data.series.size()) +
                           " series",
                       file});
}

nlohmann::json NqpfService::systems(const accounts::Principal& who) {
  accounts::require(who, Permission::AnalyticsRead);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : system_templates()) {
    auto j = to_json(s);
    j["template"] = true;
    out.push_back(std::move(j));
  }
  for (const auto& saved : store_.saved_systems()) {
    auto j = to_json(system_from_json(nlohmann::json::parse(saved.body)));
    j["template"] = false;
    j["saved_at"] = saved.saved_at;
    j["saved_by"] = saved.saved_by;
    out.push_back(std::move(j));
  }
  return out;
}

ingest::ProvinceStatistics NqpfService::statistics(const IndicatorSystem* system, nlohmann::json* platform) {
  auto data = store_.load();
  bool want_patents = system == nullptr;
  std::set<std::string> chain_codes;
  if (system)
    for (const auto& d : system->dimensions)
      for (const auto& i : d.indicators) {
        const auto formula = formula_of(i);
        for (const auto& code : formula.series()) {
          if (is_chain_series(code)) chain_codes.insert(code);
          else want_patents = want_patents || is_platform_series(code);
        }
      }
  if (data.observations.empty()) return data;
  std::set<std::string> province_set;
  for (const auto& o : data.observations)
    if (o.province != "全国") province_set.insert(o.province);
  const std::vector<std::string> provinces(province_set.begin(), province_set.end());
  auto add = [&](const ingest::ProvinceStatistics& own) {
    data.series.insert(data.series.end(), own.series.begin(), own.series.end());
    data.observations.insert(data.observations.end(), own.observations.begin(), own.observations.end());
  };
  nlohmann::json used = nlohmann::json::object();
  if (want_patents && patents_) {
    const auto own = patent_series(*patents_, provinces);
    if (!own.data.observations.empty()) {
      add(own.data);
      nlohmann::json sources = nlohmann::json::array();
      for (const auto& s : patents_->sources())
        sources.push_back({{"name", s.name}, {"records", s.records}, {"first_filed", s.first_filed},
                           {"last_filed", s.last_filed}, {"imported_at", s.imported_at}});
      used["patents"] = std::move(sources);
      used["placed"] = own.placed;
      used["unplaced"] = own.unplaced;
      used["first_year"] = own.first_year;
      used["last_year"] = own.last_year;
      used["last_filed"] = own.last_filed;
    }
  }
  if ((system == nullptr || !chain_codes.empty()) && chains_) {
    const auto own = chain_series(*chains_, provinces, system ? &chain_codes : nullptr);
    if (!own.observations.empty()) {
      add(own);
      nlohmann::json list = nlohmann::json::array();
      for (const auto& s : own.series)
        if (s.code.rfind("platform/chain_firms/", 0) == 0) list.push_back(s.source);
      used["chains"] = std::move(list);
    }
  }
  if (platform && !used.empty()) *platform = std::move(used);
  return data;
}

nlohmann::json NqpfService::series(const accounts::Principal& who) {
  accounts::require(who, Permission::AnalyticsRead);
  const auto data = statistics(nullptr);
  struct Span {
    int first = 9999, last = 0;
    std::set<std::string> provinces;
  };
  std::map<std::string, Span> spans;
  for (const auto& o : data.observations) {
    if (o.province == "全国") continue;
    auto& s = spans[o.series];
    s.first = std::min(s.first, o.year);
    s.last = std::max(s.last, o.year);
    s.provinces.insert(o.province);
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : data.series) {
    const auto it = spans.find(s.code);
    if (it == spans.end()) continue;  // a national-only series is no indicator of provinces
    list.push_back({{"code", s.code}, {"label", s.label}, {"unit", s.unit}, {"source", s.source},
                    {"first", it->second.first}, {"last", it->second.last}, {"provinces", it->second.provinces.size()}});
  }
  return {{"available", !data.observations.empty()}, {"series", std::move(list)}};
}

nlohmann::json NqpfService::save_system(const nlohmann::json& body, const accounts::Principal& who) {
  accounts::require(who, Permission::AnalyticsWrite);
  const auto system = system_from_json(body);
  const bool id_ok = !system.id.empty() && system.id.size() <= 40 &&
                     std::all_of(system.id.begin(), system.id.end(), [](char c) {
                       return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                     });
  if (!id_ok)
    fail_keyed(ErrorCode::InvalidInput, "nqpf_system_id", {{"item", system.id}},
               "system id '" + system.id + "' must be lower-case letters, digits and hyphens (at most 40)");
  for (const auto& t : system_templates())
    if (t.id == system.id)
      fail_keyed(ErrorCode::InvalidInput, "nqpf_template_id", {{"item", system.id}},
                 "'" + system.id + "' is a shipped template: save the system under another id");
  // Saved only when an index can be computed from it: every series there, years in common.
  const auto data = statistics(&system);
  if (data.observations.empty())
    fail_keyed(ErrorCode::NotFound, "nqpf_no_statistics", {}, "no provincial statistics imported yet");
  (void)compute_index(data, system, {});
  std::string before;
  for (const auto& saved : store_.saved_systems())
    if (saved.id == system.id) before = saved.body;
  const std::string text = to_json(system).dump();
  const auto saved = store_.save_system(system.id, text, who.username,
                                        {"nqpf.system_save", "nqpf_system", system.id, before, text,
                                         std::to_string(system.indicator_count()) + " indicators"});
  auto out = to_json(system);
  out["template"] = false;
  out["saved_at"] = saved.saved_at;
  out["saved_by"] = saved.saved_by;
  return out;
}

void NqpfService::delete_system(const std::string& id, const accounts::Principal& who) {
  accounts::require(who, Permission::AnalyticsWrite);
  for (const auto& t : system_templates())
    if (t.id == id)
      fail_keyed(ErrorCode::InvalidInput, "nqpf_template_id", {{"item", id}}, "'" + id + "' is a shipped template and stays");
  std::string before;
  for (const auto& saved : store_.saved_systems())
    if (saved.id == id) before = saved.body;
  if (before.empty() || !store_.delete_system(id, {"nqpf.system_delete", "nqpf_system", id, before, "", ""}))
    fail_keyed(ErrorCode::NotFound, "nqpf_no_system", {{"item", id}}, "no saved indicator system '" + id + "'");
}

IndicatorSystem NqpfService::find_system(const std::string& id) {
  for (const auto& saved : store_.saved_systems())
    if (saved.id == id) return system_from_json(nlohmann::json::parse(saved.body));
  return system_template(id);
}

IndexResult NqpfService::computed(const IndexQuery& q, nlohmann::json* platform) {
  const auto system = find_system(q.system);
  const auto data = statistics(&system, platform);
  if (data.observations.empty())
    fail_keyed(ErrorCode::NotFound, "nqpf_no_statistics", {},
               "no provincial statistics yet: import them (xinzhi nqpf import --provinces ../shared/data/provinces)");
  return compute_index(data, system, {weight_method_from(q.weights), q.from, q.to});
}

nlohmann::json NqpfService::index(const IndexQuery& q, const accounts::Principal& who) {
  accounts::require(who, Permission::AnalyticsRead);
  // Before any import the front page's panel asks too: an empty state, not an error.
  const auto last = store_.last_import();
  if (!last) return {{"available", false}, {"system", q.system}, {"weights_method", q.weights}};
  nlohmann::json platform;
  auto out = to_json(computed(q, &platform));
  if (!platform.is_null()) out["platform_source"] = std::move(platform);
  out.erase("data_fixes");  // they travel in source.corrections
  out["available"] = true;
  out["source"] = source_of(*last);
  nlohmann::json workbooks = nlohmann::json::array();
  for (const auto& w : store_.workbooks())
    workbooks.push_back({{"file", w.source}, {"imported_at", w.imported_at}, {"imported_by", w.imported_by},
                         {"observations", w.observations}, {"series", w.series}});
  out["source"]["workbooks"] = std::move(workbooks);
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
