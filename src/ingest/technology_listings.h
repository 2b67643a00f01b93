// Overseas technology listings as offices publish them: NASA's patent portfolio export
// (`;`-separated, UTF-8 BOM: Center;Status;Case Number;Application SN;Title;Patent Expiration
// Date; dates as "10 March 2015" or "06/16/2024") and Xinzhi's own listing CSV (a header row;
// ref and title required, the rest optional), read into one record shape for the transfer desk.
#pragma once
#include <string>
#include <vector>

namespace xinzhi::ingest {

struct TechnologyListing {
  std::string ref;            // the owner's case number, unique per source ("ARC-14048-1")
  std::string owner;          // who offers it ("NASA Ames Research Center")
  std::string country;        // ISO 3166 alpha-2 of the owner ("US")
  std::string title, title_zh, summary;
  std::string patent_status;  // as the source says it ("Issued", "Application", "GM")
  std::string ip_status;      // granted, pending or unknown
  std::string application;    // patent application number ("13/033,085"), "" when none
  std::string expires;        // YYYY-MM-DD, "" when the source gives none
  int trl = 0;                // technology readiness 1–9 (GB/T 22900), 0 = not stated
  std::string licence;        // licence terms as offered, "" when not stated
  size_t line = 0;            // where the record began in its file
};

enum class ListingFormat { Nasa, Xinzhi };

// Every listing of the file, in file order. InvalidInput naming file:line and the field for a
// missing column, an empty case number or title, a date or TRL that does not parse, or a case
// number given twice; nothing is returned then.
std::vector<TechnologyListing> read_technology_listings(const std::string& path, ListingFormat format);

// "10 March 2015", "06/16/2024" (month/day/year) or "2015-03-10" → "2015-03-10"; "" for "" and
// false for anything else.
bool parse_listing_date(const std::string& text, std::string& iso);

}  // namespace xinzhi::ingest
