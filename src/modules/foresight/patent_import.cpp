#include "modules/foresight/patent_import.h"

#include <chrono>
#include <unordered_set>

#include "base/error.h"
#include "ingest/region.h"

namespace xinzhi::foresight {

namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// Reads and checks the whole file and places each first applicant; fills the report's counts.
std::vector<StoredPatent> read_patents(const std::string& path, const std::string& format, bool skip_bad,
                                       const std::string& map, PatentImportReport& r) {
  auto started = std::chrono::steady_clock::now();
  ingest::PatentFile file;
  if (!map.empty() && format != "csv") invalid_input("--map goes with --format csv");
  if (map.empty() && format == "csv")
    invalid_input("--format csv needs --map number=COLUMN,date=COLUMN,codes=COLUMN[,applicant=COLUMN][,title=COLUMN]");
  if (format == "cnipa")
    file = ingest::read_cnipa(path, skip_bad);
  else if (format == "jsonl")
    file = ingest::read_patent_jsonl(path, skip_bad);
  else if (format == "csv")
    file = ingest::read_patent_csv(path, ingest::PatentCsvMapping::parse(map), skip_bad);
  else
    invalid_input("format '" + format + "' is not cnipa, jsonl or csv");
  r = PatentImportReport{path, format, file.records.size(), 0, 0, 0, 0, std::move(file.skipped), {}};
  const auto& gazetteer = ingest::RegionGazetteer::instance();
  std::vector<StoredPatent> patents;
  patents.reserve(file.records.size());
  for (auto& rec : file.records) {
    ++r.by_year[rec.date.substr(0, 4)];
    r.codes += rec.codes.size();
    for (const auto& c : rec.codes) r.codes_without_group += c.group.empty();
    r.records_without_codes += rec.codes.empty();
    auto region = rec.applicants.empty() ? ingest::Region{} : gazetteer.infer(rec.applicants.front());
    patents.push_back({std::move(rec), region.province, region.city});
  }
  r.read_seconds = seconds_since(started);
  return patents;
}

}  // namespace

PatentImportReport import_patents(PatentStore& store, const std::string& path, const std::string& format,
                                  bool skip_bad, const std::string& map) {
  PatentImportReport r;
  auto patents = read_patents(path, format, skip_bad, map, r);
  auto writing = std::chrono::steady_clock::now();
  r.added = store.add(patents, format + ":" + path.substr(path.find_last_of('/') + 1));
  r.write_seconds = seconds_since(writing);
  return r;
}

std::shared_ptr<const PatentCube> cube_from_file(const std::string& path, const std::string& format,
                                                 const std::string& map, PatentImportReport& r) {
  auto patents = read_patents(path, format, false, map, r);
  auto cube = std::make_shared<PatentCube>();
  std::unordered_set<std::string_view> seen;
  seen.reserve(patents.size());
  for (const auto& p : patents) {
    if (!seen.insert(p.record.number).second) continue;  // as the database does: one record per number
    const auto& d = p.record.date;  // YYYY-MM-DD
    auto yyyymmdd = static_cast<uint32_t>(std::stoul(d.substr(0, 4)) * 10000 + std::stoul(d.substr(5, 2)) * 100 +
                                          std::stoul(d.substr(8, 2)));
    cube->add(yyyymmdd, p.province, p.city,
              ingest::applicant_kind(p.record.applicants.empty() ? std::string() : p.record.applicants.front()),
              p.record.codes);
    ++r.added;
  }
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

}  // namespace xinzhi::foresight
