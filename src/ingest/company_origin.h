// What a company name without a place says about the company: a foreign firm (境外, with its
// country where the name or a well-known-firm list says it) or a generic class of actors
// (餐饮外卖平台, 电池厂商, 某新能源车企) rather than one firm. Rules and their measured effect
// on ICKG25 are in docs/data.md ("Entity resolution"); they apply only to names whose place
// the gazetteer could not find.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace xinzhi::ingest {

struct ForeignOrigin {
  std::string country;  // 美国, 日本, 中国香港 …; a region (欧洲) or empty when only the legal form says foreign
  std::string rule;     // country_prefix, country_in_brackets, legal_form, known_foreign_firm
};

// The province label foreign firms get, as in twchains (the chain atlas counts it as foreign).
inline constexpr std::string_view kForeignProvince = "境外";

std::optional<ForeignOrigin> foreign_origin(std::string_view name);
// Whether a region label names a place outside the mainland divisions that data sets use as a
// province: 境外, a country or region of the list above (美国, 中国香港, 台湾, 欧洲 …).
bool is_outside_mainland_label(std::string_view label);

// Tells generic actors from firms. A name is generic when it ends in a class noun (企业, 厂商,
// 车企, 运营商, 供应商, 平台, 机构 …) and everything before it is generic vocabulary:
// qualifiers (国产, 头部, 上游, 本地 …), countries, or industry terms (the knowledge graph's own
// industry names without 行业/产业). 公司, 集团 and 银行 also name single firms (英国石油公司,
// 交通银行, 航天科技集团), so they count only after an indefinite or plural marker (某, 18家,
// 头部, 中小, 股份制 …). Registered legal forms (有限公司, 合伙企业 …) are never generic.
class GenericActorRule {
 public:
  explicit GenericActorRule(const std::vector<std::string>& industry_names);
  bool is_generic(std::string_view name) const;

 private:
  bool covered(std::string_view s) const;  // s is a sequence of vocabulary words
  std::unordered_set<std::string> vocabulary_;
  size_t longest_word_ = 0;  // in bytes
};

}  // namespace xinzhi::ingest
