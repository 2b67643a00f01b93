// Paper records from the exports CiteSpace and bibliometrix users bring: Web of Science plain
// text (tagged lines, "ER" ends a record) and tab-delimited, Scopus CSV, and CNKI's RefWorks
// and EndNote exports. Keywords, index keywords and subject categories are what the literature
// heat map and keyword bursts count. Errors name file:line.
#pragma once
#include <string>
#include <vector>

namespace xinzhi::ingest {

enum class LiteratureFormat { WosText, WosTab, ScopusCsv, CnkiRefWorks, CnkiEndNote };

struct PaperRecord {
  std::string key;     // WoS UT, Scopus EID, else DOI, else title|year|first author|source: what re-imports match on
  std::string title;
  std::string source;  // journal or proceedings
  std::string doi;
  int year = 0;
  std::vector<std::string> authors;
  std::vector<std::string> keywords;        // author keywords (WoS DE, Scopus Author Keywords, CNKI K1/%K)
  std::vector<std::string> index_keywords;  // WoS Keywords Plus (ID), Scopus Index Keywords
  std::vector<std::string> categories;      // WoS categories (WC); empty elsewhere
  int early_access_year = 0;                // WoS EY / EA: the year of an early-access record without PY
  size_t line = 0;                          // where the record starts
};

struct LiteratureFile {
  LiteratureFormat format;
  std::vector<PaperRecord> records;
};

// "wos", "wos-tab", "scopus", "cnki-refworks", "cnki-endnote"; InvalidInput otherwise.
LiteratureFormat literature_format_named(const std::string& name);
const char* literature_format_name(LiteratureFormat f);
// From the first line: "FN "/"PT " (WoS text), "PT\t" (WoS tab), "Authors" or a quoted
// header with "Title" and "Year" (Scopus), "RT " (RefWorks), "%0 " (EndNote). InvalidInput
// naming what the line looked like otherwise, and for a UTF-16 file (WoS's "Win" export:
// save it as UTF-8).
LiteratureFormat sniff_literature_format(const std::string& path);
// Every record needs a title and a year from 1800 to 2100 (WoS early-access records without PY
// take EY, else EA's year); a record without one is an error naming its line.
LiteratureFile read_literature(const std::string& path, LiteratureFormat format);

// The form keywords are compared in: width folded, ASCII lower case, runs of blanks as one
// space, trimmed ("Virtual Reality", "virtual  reality", "ＶＲ" → "virtual reality", "vr").
std::string keyword_key(const std::string& keyword);

}  // namespace xinzhi::ingest
