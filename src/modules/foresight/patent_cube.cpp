#include "modules/foresight/patent_cube.h"

#include <map>
#include <mutex>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "base/error.h"
#include "ingest/region.h"
#include "modules/foresight/patent_store.h"

namespace xinzhi::foresight {

namespace {
const char* const kKinds[] = {"", "company", "university", "institute", "individual"};

uint8_t kind_code(std::string_view kind) {
  for (uint8_t i = 0; i < std::size(kKinds); ++i)
    if (kind == kKinds[i]) return i;
  return 0;
}

// YYYY-MM-DD as the number YYYYMMDD. Stored dates are checked on import, so the digits are
// read directly (a million patents load); anything else takes the general conversion.
uint32_t yyyymmdd(std::string_view d) {
  auto digit = [&](size_t i) { return d.size() > i && d[i] >= '0' && d[i] <= '9'; };
  if (digit(0) && digit(1) && digit(2) && digit(3) && digit(5) && digit(6) && digit(8) && digit(9)) {
    auto at = [&](size_t i) { return static_cast<uint32_t>(d[i] - '0'); };
    return ((((((at(0) * 10 + at(1)) * 10 + at(2)) * 10 + at(3)) * 10 + at(5)) * 10 + at(6)) * 10 + at(8)) * 10 + at(9);
  }
  std::string s(d);
  return static_cast<uint32_t>(std::stoul(s.substr(0, 4) + s.substr(5, 2) + s.substr(8, 2)));
}
}  // namespace

CodeLevel code_level_named(const std::string& name) {
  if (name == "section") return CodeLevel::Section;
  if (name == "class") return CodeLevel::Class;
  if (name == "subclass") return CodeLevel::Subclass;
  if (name == "group") return CodeLevel::Group;
  if (name == "industry") return CodeLevel::Industry;
  invalid_input("level '" + name + "' is not section, class, subclass, group or industry");
}

uint32_t PatentCube::level_id(int level, const std::string& name) {
  auto [it, added] = level_ids_[level].try_emplace(name, static_cast<uint32_t>(level_names_[level].size()));
  if (added) level_names_[level].push_back(name);
  return it->second;
}

uint32_t PatentCube::code_id(const ingest::PatentCode& c) {
  // A code whose group was malformed in the source stays at subclass level, also as a "group".
  const std::string& finest = c.group.empty() ? c.subclass : c.group;
  auto [id, added] = code_ids_.insert(finest);
  if (added) {
    code_level_[0].push_back(level_id(0, c.subclass.substr(0, 1)));
    code_level_[1].push_back(level_id(1, c.subclass.substr(0, 3)));
    code_level_[2].push_back(level_id(2, c.subclass));
    code_level_[3].push_back(level_id(3, finest));
  }
  return id;
}

void PatentCube::add(uint32_t yyyymmdd, std::string_view province, std::string_view city, std::string_view kind,
                     const std::vector<ingest::PatentCode>& codes, const std::vector<std::string>& industries) {
  if (date_.empty() || province != last_province_ || city != last_city_) {
    std::string place_key = std::string(province) + '\x1f' + std::string(city);
    auto [it, added] = place_ids_.try_emplace(place_key, static_cast<uint16_t>(places_.size()));
    if (added) {
      if (places_.size() == UINT16_MAX) invalid_input("more than 65,535 distinct applicant places");
      places_.emplace_back(province, city);
    }
    last_province_ = province, last_city_ = city, last_place_ = it->second;
  }
  int year = static_cast<int>(yyyymmdd / 10000);
  if (date_.empty() || year < first_year_) first_year_ = year;
  if (date_.empty() || year > last_year_) last_year_ = year;
  if (date_.empty() || yyyymmdd < first_date_) first_date_ = yyyymmdd;
  if (date_.empty() || yyyymmdd > last_date_) last_date_ = yyyymmdd;
  date_.push_back(yyyymmdd);
  place_.push_back(last_place_);
  kind_.push_back(kind_code(kind));
  for (const auto& c : codes) code_.push_back(code_id(c));
  offsets_.push_back(code_.size());
  for (const auto& name : industries) {
    uint32_t id = level_id(4, name);
    if (id == industry_identity_.size()) industry_identity_.push_back(id);
    industry_.push_back(id);
  }
  industry_offsets_.push_back(industry_.size());
}

series::ClassifiedRecords PatentCube::classify(CodeLevel level, const series::PeriodAxis& axis,
                                               const CubeFilter& filter) const {
  std::vector<char> place_in(places_.size(), 1);
  if (!filter.region.empty()) {
    auto scope = ingest::RegionGazetteer::instance().scope(filter.region);
    // A patent is placed by its applicant's province and city only: a district would match none.
    if (!scope.district.empty())
      fail_keyed(ErrorCode::InvalidInput, "region_district_for_patents", {{"region", scope.label}},
                 "patents are placed by province and city only; '" + scope.label + "' is a district");
    for (size_t i = 0; i < places_.size(); ++i) place_in[i] = scope.is_local(places_[i].first, places_[i].second);
  }
  uint8_t kind = 0;
  if (!filter.applicant_kind.empty()) {
    kind = kind_code(filter.applicant_kind);
    if (kind == 0) invalid_input("applicant kind '" + filter.applicant_kind + "' is not company, university, institute or individual");
  }
  // Only the period is computed per record; codes stay where they are, mapped to fields at
  // the level through the cube's table.
  series::ClassifiedRecords out;
  out.period.resize(date_.size());
  const bool filtered = !filter.region.empty() || kind;
  tbb::parallel_for(tbb::blocked_range<size_t>(0, date_.size(), 1 << 16), [&](const tbb::blocked_range<size_t>& range) {
    if (!filtered) {
      for (size_t i = range.begin(); i < range.end(); ++i) out.period[i] = axis.index_of(date_[i]);
      return;
    }
    for (size_t i = range.begin(); i < range.end(); ++i)
      out.period[i] = (!place_in[place_[i]] || (kind && kind_[i] != kind)) ? series::ClassifiedRecords::kOutside
                                                                           : axis.index_of(date_[i]);
  });
  if (level == CodeLevel::Industry) {
    out.borrow = {industry_offsets_.data(), industry_.data(), industry_identity_.data(), industry_identity_.size()};
  } else {
    const auto& to_field = code_level_[static_cast<int>(level)];
    out.borrow = {offsets_.data(), code_.data(), to_field.data(), to_field.size()};
  }
  return out;
}

std::shared_ptr<const PatentCube> PatentCube::of(store::Database& db) {
  auto patents = sql_patent_store(db);
  return of(*patents, db.path());
}

std::shared_ptr<const PatentCube> PatentCube::of(PatentReader& patents, const std::string& database) {
  // Patents are only ever added, so the largest id tells whether a cached cube is current.
  static std::mutex mutex;
  static std::map<std::string, std::pair<int64_t, std::shared_ptr<const PatentCube>>> cache;
  int64_t version = patents.last_id();
  std::lock_guard lock(mutex);
  auto& entry = cache[database];
  // A cube as new as this caller's view, or newer (a later reader loaded it), serves it: going
  // back to an older one would only make the next caller load the newer again.
  if (entry.second && entry.first >= version) return entry.second;
  entry = {version, load(patents, version)};
  return entry.second;
}

std::shared_ptr<const PatentCube> PatentCube::load(PatentReader& patents, int64_t up_to) {
  auto cube = std::make_shared<PatentCube>();
  patents.each_patent(up_to, [&](const PatentFacts& p) {
    cube->add(yyyymmdd(p.filed_on), p.province, p.city, p.applicant_kind, p.codes, p.industries);
  });
  // Read after the patents: a source imported in between can only add records beyond up_to,
  // and the cube is reloaded then (last_id changes).
  cube->set_sources(patents.sources());
  return cube;
}

}  // namespace xinzhi::foresight
