// ChainTemplate: an industry chain as a user or a data set brings it — segments with stage
// and parent, links upstream → downstream, firms attached to segments — before it is stored.
// Readers for the twchains JSON and for the analyst CSV template (docs/chain-template.md).
#pragma once
#include <string>
#include <vector>

namespace xinzhi::ingest {

struct TemplateSegment {
  std::string name;
  std::string stage;   // 上游 | 中游 | 下游 | "" (computed from links)
  std::string parent;  // "" or the name of the segment this one refines
  std::string where;   // file:line, for error messages
};

struct TemplateLink {
  std::string from, to;  // upstream segment → downstream segment
  std::string kind;      // 上游于, 供给, 包含, link
  std::string where;
};

struct TemplateFirm {
  std::string segment;
  std::string name;
  std::string role;      // how the firm belongs to the segment (涉足行业, 上市 …)
  std::string region;    // province, city, group label, or "" to infer from the name
  std::string listing;   // stock code, if listed
  std::string domain;    // web domain, if given
  int patents = 0;
  std::string where;
  std::string province, city, district;  // resolved from region or the name before storing
};

struct TemplateTie {
  std::string from, to;  // firm names
  std::string kind;      // 供给, 合作, 投资, 母公司/控股, 并购, 合资
};

struct ChainTemplate {
  std::string name;
  std::string origin;  // twchains, template, derived:ICKG25, sample
  std::string description;
  std::string home_region;  // the region an atlas uses when none is given
  std::vector<TemplateSegment> segments;
  std::vector<TemplateLink> links;
  std::vector<TemplateFirm> firms;
  std::vector<TemplateTie> ties;
  std::string where;  // file (and line of its first row)
};

// Throws InvalidInput naming the place for: an empty chain name, a chain without segments,
// a segment defined twice, a stage other than 上游/中游/下游, and a link, parent or firm
// that names an unknown segment.
void check_template(const ChainTemplate& chain);

// ../shared/data/twchains/chains.json: chain → layers (上游 · …) → segments → subs →
// companies. Listed firms (stock code) are placed in region 台湾, the others (web domain)
// in 境外 (outside); the chain's home region is 台湾.
std::vector<ChainTemplate> read_twchains(const std::string& path);

// The analyst template: CSV (UTF-8, BOM allowed) with header
// chain,kind,segment,stage,parent,target,firm,region,role (Chinese headers accepted).
std::vector<ChainTemplate> read_chain_csv(const std::string& path);
// The same template as an Excel workbook (.xlsx, first sheet); rows are Excel row numbers.
std::vector<ChainTemplate> read_chain_xlsx(const std::string& path);

}  // namespace xinzhi::ingest
