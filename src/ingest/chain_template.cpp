#include "ingest/chain_template.h"

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "base/error.h"
#include "base/text.h"
#include "ingest/table_reader.h"
#include "ingest/xlsx_reader.h"

namespace xinzhi::ingest {

void check_template(const ChainTemplate& chain) {
  if (text::trim(chain.name).empty()) invalid_input(chain.where + ": a chain has no name");
  if (chain.segments.empty()) invalid_input(chain.where + ": chain '" + chain.name + "' has no segments");
  std::map<std::string, const TemplateSegment*> seen;
  for (const auto& s : chain.segments) {
    if (text::trim(s.name).empty()) invalid_input(s.where + ": segment name is empty");
    auto [it, fresh] = seen.emplace(s.name, &s);
    if (!fresh)
      invalid_input(s.where + ": segment '" + s.name + "' is defined twice in chain '" + chain.name +
                    "' (first at " + it->second->where + ")");
    if (!s.stage.empty() && s.stage != "上游" && s.stage != "中游" && s.stage != "下游")
      invalid_input(s.where + ": stage '" + s.stage + "' of segment '" + s.name + "' is not 上游, 中游 or 下游");
  }
  auto known = [&](const std::string& name, const std::string& where, const char* what) {
    if (!seen.count(name))
      invalid_input(where + ": " + what + " names unknown segment '" + name + "' in chain '" + chain.name + "'");
  };
  for (const auto& s : chain.segments)
    if (!s.parent.empty()) known(s.parent, s.where, "parent");
  for (const auto& l : chain.links) {
    known(l.from, l.where, "link");
    known(l.to, l.where, "link");
  }
  for (const auto& f : chain.firms) {
    if (text::trim(f.name).empty()) invalid_input(f.where + ": firm name is empty");
    known(f.segment, f.where, "firm");
  }
}

std::vector<ChainTemplate> read_twchains(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) invalid_input(path + ": cannot open");
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    invalid_input(path + ": not valid JSON (at byte " + std::to_string(e.byte) + ")");
  }
  if (!doc.is_object() || !doc.contains("industries") || !doc["industries"].is_array())
    invalid_input(path + ": expected an object with an 'industries' array (twchains format)");
  auto str = [](const nlohmann::json& o, const char* key) {
    return o.is_object() && o.contains(key) && o[key].is_string() ? o[key].get<std::string>() : std::string();
  };
  std::vector<ChainTemplate> out;
  size_t ci = 0;
  for (const auto& ind : doc["industries"]) {
    std::string where = path + ": industries[" + std::to_string(ci++) + "]";
    ChainTemplate chain{str(ind, "name"), "twchains", "TPEx value chain " + str(ind, "ic"), "台湾", {}, {}, {}, {},
                        where};
    if (!ind.is_object() || !ind.contains("layers") || !ind["layers"].is_array())
      invalid_input(where + ": 'layers' is missing or not an array");
    // The scraped names repeat across layers (生產製程 in 中游 and 下游; 外國上市公司 under
    // several segments): a repeat is qualified by its layer or parent segment.
    std::set<std::string> used;
    auto unique = [&used](const std::string& base, const std::string& qualifier) {
      std::string name = base;
      if (used.count(name)) name = base + "（" + qualifier + "）";
      for (int n = 2; used.count(name); ++n) name = base + "（" + qualifier + " " + std::to_string(n) + "）";
      used.insert(name);
      return name;
    };
    size_t li = 0;
    for (const auto& layer : ind["layers"]) {
      std::string lwhere = where + ".layers[" + std::to_string(li++) + "]";
      std::string lname = str(layer, "name");
      std::string stage = text::starts_with(lname, "上游")   ? "上游"
                          : text::starts_with(lname, "中游") ? "中游"
                          : text::starts_with(lname, "下游") ? "下游"
                                                             : "";
      if (!layer.contains("segments") || !layer["segments"].is_array())
        invalid_input(lwhere + ": 'segments' is missing or not an array");
      size_t si = 0;
      for (const auto& seg : layer["segments"]) {
        std::string swhere = lwhere + ".segments[" + std::to_string(si++) + "]";
        std::string sname = unique(str(seg, "name"), stage);
        chain.segments.push_back({sname, stage, "", swhere});
        if (!seg.contains("subs") || !seg["subs"].is_array()) continue;
        for (const auto& sub : seg["subs"]) {
          std::string target = sname;
          std::string subname = str(sub, "name");
          // A named sub-segment refines its segment; an unnamed one is the segment itself.
          // The same sub name can occur under two segments: qualify it then.
          if (!subname.empty()) {
            target = unique(subname, sname);
            chain.segments.push_back({target, stage, sname, swhere});
          }
          if (!sub.contains("companies") || !sub["companies"].is_array()) continue;
          for (const auto& c : sub["companies"]) {
            std::string code = str(c, "c"), domain = str(c, "d");
            chain.firms.push_back({target, str(c, "n"), code.empty() ? "境外" : str(c, "m"),
                                   code.empty() ? "境外" : "台湾", code, domain, 0, swhere, "", "", ""});
          }
        }
      }
    }
    check_template(chain);
    out.push_back(std::move(chain));
  }
  return out;
}

namespace {
// Column names the template accepts, English or Chinese.
const std::map<std::string, std::string> kHeaderAliases = {
    {"chain", "chain"},   {"链", "chain"},     {"产业链", "chain"}, {"kind", "kind"},     {"类型", "kind"},
    {"segment", "segment"}, {"环节", "segment"}, {"stage", "stage"}, {"阶段", "stage"},   {"parent", "parent"},
    {"上级环节", "parent"}, {"target", "target"}, {"下游环节", "target"}, {"firm", "firm"}, {"企业", "firm"},
    {"region", "region"}, {"地区", "region"},  {"role", "role"},    {"角色", "role"},
};
}  // namespace

namespace {
// The template's rows, from a CSV file or the first sheet of a workbook.
std::vector<ChainTemplate> read_chain_rows(const std::string& path, const std::vector<SheetRow>& rows) {
  if (rows.empty()) invalid_input(path + ": the file is empty (expected a header row)");
  auto fail_at = [&](size_t row, const std::string& what) { invalid_input(path + ":" + std::to_string(row) + ": " + what); };
  std::map<std::string, size_t> col;
  const auto& header = rows.front();
  for (size_t i = 0; i < header.cells.size(); ++i) {
    std::string name(text::trim(header.cells[i]));
    if (name.empty()) continue;
    auto it = kHeaderAliases.find(name);
    if (it == kHeaderAliases.end()) fail_at(header.number, "unknown column '" + name + "'");
    col[it->second] = i;
  }
  for (auto need : {"chain", "kind", "segment"})
    if (!col.count(need)) fail_at(header.number, std::string("missing column '") + need + "'");
  std::vector<ChainTemplate> chains;
  std::map<std::string, size_t> index;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& f = rows[r].cells;
    auto get = [&](const char* name) {
      auto it = col.find(name);
      return it == col.end() || it->second >= f.size() ? std::string() : std::string(text::trim(f[it->second]));
    };
    size_t line = rows[r].number;
    std::string where = path + ":" + std::to_string(line);
    std::string name = get("chain"), kind = get("kind");
    if (name.empty() && kind.empty() && get("segment").empty()) continue;  // a blank row
    if (name.empty()) fail_at(line, "column 'chain' is empty");
    auto [it, fresh] = index.emplace(name, chains.size());
    if (fresh) chains.push_back({name, "template", "", "", {}, {}, {}, {}, where});
    auto& chain = chains[it->second];
    if (kind == "segment" || kind == "环节") {
      chain.segments.push_back({get("segment"), get("stage"), get("parent"), where});
    } else if (kind == "link" || kind == "链接") {
      if (get("target").empty()) fail_at(line, "a link row needs column 'target' (the downstream segment)");
      chain.links.push_back({get("segment"), get("target"), "link", where});
    } else if (kind == "firm" || kind == "企业") {
      if (get("firm").empty()) fail_at(line, "a firm row needs column 'firm'");
      chain.firms.push_back({get("segment"), get("firm"), get("role"), get("region"), "", "", 0, where, "", "", ""});
    } else {
      fail_at(line, "kind is '" + kind + "', expected segment, link or firm (环节, 链接, 企业)");
    }
  }
  if (chains.empty()) invalid_input(path + ": no chain rows after the header");
  for (const auto& c : chains) check_template(c);
  return chains;
}
}  // namespace

std::vector<ChainTemplate> read_chain_csv(const std::string& path) {
  TableReader in(path, TableFormat::Csv);
  std::vector<SheetRow> rows;
  std::vector<std::string> f;
  while (in.next(f)) rows.push_back({in.line_number(), f});
  return read_chain_rows(path, rows);
}

std::vector<ChainTemplate> read_chain_xlsx(const std::string& path) {
  return read_chain_rows(path, read_xlsx_first_sheet(path));
}

}  // namespace xinzhi::ingest
