// KnowledgeGraph::import_chainkg: Shenwan industries and their upstream table (chainkg) as a
// knowledge-graph source of its own, so that `xinzhi chain derive` can build chains from it.
#include <filesystem>
#include <map>
#include <set>

#include "base/error.h"
#include "ingest/chainkg.h"
#include "modules/kg/knowledge_graph.h"

namespace xinzhi::kg {

namespace {
std::string industry_id(const std::string& name) { return "industry:" + name; }
std::string company_id(const std::string& code) { return "company:" + code; }
}  // namespace

ChainkgImportReport KnowledgeGraph::import_chainkg(const std::string& dir, int min_upstream_count) {
  if (min_upstream_count < 1) invalid_input("the minimum upstream count must be at least 1");
  auto data = ingest::read_chainkg(dir);
  ChainkgImportReport report;
  report.dir = dir;
  auto folder = std::filesystem::path(dir).lexically_normal();
  if (folder.filename().empty()) folder = folder.parent_path();
  report.source = folder.filename().string();
  report.min_upstream_count = min_upstream_count;

  GraphBatch batch{report.source, "chainkg", false, {}, {}};
  // Industries by name: industry_up names them so; a name only industry_up knows is kept too.
  std::set<std::string> industries;
  std::map<std::string, std::string> industry_by_code;
  auto add_industry = [&](const std::string& name) {
    if (industries.insert(name).second) batch.entities.push_back({industry_id(name), name, "industry", "", "", "", false});
  };
  for (const auto& i : data.industries) {
    add_industry(i.name);
    industry_by_code.emplace(i.code, i.name);
  }
  for (const auto& link : data.parents) {
    add_industry(link.from), add_industry(link.to);
    batch.relations.push_back({industry_id(link.from), "上级行业", industry_id(link.to), ""});
  }
  report.parent_links = data.parents.size();
  report.upstream_links_read = data.upstream.size();
  for (const auto& link : data.upstream) {
    // Most links were seen once (4,194 of 5,256), many of them noise (大众出版 upstream of 锂电池):
    // a link seen at least twice is the cleaner chain.
    if (link.count < min_upstream_count) continue;
    add_industry(link.from), add_industry(link.to);
    batch.relations.push_back({industry_id(link.from), "上游于", industry_id(link.to), ""});
    ++report.upstream_links_kept;
  }
  report.industries = industries.size();

  std::vector<std::string> industry_names(industries.begin(), industries.end());
  CompanyResolver resolver(&data.companies, industry_names);
  std::set<std::string> companies;
  for (auto bucket : {"placed", "national", "unknown"}) report.companies_by_region[bucket] = 0;
  for (const auto& c : data.companies.rows()) {
    if (!companies.insert(c.code).second) continue;  // a renamed firm: one code, two rows; the first stays
    EntityRecord e{company_id(c.code), c.short_name, "company", "", "", "", false};
    resolver.resolve(e);
    ++report.companies_by_region[!e.province.empty() ? "placed" : e.national ? "national" : "unknown"];
    batch.entities.push_back(std::move(e));
  }
  report.companies = companies.size();
  for (const auto& ci : data.company_industries) {
    auto industry = industry_by_code.find(ci.industry_code);
    if (!companies.count(ci.company_code) || industry == industry_by_code.end()) {
      ++report.company_industries_unmatched;
      continue;
    }
    batch.relations.push_back({company_id(ci.company_code), "归属于行业", industry_id(industry->second), ""});
    ++report.company_industries;
  }
  report.added = store_.write_batch(batch, {});
  return report;
}

nlohmann::json to_json(const ChainkgImportReport& r) {
  return {
      {"source", r.source},
      {"dir", r.dir},
      {"industries", r.industries},
      {"companies", r.companies},
      {"companies_by_region", r.companies_by_region},
      {"parent_links", r.parent_links},
      {"upstream_links", {{"read", r.upstream_links_read}, {"kept", r.upstream_links_kept},
                          {"min_count", r.min_upstream_count}}},
      {"company_industries", {{"stored", r.company_industries}, {"unmatched", r.company_industries_unmatched}}},
      {"added", {{"entities", r.added.entities_added}, {"relations", r.added.relations_added}}},
  };
}

}  // namespace xinzhi::kg
