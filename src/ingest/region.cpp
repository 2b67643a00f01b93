#include "ingest/region.h"

#include <algorithm>

#include "base/error.h"
#include "base/text.h"
#include "ingest/company_origin.h"

namespace xinzhi::ingest {

namespace divisions {
extern const std::string_view provinces_csv, cities_csv, areas_csv;
}

namespace {
// Rows of the bundled CSV: no field holds a comma, names are quoted.
std::vector<std::vector<std::string>> rows(std::string_view csv) {
  std::vector<std::vector<std::string>> out;
  bool header = true;
  for (auto line : text::split(csv, '\n')) {
    line = text::trim(line);
    if (line.empty()) continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> fields;
    for (auto f : text::split(line, ',')) {
      if (f.size() >= 2 && f.front() == '"' && f.back() == '"') f = f.substr(1, f.size() - 2);
      fields.emplace_back(f);
    }
    out.push_back(std::move(fields));
  }
  return out;
}

std::string strip_suffix(const std::string& name, std::initializer_list<const char*> suffixes, size_t min_cp) {
  for (auto s : suffixes)
    if (text::ends_with(name, s)) {
      std::string shorter = name.substr(0, name.size() - std::string_view(s).size());
      return text::codepoints(shorter) >= min_cp ? shorter : "";
    }
  return "";
}

bool is_municipality(const std::string& province_code) {
  return province_code == "11" || province_code == "12" || province_code == "31" || province_code == "50";
}

// Cities whose "name" is a placeholder for a municipality's or province's directly
// administered counties rather than a place.
bool placeholder_city(const std::string& name) {
  return name == "市辖区" || name == "县" || text::ends_with(name, "直辖县级行政区划");
}

// Byte offsets of code-point boundaries in s, up to max_cp code points.
std::vector<size_t> prefix_lengths(std::string_view s, size_t max_cp) {
  std::vector<size_t> out;
  for (size_t i = 1; i <= s.size() && out.size() < max_cp; ++i)
    if (i == s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) out.push_back(i);
  return out;
}
}  // namespace

RegionGazetteer::RegionGazetteer() {
  for (auto& f : rows(divisions::provinces_csv)) provinces_.push_back({f.at(0), f.at(1), "", "", f.at(0)});
  for (auto& f : rows(divisions::cities_csv)) cities_.push_back({f.at(0), f.at(1), "", f.at(2), f.at(2)});
  for (auto& f : rows(divisions::areas_csv)) areas_.push_back({f.at(0), f.at(1), "", f.at(2), f.at(3)});
  for (auto& p : provinces_) {
    p.short_name = strip_suffix(p.name, {"壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市"}, 2);
    by_code_[p.code] = &p;
    province_names_.emplace(p.name, &p);
    if (!p.short_name.empty()) province_names_.emplace(p.short_name, &p);
  }
  for (auto& c : cities_) {
    by_code_[c.code] = &c;
    if (placeholder_city(c.name)) continue;
    c.short_name = strip_suffix(c.name, {"市", "地区", "盟"}, 2);
    city_names_.emplace(c.name, &c);
    if (!c.short_name.empty()) city_names_.emplace(c.short_name, &c);
  }
  for (auto& a : areas_) {
    by_code_[a.code] = &a;
    area_full_names_.emplace(a.name, &a);
    if (text::ends_with(a.name, "自治县") || text::ends_with(a.name, "自治旗")) continue;
    a.short_name = strip_suffix(a.name, {"新区", "区", "县", "市", "旗"}, 2);
    if (a.short_name.empty()) continue;
    area_short_names_.emplace(a.short_name, &a);
    // County-level cities (昆山市, 迁安市) head many firm names without 市: 昆山XX有限公司.
    if (text::ends_with(a.name, "市")) county_city_short_names_.emplace(a.short_name, &a);
  }
  groups_["京津冀"] = {"北京市", "天津市", "河北省"};
  groups_["长三角"] = {"上海市", "江苏省", "浙江省", "安徽省"};
  groups_["珠三角"] = {"广东省"};
  groups_["成渝"] = {"四川省", "重庆市"};
  groups_["东北"] = {"辽宁省", "吉林省", "黑龙江省"};
}

const RegionGazetteer& RegionGazetteer::instance() {
  static const RegionGazetteer g;
  return g;
}

RegionGazetteer::Hit RegionGazetteer::longest(const NameIndex& names,
                                              std::string_view s, const std::string& within_code) const {
  auto lengths = prefix_lengths(s, 12);
  for (auto it = lengths.rbegin(); it != lengths.rend(); ++it) {
    auto [lo, hi] = names.equal_range(s.substr(0, *it));  // heterogeneous: no allocation
    const Place* found = nullptr;
    int matches = 0;
    for (auto m = lo; m != hi; ++m)
      if (text::starts_with(m->second->code, within_code)) found = m->second, ++matches;
    if (matches == 1) return {found, *it};  // an ambiguous name (朝阳区 in two cities) is no evidence
  }
  return {nullptr, 0};
}

Region RegionGazetteer::from_place(const Place* p) const {
  Region r;
  r.province = by_code_.at(p->province_code)->name;
  if (p->code.size() == 4) {  // a city
    r.city = p->name;
  } else if (p->code.size() == 6) {  // a district or county-level city
    const Place* city = by_code_.at(p->parent_code);
    r.city = is_municipality(p->province_code) ? r.province : placeholder_city(city->name) ? p->name : city->name;
    r.district = p->name;
  }
  if (p->code.size() == 2 && is_municipality(p->code)) r.city = r.province;
  return r;
}

void RegionGazetteer::resolve_below(Region& r, std::string_view rest, const Place* province,
                                    const Place* city) const {
  if (!city && !is_municipality(province->code)) {
    if (auto c = longest(city_names_, rest, province->code); c.place) {
      city = c.place;
      r.city = city->name;
      rest = rest.substr(c.length);
    }
  }
  const std::string& within = city ? city->code : province->code;
  auto a = longest(area_full_names_, rest, within);
  if (!a.place) a = longest(area_short_names_, rest, within);
  if (a.place) {
    Region full = from_place(a.place);
    r.city = full.city;
    r.district = full.district;
    return;
  }
  // Tianjin's development zones are part of 滨海新区 and are often named instead of it.
  if (province->code == "12")
    for (auto zone : {"经济技术开发区", "开发区", "泰达", "保税区", "东疆", "中新天津生态城", "生态城", "临港"})
      if (text::starts_with(rest, zone)) {
        r.district = "滨海新区";
        return;
      }
}

// The place a name starts with: province, else city, else district or county-level city.
Region RegionGazetteer::infer_prefix(std::string_view s) const {
  if (text::starts_with(s, "雄安")) return {"河北省", "雄安新区", "", false};
  if (auto p = longest(province_names_, s, ""); p.place) {
    Region r = from_place(p.place);
    resolve_below(r, s.substr(p.length), p.place, nullptr);
    return r;
  }
  if (auto c = longest(city_names_, s, ""); c.place) {
    Region r = from_place(c.place);
    resolve_below(r, s.substr(c.length), by_code_.at(c.place->province_code), c.place);
    return r;
  }
  if (auto a = longest(area_full_names_, s, ""); a.place) return from_place(a.place);
  if (auto a = longest(county_city_short_names_, s, ""); a.place) return from_place(a.place);
  return {};
}

Region RegionGazetteer::infer(std::string_view organisation_name) const {
  std::string s = text::fold_width(organisation_name);
  std::erase_if(s, [](char c) { return c == ' ' || c == '\t'; });
  if (Region r = infer_prefix(s); r.known()) return r;
  // Trade name first, place in brackets: 复瑞医疗科技（上海）有限公司, 中节能(汕头潮南)….
  for (size_t open = s.find('('); open != std::string::npos; open = s.find('(', open + 1)) {
    auto close = s.find(')', open);
    if (close == std::string::npos) break;
    if (Region r = infer_prefix(std::string_view(s).substr(open + 1, close - open - 1)); r.known()) return r;
  }
  // 中国…/国家… names a national body, unless a branch names its place later on:
  // 中国铁路乌鲁木齐局集团有限公司, 中国银行天津分行. Only provinces and cities count here;
  // district names are too often ordinary words.
  for (auto prefix : {"中华人民共和国", "中国", "中华", "中科院", "国家", "国网", "全国"}) {
    if (!text::starts_with(s, prefix)) continue;
    std::string_view rest = std::string_view(s).substr(std::string_view(prefix).size());
    auto cuts = prefix_lengths(rest, 64);
    cuts.insert(cuts.begin(), 0);
    for (auto cut : cuts) {
      std::string_view tail = rest.substr(cut);
      for (auto* names : {&province_names_, &city_names_})
        if (auto hit = longest(*names, tail, ""); hit.place) return infer_prefix(tail);
    }
    Region r;
    r.national = true;
    return r;
  }
  return {};
}

const std::vector<std::string>& RegionGazetteer::group(std::string_view group_name) const {
  static const std::vector<std::string> none;
  auto it = groups_.find(group_name);
  return it == groups_.end() ? none : it->second;
}

std::vector<std::string> RegionGazetteer::group_names() const {
  std::vector<std::string> out;
  for (auto& [name, _] : groups_) out.push_back(name);
  return out;
}

bool RegionScope::is_local(const std::string& province, const std::string& city_name,
                           const std::string& district_name) const {
  if (!district.empty()) return city_name == city && district_name == district;
  if (!city.empty()) return city_name == city;
  return std::find(provinces.begin(), provinces.end(), province) != provinces.end();
}

bool RegionScope::cannot_place(const std::string& province, const std::string& city_name,
                               const std::string& district_name) const {
  if (province.empty()) return true;
  bool in_province = std::find(provinces.begin(), provinces.end(), province) != provinces.end();
  if (city.empty() || !in_province) return false;
  if (city_name.empty()) return true;
  return !district.empty() && city_name == city && district_name.empty();
}

bool RegionScope::is_partner(const std::string& province) const {
  return std::find(partners.begin(), partners.end(), province) != partners.end();
}

RegionScope RegionGazetteer::scope(std::string_view spec_in) const {
  std::string spec(text::trim(spec_in));
  if (spec.empty()) invalid_input("region is empty (a province such as 天津, a city, or a group such as 京津冀)");
  RegionScope r;
  r.label = spec;
  if (auto& g = group(spec); !g.empty()) {
    r.provinces = g;
    return r;
  }
  auto with_partners = [&](const std::string& province) {
    for (auto& [name, members] : groups_)
      if (std::find(members.begin(), members.end(), province) != members.end())
        for (auto& m : members)
          if (m != province) r.partners.push_back(m);
  };
  if (auto p = province_named(spec); !p.empty()) {
    r.label = p;
    r.provinces = {p};
    with_partners(p);
    return r;
  }
  if (auto c = longest(city_names_, spec, ""); c.place && c.length == spec.size()) {
    r.label = c.place->name;
    r.city = c.place->name;
    r.provinces = {by_code_.at(c.place->province_code)->name};
    with_partners(r.provinces[0]);
    return r;
  }
  if (const Place* d = district_named(spec)) {
    Region place = from_place(d);
    r.label = district_label(place);
    r.provinces = {place.province};
    r.city = place.city;
    r.district = place.district;
    with_partners(place.province);
    return r;
  }
  // A data set's own label for a place outside the mainland divisions (台湾, 境外, 美国); any
  // other text names no place ("火星" was accepted and matched nothing).
  if (!is_outside_mainland_label(spec))
    fail_keyed(ErrorCode::InvalidInput, "region_unknown", {{"region", spec}},
               "region '" + spec + "' is not a province, city, district or group (京津冀) nor a place outside the mainland (境外, 台湾, 美国 …)");
  r.provinces = {spec};
  return r;
}

std::string RegionGazetteer::province_named(std::string_view name) const {
  auto it = province_names_.find(std::string(name));
  return it == province_names_.end() ? "" : it->second->name;
}

const RegionGazetteer::Place* RegionGazetteer::district_named(std::string_view spec) const {
  auto unique = [&](std::string_view name, const std::string& within) -> const Place* {
    auto [lo, hi] = area_full_names_.equal_range(name);
    const Place* found = nullptr;
    for (auto it = lo; it != hi; ++it) {
      if (!text::starts_with(it->second->code, within)) continue;
      if (found) return nullptr;  // 朝阳区 alone names two districts
      found = it->second;
    }
    return found;
  };
  auto after_city = [&](std::string_view rest, const std::string& within) -> const Place* {
    auto c = longest(city_names_, rest, within);
    return c.place && c.length < rest.size() ? unique(rest.substr(c.length), c.place->code) : nullptr;
  };
  // The name alone first: 海南区 (乌海) starts with a province's short name; and a city before
  // a province: 吉林市船营区 starts with 吉林, a province's short name.
  if (const Place* d = unique(spec, "")) return d;
  if (const Place* d = after_city(spec, "")) return d;
  if (auto p = longest(province_names_, spec, ""); p.place && p.length < spec.size()) {
    auto rest = spec.substr(p.length);
    if (const Place* d = unique(rest, p.place->code)) return d;
    return after_city(rest, p.place->code);
  }
  return nullptr;
}

// The district after its city (天津市滨海新区, 唐山市迁安市) — a name alone repeats across
// cities — or alone where the gazetteer gives it as its own city (仙桃市).
std::string RegionGazetteer::district_label(const Region& r) const {
  if (r.city == r.district) return r.district;
  std::string label = r.city;
  return label.append(r.district);
}

std::vector<PlaceLabel> RegionGazetteer::places(const std::vector<std::string>& district_provinces) const {
  std::vector<PlaceLabel> out;
  for (const auto& p : provinces_) out.push_back({p.name, p.name, "", ""});
  for (const auto& c : cities_)
    if (!placeholder_city(c.name)) out.push_back({c.name, by_code_.at(c.province_code)->name, c.name, ""});
  for (const auto& a : areas_) {
    const auto& province = by_code_.at(a.province_code)->name;
    if (std::find(district_provinces.begin(), district_provinces.end(), province) == district_provinces.end()) continue;
    Region r = from_place(&a);
    out.push_back({district_label(r), r.province, r.city, r.district});
  }
  return out;
}

}  // namespace xinzhi::ingest
