// foresight::PatentReader: what may be read of the imported patents (the heat map's PatentCube
// loads through it; other modules may too). SQLite implements it with PatentStore.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/patents.h"

namespace xinzhi::foresight {

// One stored patent as the heat map counts it. A view: valid only during the call it is
// passed to, so a million patents stream through without a copy of each.
struct PatentFacts {
  int64_t id;
  std::string_view filed_on;                        // YYYY-MM-DD
  std::string_view province, city, applicant_kind;  // of the first applicant
  const std::vector<ingest::PatentCode>& codes;     // in the order of the source
  const std::vector<std::string>& industries;       // the holder's industries, sorted (knowledge-graph patents)
};

// Where stored patents came from, so that every figure drawn from them can name its source:
// the import's name (format:file), its records, their filing dates and when it was imported.
struct PatentSource {
  std::string name;             // "cnipa:cn-vr-2022.csv", "kg:ICKG"
  int64_t records = 0;
  std::string first_filed, last_filed;  // YYYY-MM-DD
  std::string imported_at;      // UTC, ISO 8601 (the import's audit entry); empty when unknown
};

// A patent the site search found.
struct PatentMatch {
  std::string number, title, applicant, filed_on, source;
  std::string subclass;  // the first IPC/CPC subclass, "" when none
};

// One applicant's patents as a capability (the task pool's profiles): how many it filed first,
// when, what they are titled and in which subclasses. Applicants are first-named applicants.
struct ApplicantPatents {
  std::string applicant, kind, province, city;  // kind: ingest::applicant_kind
  int64_t patents = 0;
  std::string first_filed, last_filed;  // YYYY-MM-DD
  std::vector<std::string> titles;      // newest first
  std::vector<std::pair<std::string, int64_t>> subclasses;  // most patents first
};

class PatentReader {
 public:
  virtual ~PatentReader() = default;
  // Patents per filing year (all sources), for checks and the heat map.
  virtual std::map<std::string, int64_t> count_by_year() = 0;
  virtual int64_t count() = 0;
  // Every source with its records, by name.
  virtual std::vector<PatentSource> sources() = 0;
  // The largest patent id, 0 when there is none. Patents are only ever added, so it tells
  // whether a copy loaded earlier is still current.
  virtual int64_t last_id() = 0;
  // Every patent with an id up to `up_to`, in id order, one call each.
  virtual void each_patent(int64_t up_to, const std::function<void(const PatentFacts&)>& visit) = 0;
  // Every patent with an id up to `up_to`, in id order: its title and first applicant (the
  // search box's word index reads them). Views valid during the call only.
  virtual void each_patent_text(int64_t up_to,
                                const std::function<void(int64_t id, std::string_view title, std::string_view applicant)>& visit) = 0;
  // The patents with these ids, in the order given; ids not stored are left out.
  virtual std::vector<PatentMatch> patents_by_id(const std::vector<int64_t>& ids) = 0;
  // Patents whose publication number starts with `key` (text::name_key of the term) or whose
  // title or applicant contains `text` (text::search_text of it): number first, then title
  // prefix, then newest filed.
  virtual std::vector<PatentMatch> find_patents(const std::string& key, const std::string& text, size_t limit) = 0;
  // Universities, institutes and companies placed in `province` with at least `min_patents`
  // patents, most patents first (ties by name), each with its `titles` newest titles and five
  // largest subclasses.
  virtual std::vector<ApplicantPatents> applicants_in(const std::string& province, int64_t min_patents, size_t titles) = 0;
};

}  // namespace xinzhi::foresight
