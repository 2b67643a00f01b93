#include "modules/foresight/patent_import.h"

#include <cstdio>

#include <chrono>
#include <functional>

#include "base/error.h"
#include "ingest/region.h"
#include "modules/foresight/short_string_ids.h"

namespace xinzhi::foresight {

namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// Reads and checks the file record by record, places each first applicant and hands the
// record on; fills the report's counts.
void read_patents(const std::string& path, const std::string& format, bool skip_bad, const std::string& map,
                  PatentImportReport& r, const std::function<void(StoredPatent&&)>& sink) {
  auto started = std::chrono::steady_clock::now();
  if (!map.empty() && format != "csv") invalid_input("--map goes with --format csv");
  if (map.empty() && format == "csv")
    invalid_input("--format csv needs --map number=COLUMN,date=COLUMN,codes=COLUMN[,applicant=COLUMN][,title=COLUMN]");
  r = PatentImportReport{path, format, 0, 0, 0, 0, 0, {}, {}};
  const auto& gazetteer = ingest::RegionGazetteer::instance();
  std::string year;
  size_t year_count = 0;
  auto take = [&](ingest::PatentRecord&& rec) {
    ++r.read;
    // Exports are mostly in date order: count runs of one year before touching the map.
    if (rec.date.compare(0, 4, year) != 0) {
      if (year_count) r.by_year[year] += year_count;
      year = rec.date.substr(0, 4), year_count = 0;
    }
    ++year_count;
    r.codes += rec.codes.size();
    for (const auto& c : rec.codes) r.codes_without_group += c.group.empty();
    r.records_without_codes += rec.codes.empty();
    auto region = rec.applicants.empty() ? ingest::Region{} : gazetteer.infer(rec.applicants.front());
    sink({std::move(rec), region.province, region.city});
  };
  if (format == "cnipa")
    r.skipped = ingest::read_patent_csv(path, ingest::PatentCsvMapping::cnipa(), skip_bad, take);
  else if (format == "jsonl")
    r.skipped = ingest::read_patent_jsonl(path, skip_bad, take);
  else if (format == "csv")
    r.skipped = ingest::read_patent_csv(path, ingest::PatentCsvMapping::parse(map), skip_bad, take);
  else
    invalid_input("format '" + format + "' is not cnipa, jsonl or csv");
  if (year_count) r.by_year[year] += year_count;
  r.read_seconds = seconds_since(started);
}

}  // namespace

PatentImportReport import_patents(PatentStore& store, const std::string& path, const std::string& format,
                                  bool skip_bad, const std::string& map) {
  PatentImportReport r;
  std::vector<StoredPatent> patents;
  read_patents(path, format, skip_bad, map, r, [&](StoredPatent&& p) { patents.push_back(std::move(p)); });
  auto writing = std::chrono::steady_clock::now();
  r.added = store.add(patents, format + ":" + path.substr(path.find_last_of('/') + 1));
  r.write_seconds = seconds_since(writing);
  return r;
}

std::shared_ptr<const PatentCube> cube_from_file(const std::string& path, const std::string& format,
                                                 const std::string& map, PatentImportReport& r) {
  auto cube = std::make_shared<PatentCube>();
  ShortStringIds seen;
  read_patents(path, format, false, map, r, [&](StoredPatent&& p) {
    if (!seen.insert(p.record.number).second) return;  // as the database does: one record per number
    const auto& d = p.record.date;  // YYYY-MM-DD
    auto digit = [&](size_t i) { return static_cast<uint32_t>(d[i] - '0'); };
    uint32_t yyyymmdd = ((digit(0) * 10 + digit(1)) * 10 + digit(2)) * 10 + digit(3);
    yyyymmdd = yyyymmdd * 10000 + (digit(5) * 10 + digit(6)) * 100 + digit(8) * 10 + digit(9);
    cube->add(yyyymmdd, p.province, p.city,
              ingest::applicant_kind(p.record.applicants.empty() ? std::string() : p.record.applicants.front()),
              p.record.codes);
    ++r.added;
  });
  // Read straight from a file: the file is the source, and it was never imported.
  auto date = [](uint32_t d) {
    char buf[16];
    snprintf(buf, sizeof buf, "%04u-%02u-%02u", d / 10000, d / 100 % 100, d % 100);
    return std::string(buf);
  };
  std::string name = format;
  name.append(":").append(path.substr(path.find_last_of('/') + 1));
  if (cube->size())
    cube->set_sources({{name, static_cast<int64_t>(cube->size()), date(cube->first_date()), date(cube->last_date()), ""}});
  return cube;
}

void write_json(JsonWriter& w, const PatentImportReport& r) {
  w.begin_object().field("file", r.file).field("format", r.format).field("read", uint64_t{r.read})
      .field("added", uint64_t{r.added}).field("codes", uint64_t{r.codes})
      .field("codes_without_group", uint64_t{r.codes_without_group})
      .field("records_without_codes", uint64_t{r.records_without_codes}).field("skipped", uint64_t{r.skipped.size()});
  w.key("skipped_rows").begin_array();
  for (size_t i = 0; i < r.skipped.size() && i < 20; ++i) w.value(r.skipped[i]);
  w.end_array().key("by_year").begin_object();
  for (const auto& [y, n] : r.by_year) w.field(y, uint64_t{n});
  w.end_object().end_object();
}

GraphPatents import_graph_patents(PatentStore& store, kg::GraphReader& graph) {
  GraphPatents out;
  auto industries_of = graph.industries_of_companies();
  static const std::vector<std::string> none;
  std::vector<StoredPatent> patents;
  std::vector<std::vector<std::string>> patent_industries;
  std::string last_key;
  for (const auto& h : graph.patent_holdings()) {  // the first holder of each patent comes first
    if (h.sample) {
      ++out.sample_skipped;
      continue;
    }
    std::string key = "ickg:" + h.source + ":" + h.patent_ext_id;
    if (key == last_key) continue;  // a later holder of the same patent
    last_key = key;
    ++out.read;
    if (h.observed_on.size() != 10) {
      ++out.undated;
      continue;
    }
    ingest::PatentRecord r;
    r.number = key;
    r.date = h.observed_on;
    r.title = h.patent_title;
    r.applicants = {h.holder_name};
    auto it = industries_of.find(h.holder_id);
    const auto& names = it == industries_of.end() ? none : it->second;
    patents.push_back({std::move(r), h.holder_province, h.holder_city});
    patent_industries.push_back(names);
    out.with_industry += !names.empty();
  }
  out.added = store.add_with_industries(patents, patent_industries, "kg:ICKG");
  return out;
}

}  // namespace xinzhi::foresight
