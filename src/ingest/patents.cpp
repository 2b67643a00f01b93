#include "ingest/patents.h"

#include <map>

#include "base/error.h"
#include "base/text.h"
#include "ingest/table_reader.h"

namespace xinzhi::ingest {

bool normalise_code(const std::string& text_in, PatentCode& out) {
  std::string s;
  for (char c : text_in)
    if (c != ' ') s += c;
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
std::string iso_date(const std::string& s) {
  std::string d;
  for (char c : s)
    if (c != '-') d += c;
  if (d.size() != 8 || d.find_first_not_of("0123456789") != std::string::npos) return "";
  int m = std::stoi(d.substr(4, 2)), day = std::stoi(d.substr(6, 2));
  if (m < 1 || m > 12 || day < 1 || day > 31) return "";
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

PatentFile read_cnipa(const std::string& path, bool skip_bad) {
  TableReader in(path, TableFormat::Csv);
  PatentFile file;
  RowErrors errors{path, skip_bad, file.skipped};
  std::vector<std::string> f;
  if (!in.next(f)) invalid_input(path + ": the file is empty");
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < f.size(); ++i) col[std::string(text::trim(f[i]))] = i;
  for (auto need : {"公开号", "申请日", "国际分类", "申请人", "标题"})
    if (!col.count(need)) in.fail_here(std::string("missing column '") + need + "' (not a CNIPA export?)");
  const size_t width = f.size();
  while (in.next(f)) {
    size_t line = in.line_number();
    // CNIPA ends every row with a comma: one more, empty, field than the header.
    if (f.size() == width + 1 && f.back().empty()) f.pop_back();
    if (f.size() != width && errors.bad(line, "expected " + std::to_string(width) + " fields, found " + std::to_string(f.size())))
      continue;
    PatentRecord r;
    r.number = std::string(text::trim(f[col["公开号"]]));
    r.title = f[col["标题"]];
    r.date = iso_date(std::string(text::trim(f[col["申请日"]])));
    if (r.number.empty() && errors.bad(line, "公开号 is empty")) continue;
    if (r.date.empty() && errors.bad(line, "申请日 '" + f[col["申请日"]] + "' is not YYYYMMDD")) continue;
    bool ok = true;
    for (auto part : text::split(f[col["国际分类"]], '|')) {
      std::string code(text::trim(part));
      if (code.empty()) continue;
      PatentCode c;
      if (!normalise_code(code, c)) {
        ok = !errors.bad(line, "国际分类 '" + code + "' is not an IPC code");
        break;
      }
      r.codes.push_back(c);
    }
    if (!ok) continue;
    for (auto part : text::split(f[col["申请人"]], '|'))
      if (auto a = text::trim(part); !a.empty()) r.applicants.emplace_back(a);
    file.records.push_back(std::move(r));
  }
  return file;
}

PatentFile read_patent_jsonl(const std::string& path, bool skip_bad) {
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
    if (v.contains("abstract") && v["abstract"].is_string()) {
      // The first 200 bytes of the abstract serve as a title, cut at a character boundary.
      r.title = v["abstract"].get<std::string>();
      if (r.title.size() > 200) {
        size_t cut = 200;
        while (cut > 0 && (static_cast<unsigned char>(r.title[cut]) & 0xC0) == 0x80) --cut;
        r.title.resize(cut);
      }
    }
    file.records.push_back(std::move(r));
  }
  return file;
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
