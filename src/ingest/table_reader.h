// Reading the text files users bring (CSV with or without a UTF-8 BOM, TSV, JSON Lines,
// whitespace-separated columns) one record at a time, naming every error as file:line.
#pragma once
#include <cstdint>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace xinzhi::ingest {

// Raw lines of a text file: BOM and line ends stripped, invalid UTF-8 refused, 1-based
// line numbers, byte position for progress bars.
class LineReader {
 public:
  explicit LineReader(std::string path);
  bool next(std::string& line);  // false at end of file
  size_t line_number() const { return line_; }
  uint64_t bytes_read() const { return bytes_; }
  uint64_t total_bytes() const { return total_; }
  const std::string& path() const { return path_; }
  // Throws InvalidInput "path:line: what".
  [[noreturn]] void fail_here(const std::string& what) const;

 private:
  std::string path_;
  std::ifstream in_;
  size_t line_ = 0;
  uint64_t bytes_ = 0;
  uint64_t total_ = 0;
};

enum class TableFormat { Csv, Tsv, Whitespace };

// Records of a delimited file. CSV follows RFC 4180 (quoted fields may hold commas,
// doubled quotes and line breaks); TSV splits on tabs; Whitespace on runs of spaces/tabs.
// Blank lines are skipped.
class TableReader {
 public:
  // delimiter: ',' by default; ';' for the exports of some offices and spreadsheets (CSV only).
  TableReader(std::string path, TableFormat format, char delimiter = ',');
  bool next(std::vector<std::string>& fields);
  size_t line_number() const { return record_line_; }  // where the current record began
  [[noreturn]] void fail_here(const std::string& what) const;
  const LineReader& lines() const { return lines_; }

 private:
  LineReader lines_;
  TableFormat format_;
  char delimiter_;
  size_t record_line_ = 0;
};

// One JSON value per line; a malformed line fails with its line number.
class JsonLinesReader {
 public:
  explicit JsonLinesReader(std::string path) : lines_(std::move(path)) {}
  bool next(nlohmann::json& value);
  size_t line_number() const { return lines_.line_number(); }
  [[noreturn]] void fail_here(const std::string& what) const { lines_.fail_here(what); }

 private:
  LineReader lines_;
};

// Parses a whole integer, refusing signs, spaces and trailing junk.
bool parse_index(const std::string& s, int64_t& out);

}  // namespace xinzhi::ingest
