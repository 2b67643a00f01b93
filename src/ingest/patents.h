// Patent records from the exports analysts have: CNIPA bibliographic CSV (UTF-8 BOM, trailing
// comma, 申请日 YYYYMMDD, IPC codes " | "-separated and padded like "G09B  9/00") and JSON Lines
// (patent_id, publication_date, cpc, abstract, optional applicant(s)), and any CSV with a column
// mapping. Codes are normalised to subclass and group.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace xinzhi::ingest {

struct PatentCode {
  std::string subclass;  // G09B
  std::string group;     // G09B 9/00, or empty when the source's group is malformed
};

struct PatentRecord {
  std::string number;  // publication number, the key for de-duplication
  std::string date;    // YYYY-MM-DD (filing date for CNIPA, publication date for JSON Lines)
  std::string title;
  std::vector<std::string> applicants;
  std::vector<PatentCode> codes;
};

struct PatentFile {
  std::vector<PatentRecord> records;
  std::vector<std::string> skipped;  // "file:line: why", when bad rows are skipped
};

// "G09B  9/00", "B65D17/28", "H04N 5/225" → {G09B, G09B 9/00}; false if not even the subclass
// is a code (sections A–H and CPC's Y).
bool normalise_code(const std::string& text, PatentCode& out);

// What kind of body an applicant is, from its name, first match wins: university (大学,
// University), institute (研究院/所, 科学院, 实验室, Institute, Laboratory), university (学院,
// College), company (公司, 集团, 厂, Inc, Corp, Ltd, LLC, GmbH, AG …), individual otherwise;
// empty for an empty name.
// Migration foresight/2 backfills the same rules in SQL.
std::string applicant_kind(const std::string& name);

// Which columns of a CSV hold what; title and applicant may be empty (absent).
struct PatentCsvMapping {
  std::string number, date, codes, applicant, title;
  static PatentCsvMapping cnipa();  // 公开号, 申请日, 国际分类, 申请人, 标题
  // "number=COL,date=COL,codes=COL[,applicant=COL][,title=COL]"; errors name the bad entry.
  static PatentCsvMapping parse(const std::string& spec);
};

// With skip_bad, a bad row is listed in `skipped` instead of stopping the read. A CSV row needs
// a number, a calendar date and at least one code; codes are separated by |, ; or ,.
PatentFile read_patent_csv(const std::string& path, const PatentCsvMapping& map, bool skip_bad);
PatentFile read_cnipa(const std::string& path, bool skip_bad);
PatentFile read_patent_jsonl(const std::string& path, bool skip_bad);

// The same, one record at a time, for files too large to hold as records; returns the
// skipped rows' "file:line: why".
using PatentSink = std::function<void(PatentRecord&&)>;
std::vector<std::string> read_patent_csv(const std::string& path, const PatentCsvMapping& map, bool skip_bad,
                                         const PatentSink& sink);
std::vector<std::string> read_patent_jsonl(const std::string& path, bool skip_bad, const PatentSink& sink);

}  // namespace xinzhi::ingest
