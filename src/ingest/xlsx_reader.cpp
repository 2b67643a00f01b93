#include "ingest/xlsx_reader.h"

#include <expat.h>
#include <zip.h>

#include <functional>
#include <map>

#include "base/error.h"
#include "base/text.h"

namespace xinzhi::ingest {

namespace {

std::string read_member(zip_t* z, const std::string& path, const std::string& name, bool required) {
  zip_stat_t st;
  if (zip_stat(z, name.c_str(), 0, &st) != 0) {
    if (required) invalid_input(path + ": not an .xlsx workbook (" + name + " is missing)");
    return {};
  }
  if (st.size > (256u << 20)) invalid_input(path + ": " + name + " is larger than 256 MiB");
  zip_file_t* f = zip_fopen(z, name.c_str(), 0);
  if (!f) invalid_input(path + ": cannot read " + name);
  std::string data(st.size, '\0');
  auto n = zip_fread(f, data.data(), st.size);
  zip_fclose(f);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) invalid_input(path + ": " + name + " is damaged");
  return data;
}

// A minimal SAX driver: start/end/text callbacks with the element's local name.
struct Sax {
  std::function<void(const std::string&, const char**)> start;
  std::function<void(const std::string&)> end;
  std::function<void(const char*, int)> text;

  void parse(const std::string& xml, const std::string& where) {
    XML_Parser p = XML_ParserCreate("UTF-8");
    XML_SetUserData(p, this);
    XML_SetElementHandler(
        p,
        [](void* self, const XML_Char* name, const XML_Char** attrs) {
          auto* s = static_cast<Sax*>(self);
          if (s->start) s->start(local(name), attrs);
        },
        [](void* self, const XML_Char* name) {
          auto* s = static_cast<Sax*>(self);
          if (s->end) s->end(local(name));
        });
    XML_SetCharacterDataHandler(p, [](void* self, const XML_Char* t, int len) {
      auto* s = static_cast<Sax*>(self);
      if (s->text) s->text(t, len);
    });
    bool ok = XML_Parse(p, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
    std::string err = ok ? "" : XML_ErrorString(XML_GetErrorCode(p));
    XML_ParserFree(p);
    if (!ok) invalid_input(where + ": malformed XML (" + err + ")");
  }
  static std::string local(const char* name) {
    std::string n(name);
    auto colon = n.rfind(':');
    return colon == std::string::npos ? n : n.substr(colon + 1);
  }
};

const char* attr(const char** attrs, const char* name) {
  for (size_t i = 0; attrs[i]; i += 2)
    if (Sax::local(attrs[i]) == name) return attrs[i + 1];
  return nullptr;
}

// "BC12" → column 54 (0-based).
size_t column_of(const char* ref) {
  size_t col = 0;
  for (; *ref >= 'A' && *ref <= 'Z'; ++ref) col = col * 26 + (*ref - 'A' + 1);
  return col == 0 ? 0 : col - 1;
}

}  // namespace

std::vector<SheetRow> read_xlsx_first_sheet(const std::string& path) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (!z) invalid_input(path + (err == ZIP_ER_NOENT || err == ZIP_ER_OPEN ? ": cannot open" : ": not an .xlsx workbook"));
  struct Close {
    zip_t* z;
    ~Close() { zip_discard(z); }
  } closer{z};

  // The first sheet named in the workbook, through its relationship id.
  std::string first_rel, target = "worksheets/sheet1.xml";
  Sax wb;
  wb.start = [&](const std::string& name, const char** a) {
    if (name == "sheet" && first_rel.empty())
      if (const char* id = attr(a, "id")) first_rel = id;
  };
  wb.parse(read_member(z, path, "xl/workbook.xml", true), path + ": xl/workbook.xml");
  Sax rels;
  rels.start = [&](const std::string& name, const char** a) {
    if (name == "Relationship" && attr(a, "Id") && first_rel == attr(a, "Id") && attr(a, "Target")) target = attr(a, "Target");
  };
  if (auto xml = read_member(z, path, "xl/_rels/workbook.xml.rels", false); !xml.empty())
    rels.parse(xml, path + ": workbook relationships");
  if (text::starts_with(target, "/")) target = target.substr(1);
  else target = "xl/" + target;

  // Shared strings: the text of every <t> in an <si>, phonetic runs (<rPh>) left out.
  std::vector<std::string> shared;
  std::string current;
  bool in_t = false;
  int phonetic = 0;
  Sax sst;
  sst.start = [&](const std::string& name, const char**) {
    if (name == "si") current.clear();
    if (name == "rPh") ++phonetic;
    if (name == "t") in_t = phonetic == 0;
  };
  sst.end = [&](const std::string& name) {
    if (name == "t") in_t = false;
    if (name == "rPh") --phonetic;
    if (name == "si") shared.push_back(current);
  };
  sst.text = [&](const char* t, int len) {
    if (in_t) current.append(t, len);
  };
  if (auto xml = read_member(z, path, "xl/sharedStrings.xml", false); !xml.empty())
    sst.parse(xml, path + ": xl/sharedStrings.xml");

  std::vector<SheetRow> rows;
  SheetRow row{0, {}};
  std::string type, value;
  size_t col = 0, next_col = 0;
  bool in_value = false;
  Sax sheet;
  sheet.start = [&](const std::string& name, const char** a) {
    if (name == "row") {
      const char* r = attr(a, "r");
      row = {r ? std::strtoul(r, nullptr, 10) : rows.size() + 1, {}};
      next_col = 0;
    } else if (name == "c") {
      const char* r = attr(a, "r");
      col = r ? column_of(r) : next_col;
      const char* t = attr(a, "t");
      type = t ? t : "n";
      value.clear();
    } else if (name == "v" || (name == "t" && type == "inlineStr")) {
      in_value = true;
    }
  };
  sheet.end = [&](const std::string& name) {
    if (name == "v" || name == "t") in_value = false;
    if (name == "c") {
      std::string cell = value;
      if (type == "s") {
        char* end = nullptr;
        unsigned long i = std::strtoul(value.c_str(), &end, 10);
        if (value.empty() || *end || i >= shared.size())
          invalid_input(path + ":" + std::to_string(row.number) + ": shared string " + value + " does not exist");
        cell = shared[i];
      } else if (type == "b") {
        cell = value == "1" ? "TRUE" : "FALSE";
      }
      if (col > 16384) invalid_input(path + ":" + std::to_string(row.number) + ": column beyond Excel's last");
      if (row.cells.size() <= col) row.cells.resize(col + 1);
      row.cells[col] = cell;
      next_col = col + 1;
    }
    if (name == "row" && !row.cells.empty()) rows.push_back(std::move(row));
  };
  sheet.text = [&](const char* t, int len) {
    if (in_value) value.append(t, len);
  };
  sheet.parse(read_member(z, path, target, true), path + ": " + target);
  return rows;
}

uint64_t xlsx_unpacked_bytes(const std::string& path) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (!z) invalid_input(path + (err == ZIP_ER_NOENT || err == ZIP_ER_OPEN ? ": cannot open" : ": not an .xlsx workbook"));
  uint64_t total = 0;
  const zip_int64_t entries = zip_get_num_entries(z, 0);
  for (zip_int64_t i = 0; i < entries; ++i) {
    zip_stat_t st;
    if (zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) total += st.size;
  }
  zip_discard(z);
  return total;
}

}  // namespace xinzhi::ingest
