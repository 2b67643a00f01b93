#include "ingest/patents.h"

#include <chrono>
#include <map>
#include <memory>

#include "base/error.h"
#include "base/text.h"
#include "ingest/table_reader.h"

#include <tbb/parallel_pipeline.h>

namespace xinzhi::ingest {

bool normalise_code(const std::string& text_in, PatentCode& out) {
  std::string s;
  s.reserve(text_in.size());
  for (char c : text_in)
    if (c != ' ') s.push_back(c);
  // Section letter, two-digit class, subclass letter, then main group / subgroup.
  // Sections A–H, and Y for CPC's cross-sectional tags (Y02P 90/02 appears in CNIPA exports too).
  if (s.size() < 4 || ((s[0] < 'A' || s[0] > 'H') && s[0] != 'Y') || !isdigit(static_cast<unsigned char>(s[1])) ||
      !isdigit(static_cast<unsigned char>(s[2])) || s[3] < 'A' || s[3] > 'Z')
    return false;
  out.subclass = s.substr(0, 4);
  out.group.clear();
  if (s.size() == 4) return true;
  auto slash = s.find('/');
  std::string main = s.substr(4, slash == std::string::npos ? std::string::npos : slash - 4);
  std::string sub = slash == std::string::npos ? "00" : s.substr(slash + 1);
  // A malformed group after a valid subclass (USPTO data has "G11B/85") keeps the subclass
  // and leaves the group unknown; the import report counts such codes.
  if (main.empty() || main.find_first_not_of("0123456789") != std::string::npos || sub.empty() ||
      sub.find_first_not_of("0123456789") != std::string::npos)
    return true;
  out.group = out.subclass + " " + std::to_string(std::stoi(main)) + "/" + sub;
  return true;
}

namespace {
// YYYYMMDD, YYYY-MM-DD, YYYY/MM/DD or YYYY.MM.DD that is a calendar date, as YYYY-MM-DD; else "".
std::string iso_date(const std::string& s) {
  std::string d;
  d.reserve(s.size());
  for (char c : s)
    if (c != '-' && c != '/' && c != '.') d.push_back(c);
  if (d.size() != 8 || d.find_first_not_of("0123456789") != std::string::npos) return "";
  std::chrono::year_month_day ymd{std::chrono::year(std::stoi(d.substr(0, 4))),
                                  std::chrono::month(static_cast<unsigned>(std::stoi(d.substr(4, 2)))),
                                  std::chrono::day(static_cast<unsigned>(std::stoi(d.substr(6, 2))))};
  if (!ymd.ok()) return "";
  return d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
}

// Stops at the first bad row, or lists it and goes on.
struct RowErrors {
  const std::string& path;
  bool skip;
  std::vector<std::string>& skipped;
  bool bad(size_t line, const std::string& why) {
    std::string where = path + ":" + std::to_string(line) + ": " + why;
    if (!skip) invalid_input(where + " (use --skip-bad to skip such rows and count them)");
    skipped.push_back(where);
    return true;
  }
};
}  // namespace

PatentCsvMapping PatentCsvMapping::cnipa() { return {"公开号", "申请日", "国际分类", "申请人", "标题"}; }

PatentCsvMapping PatentCsvMapping::parse(const std::string& spec) {
  // "number=Publication Number,date=Filing Date,codes=IPC,applicant=Applicant,title=Title"
  PatentCsvMapping m{"", "", "", "", ""};
  for (auto part : text::split(spec, ',')) {
    auto eq = part.find('=');
    if (eq == std::string_view::npos) invalid_input("--map entry '" + std::string(part) + "' is not KEY=COLUMN");
    std::string key(text::trim(part.substr(0, eq))), column(text::trim(part.substr(eq + 1)));
    std::string* target = key == "number" ? &m.number : key == "date" ? &m.date : key == "codes" ? &m.codes
                          : key == "applicant" ? &m.applicant : key == "title" ? &m.title : nullptr;
    if (!target) invalid_input("--map key '" + key + "' is not number, date, codes, applicant or title");
    if (column.empty()) invalid_input("--map key '" + key + "' names no column");
    *target = column;
  }
  for (auto [key, value] : {std::pair{"number", &m.number}, {"date", &m.date}, {"codes", &m.codes}})
    if (value->empty()) invalid_input(std::string("--map needs ") + key + "=COLUMN");
  return m;
}

namespace {
// The header line's most frequent separator among , ; and tab.
char sniff_delimiter(const std::string& path) {
  LineReader lines(path);
  std::string header;
  if (!lines.next(header)) return ',';
  size_t comma = 0, semicolon = 0, tab = 0;
  for (char c : header) comma += c == ',', semicolon += c == ';', tab += c == '\t';
  return semicolon > comma && semicolon >= tab ? ';' : tab > comma ? '\t' : ',';
}
}  // namespace

std::vector<std::string> read_patent_csv(const std::string& path, const PatentCsvMapping& map, bool skip_bad,
                                         const PatentSink& sink) {
  TableReader in(path, TableFormat::Csv, sniff_delimiter(path));
  PatentFile file;
  RowErrors errors{path, skip_bad, file.skipped};
  std::vector<std::string> f;
  if (!in.next(f)) invalid_input(path + ": the file is empty");
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < f.size(); ++i) col[std::string(text::trim(f[i]))] = i;
  const bool cnipa = map.number == "公开号";
  for (const auto* need : {&map.number, &map.date, &map.codes, &map.applicant, &map.title})
    if (!need->empty() && !col.count(*need))
      in.fail_here("missing column '" + *need + "'" + (cnipa ? " (not a CNIPA export?)" : ""));
  // Column positions once, not a map lookup per field per row.
  constexpr size_t kAbsent = SIZE_MAX;
  auto position = [&](const std::string& name) { return name.empty() ? kAbsent : col.at(name); };
  const size_t number_at = position(map.number), date_at = position(map.date), codes_at = position(map.codes),
               applicant_at = position(map.applicant), title_at = position(map.title);
  const size_t width = f.size();

  // One row to a record, or the reason it is bad. Rows are converted in parallel; records and
  // errors then go out in file order, so that a bad row stops the read exactly as before.
  auto convert = [&, number_at, date_at, codes_at, applicant_at, title_at](std::vector<std::string>& row,
                                                                           PatentRecord& r) -> std::string {
    static const std::string none;
    auto field = [&](size_t at) -> const std::string& { return at == kAbsent ? none : row[at]; };
    // CNIPA ends every row with a comma: one more, empty, field than the header.
    if (row.size() == width + 1 && row.back().empty()) row.pop_back();
    if (row.size() != width) return "expected " + std::to_string(width) + " fields, found " + std::to_string(row.size());
    r.number = std::string(text::trim(field(number_at)));
    r.title = field(title_at);
    r.date = iso_date(std::string(text::trim(field(date_at))));
    if (r.number.empty()) return map.number + " is empty";
    if (r.date.empty()) return map.date + " '" + field(date_at) + "' is not a calendar date (YYYYMMDD or YYYY-MM-DD)";
    // Codes are separated by "|" in CNIPA exports, by ";" or "," in others (inside quotes).
    std::string codes = field(codes_at);
    for (char& c : codes)
      if (c == ';' || c == ',') c = '|';
    for (auto part : text::split(codes, '|')) {
      std::string code(text::trim(part));
      if (code.empty()) continue;
      PatentCode c;
      if (!normalise_code(code, c)) return map.codes + " '" + code + "' is not an IPC code";
      r.codes.push_back(std::move(c));
    }
    if (r.codes.empty()) return map.codes + " is empty: a record needs at least one IPC code";
    for (auto part : text::split(field(applicant_at), '|'))
      if (auto a = text::trim(part); !a.empty()) r.applicants.emplace_back(a);
    return "";
  };

  struct Batch {
    std::vector<std::vector<std::string>> rows;
    std::vector<size_t> lines;
    std::vector<PatentRecord> records;
    std::vector<std::string> errors;
  };
  constexpr size_t kBatchRows = 4096;
  // Batches travel through the pipeline as plain pointers and are owned here: when a bad row
  // stops the read, oneTBB drops the items in flight without destroying them.
  std::vector<std::unique_ptr<Batch>> owned;
  bool more = true;
  tbb::parallel_pipeline(
      4,
      tbb::make_filter<void, Batch*>(tbb::filter_mode::serial_in_order,
                                     [&](tbb::flow_control& fc) -> Batch* {
                                       if (!more) {
                                         fc.stop();
                                         return nullptr;
                                       }
                                       Batch* b = owned.emplace_back(std::make_unique<Batch>()).get();
                                       b->rows.reserve(kBatchRows);
                                       while (b->rows.size() < kBatchRows && (more = in.next(f))) {
                                         b->rows.push_back(std::move(f));
                                         b->lines.push_back(in.line_number());
                                         f.clear();
                                       }
                                       return b;
                                     }) &
          tbb::make_filter<Batch*, Batch*>(tbb::filter_mode::parallel,
                                           [&](Batch* b) {
                                             b->records.resize(b->rows.size());
                                             b->errors.resize(b->rows.size());
                                             for (size_t i = 0; i < b->rows.size(); ++i)
                                               b->errors[i] = convert(b->rows[i], b->records[i]);
                                             b->rows = {};
                                             return b;
                                           }) &
          tbb::make_filter<Batch*, void>(tbb::filter_mode::serial_in_order, [&](Batch* b) {
            for (size_t i = 0; i < b->records.size(); ++i) {
              if (!b->errors[i].empty()) {
                errors.bad(b->lines[i], b->errors[i]);
                continue;
              }
              sink(std::move(b->records[i]));
            }
            *b = Batch{};  // the batch's memory back now, the (empty) batch at the end
          }));
  return std::move(file.skipped);
}

namespace {
PatentFile collect(const std::function<std::vector<std::string>(const PatentSink&)>& read) {
  PatentFile file;
  file.skipped = read([&](PatentRecord&& r) { file.records.push_back(std::move(r)); });
  return file;
}
}  // namespace

PatentFile read_patent_csv(const std::string& path, const PatentCsvMapping& map, bool skip_bad) {
  return collect([&](const PatentSink& sink) { return read_patent_csv(path, map, skip_bad, sink); });
}

PatentFile read_cnipa(const std::string& path, bool skip_bad) {
  return read_patent_csv(path, PatentCsvMapping::cnipa(), skip_bad);
}

PatentFile read_patent_jsonl(const std::string& path, bool skip_bad) {
  return collect([&](const PatentSink& sink) { return read_patent_jsonl(path, skip_bad, sink); });
}

std::vector<std::string> read_patent_jsonl(const std::string& path, bool skip_bad, const PatentSink& sink) {
  JsonLinesReader in(path);
  PatentFile file;
  RowErrors errors{path, skip_bad, file.skipped};
  nlohmann::json v;
  while (true) {
    bool more;
    try {
      more = in.next(v);
    } catch (const Error& e) {
      if (!skip_bad) throw;
      file.skipped.push_back(e.what());
      continue;
    }
    if (!more) break;
    size_t line = in.line_number();
    if (!v.is_object() || !v.contains("patent_id") || !v["patent_id"].is_string()) {
      errors.bad(line, "field 'patent_id' is missing or not a string");
      continue;
    }
    PatentRecord r;
    r.number = v["patent_id"].get<std::string>();
    r.date = v.contains("publication_date") && v["publication_date"].is_string()
                 ? iso_date(v["publication_date"].get<std::string>())
                 : "";
    if (r.date.empty() && errors.bad(line, "field 'publication_date' is missing or not YYYY-MM-DD")) continue;
    bool ok = true;
    if (v.contains("cpc") && v["cpc"].is_array())
      for (const auto& c : v["cpc"]) {
        PatentCode code;
        if (!c.is_string() || !normalise_code(c.get<std::string>(), code)) {
          ok = !errors.bad(line, "a cpc entry is not a CPC code");
          break;
        }
        r.codes.push_back(code);
      }
    if (!ok) continue;
    // Optional: the applicant(s), as a string or a list of strings.
    if (v.contains("applicant") && v["applicant"].is_string()) r.applicants.push_back(v["applicant"].get<std::string>());
    if (v.contains("applicants") && v["applicants"].is_array())
      for (const auto& a : v["applicants"])
        if (a.is_string()) r.applicants.push_back(a.get<std::string>());
    if (v.contains("abstract") && v["abstract"].is_string()) {
      // The first 200 bytes of the abstract serve as a title, cut at a character boundary.
      r.title = v["abstract"].get<std::string>();
      if (r.title.size() > 200) {
        size_t cut = 200;
        while (cut > 0 && (static_cast<unsigned char>(r.title[cut]) & 0xC0) == 0x80) --cut;
        r.title.resize(cut);
      }
    }
    sink(std::move(r));
  }
  return std::move(file.skipped);
}

std::string applicant_kind(const std::string& name) {
  if (name.empty()) return "";
  auto has = [&](std::initializer_list<const char*> words) {
    for (const char* w : words)
      if (name.find(w) != std::string::npos) return true;
    return false;
  };
  if (has({"大学", "University", "UNIVERSITY"})) return "university";
  // before 学院: 中国科学院 is an academy of institutes, not a college
  if (has({"研究院", "研究所", "研究中心", "科学院", "实验室", "Institute", "INSTITUTE", "Laboratory", "LABORATORY"}))
    return "institute";
  if (has({"学院", "College", "COLLEGE"})) return "university";
  if (has({"公司", "集团", "厂", "企业", "Inc", "INC", "Corp", "CORP", "Ltd", "LTD", "LLC", "GmbH", " AG", "Co.", "CO.",
           "Company", "COMPANY", "S.A.", "B.V."}))
    return "company";
  return "individual";
}

}  // namespace xinzhi::ingest
