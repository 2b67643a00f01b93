// Reader for chainkg (liuhuanyong/ChainKnowledgeGraph): Shenwan industries (申万行业) with their
// parent links, the upstream industries of each industry with how often the link was seen,
// A-share listed companies and each company's industry. One JSON object per line in each
// file; every malformed line fails as file:line. A second, cleaner chain source beside ICKG.
#pragma once
#include <string>
#include <vector>

#include "ingest/listed_companies.h"

namespace xinzhi::ingest {

struct ShenwanIndustry {
  std::string code, name;  // 110101 种子
};

struct IndustryLink {
  std::string from, to;  // industry names
  int count = 0;         // industry_up: how often `from` was seen upstream of `to`; parents: 0
};

struct CompanyIndustry {
  std::string company_code;  // six digits
  std::string industry_code;
};

struct ChainkgDataset {
  std::vector<ShenwanIndustry> industries;      // industry.json, in file order
  std::vector<IndustryLink> parents;            // industry_industry.json (上级行业): child → parent
  std::vector<IndustryLink> upstream;           // industry_up.json: upstream → industry, with counts
  ListedCompanies companies;                    // company.json
  std::vector<CompanyIndustry> company_industries;  // company_industry.json (所属行业)
};

// Reads industry.json, industry_industry.json, industry_up.json, company.json and
// company_industry.json from dir (product.json is not read: products are not chain segments).
ChainkgDataset read_chainkg(const std::string& dir);

}  // namespace xinzhi::ingest
