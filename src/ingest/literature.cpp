#include "ingest/literature.h"

#include <fstream>
#include <map>

#include "base/error.h"
#include "base/text.h"
#include "ingest/table_reader.h"

namespace xinzhi::ingest {

namespace {

// "a; b;c;" → {a, b, c}: WoS, Scopus and CNKI separate keywords by semicolons (CNKI also by
// full-width ；and sometimes ，).
std::vector<std::string> split_terms(std::string_view text) {
  std::vector<std::string> out;
  std::string folded = text::fold_width(text);  // ；→ ;  ，→ ,
  size_t at = 0;
  while (at <= folded.size()) {
    size_t end = folded.find(';', at);
    auto term = text::trim(std::string_view(folded).substr(at, end == std::string::npos ? std::string::npos : end - at));
    if (!term.empty()) out.emplace_back(term);
    if (end == std::string::npos) break;
    at = end + 1;
  }
  return out;
}

std::vector<std::string> split_cnki_terms(std::string_view text) {
  // CNKI exports separate keywords by ; or ；, a few by ，(a comma never occurs inside a
  // Chinese keyword); folding turns the full-width forms into ; and ,. Built char by char:
  // g++ 12 -O3 warns falsely (-Wrestrict) on string::replace here.
  std::string t;
  for (char c : text::fold_width(text)) t.push_back(c == ',' ? ';' : c);
  return split_terms(t);
}

int year_of(std::string_view text) {
  // The first run of four digits: "2019", "2019-05-03", "2019 MAY".
  for (size_t i = 0; i + 4 <= text.size(); ++i) {
    bool digits = true;
    for (size_t k = 0; k < 4; ++k) digits = digits && text[i + k] >= '0' && text[i + k] <= '9';
    bool alone = (i == 0 || text[i - 1] < '0' || text[i - 1] > '9') && (i + 4 == text.size() || text[i + 4] < '0' || text[i + 4] > '9');
    if (digits && alone) return std::stoi(std::string(text.substr(i, 4)));
  }
  return 0;
}

void finish(PaperRecord& r, const std::string& path, std::vector<PaperRecord>& out) {
  auto fail_at = [&](const char* what) { invalid_input(path + ":" + std::to_string(r.line) + ": " + what); };
  if (r.title.empty()) fail_at("record without a title");
  if (r.year == 0) r.year = r.early_access_year;
  if (r.year < 1800 || r.year > 2100) fail_at("record without a publication year from 1800 to 2100");
  // CNKI exports carry no DOI as a rule, and two papers may share a title and a year: the
  // first author and the journal tell them apart.
  if (r.key.empty() && !r.doi.empty()) r.key = "doi:" + text::name_key(r.doi);
  if (r.key.empty()) {
    r.key = text::name_key(r.title);
    for (const std::string& part : {std::to_string(r.year), r.authors.empty() ? std::string() : r.authors.front(), r.source}) {
      r.key.push_back('|');
      r.key.append(text::name_key(part));
    }
  }
  out.push_back(std::move(r));
}

// Tagged formats: WoS ("TI title", continuation lines start with three spaces, "ER" ends a
// record), RefWorks ("T1 title", records end at a blank line) and EndNote ("%T title").
struct TaggedLine {
  std::string tag, value;
  bool continuation = false;
};
bool split_tagged(const std::string& line, LiteratureFormat f, TaggedLine& out) {
  out = {};
  if (f == LiteratureFormat::WosText && line.size() > 3 && line.compare(0, 3, "   ") == 0) {
    out.continuation = true;
    out.value = std::string(text::trim(line));
    return true;
  }
  if (f == LiteratureFormat::CnkiEndNote) {
    if (line.size() < 2 || line[0] != '%') return false;
    out.tag = line.substr(0, 2);
  } else {
    if (line.size() < 2) return false;
    out.tag = line.substr(0, 2);
    if (line.size() > 2 && line[2] != ' ') return false;
  }
  out.value = line.size() > 3 ? std::string(text::trim(std::string_view(line).substr(3))) : "";
  return true;
}

void apply_wos(PaperRecord& r, const std::string& tag, const std::vector<std::string>& lines) {
  auto joined = [&](const char* sep) {
    std::string s;
    for (const auto& l : lines) {
      if (!s.empty()) s += sep;
      s += l;
    }
    return s;
  };
  if (tag == "TI") r.title = joined(" ");
  else if (tag == "SO") r.source = joined(" ");
  else if (tag == "DI") r.doi = joined("");
  else if (tag == "UT") r.key = joined("");
  else if (tag == "PY") r.year = year_of(joined(" "));
  else if (tag == "EY" || (tag == "EA" && r.early_access_year == 0)) r.early_access_year = year_of(joined(" "));
  else if (tag == "AU") r.authors = lines;
  else if (tag == "DE") r.keywords = split_terms(joined(" "));
  else if (tag == "ID") r.index_keywords = split_terms(joined(" "));
  else if (tag == "WC") r.categories = split_terms(joined(" "));
}

void apply_cnki(PaperRecord& r, LiteratureFormat f, const std::string& tag, const std::string& value) {
  bool refworks = f == LiteratureFormat::CnkiRefWorks;
  if (tag == (refworks ? "T1" : "%T")) r.title = value;
  else if (tag == (refworks ? "JF" : "%J")) r.source = value;
  else if (tag == (refworks ? "YR" : "%D")) r.year = year_of(value);
  else if (tag == (refworks ? "K1" : "%K")) {
    for (auto& k : split_cnki_terms(value)) r.keywords.push_back(std::move(k));
  } else if (tag == (refworks ? "A1" : "%A")) {
    for (auto& a : split_cnki_terms(value)) r.authors.push_back(std::move(a));
  } else if (tag == (refworks ? "DO" : "%R")) r.doi = value;
}

std::vector<PaperRecord> read_tagged(const std::string& path, LiteratureFormat f) {
  LineReader lines(path);
  std::vector<PaperRecord> out;
  std::string line;
  PaperRecord r;
  bool open = false;
  std::string tag;
  std::vector<std::string> values;  // WoS: the current tag's lines
  auto flush_tag = [&] {
    if (!tag.empty()) apply_wos(r, tag, values);
    tag.clear();
    values.clear();
  };
  auto close = [&] {
    if (!open) return;
    flush_tag();
    finish(r, path, out);
    r = {};
    open = false;
  };
  const char* first_tag = f == LiteratureFormat::WosText ? "PT" : f == LiteratureFormat::CnkiRefWorks ? "RT" : "%0";
  TaggedLine t;
  while (lines.next(line)) {
    if (text::trim(line).empty()) {
      if (f != LiteratureFormat::WosText) close();  // RefWorks and EndNote records end at a blank line
      continue;
    }
    if (!split_tagged(line, f, t)) lines.fail_here("expected a tagged line ('" + std::string(first_tag) + " …'), got '" +
                                                  text::printable(line.substr(0, 40)) + "'");
    if (f == LiteratureFormat::WosText) {
      if (t.continuation) {
        if (tag.empty()) lines.fail_here("a continuation line outside a field");
        values.push_back(t.value);
        continue;
      }
      if (t.tag == "FN" || t.tag == "VR" || t.tag == "EF") continue;
      if (t.tag == "ER") {
        if (!open) lines.fail_here("'ER' without a record ('PT …' starts one)");
        close();
        continue;
      }
      if (t.tag == "PT") {
        if (open) lines.fail_here("a record starts before the previous one ended with 'ER'");
        open = true;
        r.line = lines.line_number();
      } else if (!open) {
        lines.fail_here("field '" + t.tag + "' outside a record ('PT …' starts one)");
      }
      flush_tag();
      tag = t.tag;
      values.push_back(t.value);
      continue;
    }
    if (t.tag == first_tag) {
      close();
      open = true;
      r.line = lines.line_number();
      continue;
    }
    if (!open) lines.fail_here("field '" + t.tag + "' outside a record ('" + first_tag + " …' starts one)");
    apply_cnki(r, f, t.tag, t.value);
  }
  if (f == LiteratureFormat::WosText && open)
    invalid_input(path + ":" + std::to_string(r.line) + ": the record starting here has no 'ER' (is the file cut short?)");
  close();
  return out;
}

// Header-based formats: WoS tab-delimited (tags as column names) and Scopus CSV (titles).
std::vector<PaperRecord> read_columns(const std::string& path, LiteratureFormat f) {
  bool wos = f == LiteratureFormat::WosTab;
  TableReader reader(path, wos ? TableFormat::Tsv : TableFormat::Csv);
  std::vector<std::string> header, row;
  if (!reader.next(header)) invalid_input(path + ": empty file");
  std::map<std::string, size_t> at;
  for (size_t i = 0; i < header.size(); ++i) at.emplace(std::string(text::trim(header[i])), i);
  auto column = [&](const char* name, bool required) -> size_t {
    auto it = at.find(name);
    if (it != at.end()) return it->second;
    if (required) invalid_input(path + ":1: no column '" + name + "'");
    return SIZE_MAX;
  };
  size_t title = column(wos ? "TI" : "Title", true), year = column(wos ? "PY" : "Year", true);
  size_t source = column(wos ? "SO" : "Source title", false), doi = column(wos ? "DI" : "DOI", false);
  size_t key = column(wos ? "UT" : "EID", false), authors = column(wos ? "AU" : "Authors", false);
  size_t keywords = column(wos ? "DE" : "Author Keywords", false), index = column(wos ? "ID" : "Index Keywords", false);
  size_t categories = wos ? column("WC", false) : SIZE_MAX;
  std::vector<PaperRecord> out;
  while (reader.next(row)) {
    auto cell = [&](size_t c) { return c < row.size() ? std::string(text::trim(row[c])) : std::string(); };
    PaperRecord r;
    r.line = reader.line_number();
    r.title = cell(title);
    r.year = year_of(cell(year));
    r.source = cell(source);
    r.doi = cell(doi);
    r.key = cell(key);
    // WoS separates authors by "; ", Scopus by ", " between "Surname I." forms up to 2023 and
    // by "; " since: take semicolons when present.
    auto names = cell(authors);
    r.authors = split_terms(names);
    r.keywords = split_terms(cell(keywords));
    r.index_keywords = split_terms(cell(index));
    r.categories = split_terms(cell(categories));
    finish(r, path, out);
  }
  return out;
}

}  // namespace

LiteratureFormat literature_format_named(const std::string& name) {
  static const std::pair<const char*, LiteratureFormat> names[] = {
      {"wos", LiteratureFormat::WosText},           {"wos-tab", LiteratureFormat::WosTab},
      {"scopus", LiteratureFormat::ScopusCsv},      {"cnki-refworks", LiteratureFormat::CnkiRefWorks},
      {"cnki-endnote", LiteratureFormat::CnkiEndNote}};
  for (auto& [n, f] : names)
    if (name == n) return f;
  fail_keyed(ErrorCode::InvalidInput, "literature_format_unknown", {{"format", name}},
             "unknown literature format '" + name + "' (wos, wos-tab, scopus, cnki-refworks, cnki-endnote)");
}

const char* literature_format_name(LiteratureFormat f) {
  switch (f) {
    case LiteratureFormat::WosText: return "wos";
    case LiteratureFormat::WosTab: return "wos-tab";
    case LiteratureFormat::ScopusCsv: return "scopus";
    case LiteratureFormat::CnkiRefWorks: return "cnki-refworks";
    case LiteratureFormat::CnkiEndNote: return "cnki-endnote";
  }
  return "";
}

LiteratureFormat sniff_literature_format(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(ErrorCode::NotFound, path + ": cannot open the file");
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  if (head.size() >= 2 && ((head[0] == '\xff' && head[1] == '\xfe') || (head[0] == '\xfe' && head[1] == '\xff')))
    invalid_input(path + ": the file is UTF-16 (Web of Science's 'Win' export); export it as UTF-8 ('Mac' or 'UTF-8')");
  if (head.rfind("\xEF\xBB\xBF", 0) == 0) head.erase(0, 3);
  std::string first = head.substr(0, head.find('\n'));
  if (!first.empty() && first.back() == '\r') first.pop_back();
  if (first.rfind("FN ", 0) == 0 || first.rfind("PT ", 0) == 0) return LiteratureFormat::WosText;
  if (first.rfind("PT\t", 0) == 0) return LiteratureFormat::WosTab;
  if (first.rfind("RT ", 0) == 0) return LiteratureFormat::CnkiRefWorks;
  if (first.rfind("%0 ", 0) == 0) return LiteratureFormat::CnkiEndNote;
  if (first.find("Title") != std::string::npos && first.find("Year") != std::string::npos) return LiteratureFormat::ScopusCsv;
  invalid_input(path + ":1: cannot tell the export format from '" + text::printable(first.substr(0, 40)) +
                "' (give --format wos, wos-tab, scopus, cnki-refworks or cnki-endnote)");
}

LiteratureFile read_literature(const std::string& path, LiteratureFormat format) {
  LiteratureFile file{format, {}};
  if (format == LiteratureFormat::WosTab || format == LiteratureFormat::ScopusCsv)
    file.records = read_columns(path, format);
  else
    file.records = read_tagged(path, format);
  return file;
}

std::string keyword_key(const std::string& keyword) {
  std::string folded = text::fold_width(keyword), out;
  bool blank = false;
  for (char c : folded) {
    if (c == ' ' || c == '\t') {
      blank = !out.empty();
      continue;
    }
    if (blank) out += ' ';
    blank = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

}  // namespace xinzhi::ingest
