#include "ingest/table_reader.h"

#include <charconv>
#include <filesystem>

#include "base/error.h"
#include "base/text.h"

namespace xinzhi::ingest {

LineReader::LineReader(std::string path) : path_(std::move(path)) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path_, ec)) invalid_input(path_ + ": no such file");
  total_ = std::filesystem::file_size(path_, ec);
  in_.open(path_, std::ios::binary);
  if (!in_) invalid_input(path_ + ": cannot open");
}

bool LineReader::next(std::string& line) {
  if (!std::getline(in_, line)) return false;
  ++line_;
  bytes_ += line.size() + 1;
  if (line_ == 1 && text::starts_with(line, "\xEF\xBB\xBF")) line.erase(0, 3);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (!text::is_valid_utf8(line)) fail_here("not valid UTF-8 text");
  return true;
}

void LineReader::fail_here(const std::string& what) const {
  invalid_input(path_ + ":" + std::to_string(line_) + ": " + what);
}

TableReader::TableReader(std::string path, TableFormat format, char delimiter)
    : lines_(std::move(path)), format_(format), delimiter_(delimiter) {}

void TableReader::fail_here(const std::string& what) const {
  invalid_input(lines_.path() + ":" + std::to_string(record_line_) + ": " + what);
}

bool TableReader::next(std::vector<std::string>& fields) {
  std::string line;
  do {
    if (!lines_.next(line)) return false;
  } while (text::trim(line).empty());
  record_line_ = lines_.line_number();
  fields.clear();
  if (format_ == TableFormat::Tsv) {
    for (auto part : text::split(line, '\t')) fields.emplace_back(part);
    return true;
  }
  if (format_ == TableFormat::Whitespace) {
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      size_t start = i;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
      if (i > start) fields.emplace_back(line.substr(start, i - start));
    }
    return true;
  }
  // CSV: a small state machine; a quoted field may continue on the next physical line.
  std::string field;
  bool quoted = false;
  bool was_quoted = false;
  size_t i = 0;
  while (true) {
    if (i >= line.size()) {
      if (!quoted) break;
      std::string more;
      if (!lines_.next(more)) fail_here("quoted field is not closed before the end of the file");
      field += '\n';
      line = std::move(more);
      i = 0;
      continue;
    }
    char c = line[i++];
    if (quoted) {
      if (c == '"') {
        if (i < line.size() && line[i] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c == delimiter_) {
      fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else {
      field += c;
    }
  }
  fields.push_back(std::move(field));
  return true;
}

bool JsonLinesReader::next(nlohmann::json& value) {
  std::string line;
  do {
    if (!lines_.next(line)) return false;
  } while (text::trim(line).empty());
  try {
    value = nlohmann::json::parse(line);
  } catch (const nlohmann::json::parse_error& e) {
    lines_.fail_here("not valid JSON (at byte " + std::to_string(e.byte) + ")");
  }
  return true;
}

bool parse_index(const std::string& s, int64_t& out) {
  if (s.empty() || s[0] == '-' || s[0] == '+') return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace xinzhi::ingest
