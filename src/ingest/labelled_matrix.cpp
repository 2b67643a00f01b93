#include "ingest/labelled_matrix.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "base/error.h"
#include "base/text.h"
#include "ingest/table_reader.h"

namespace xinzhi::ingest {

namespace {
bool parse_plain(const std::string& s, double& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return *end == '\0' && std::isfinite(out);
}
}  // namespace

bool parse_number_or_fraction(const std::string& text, double& out) {
  std::string s(text::trim(text));
  auto slash = s.find('/');
  if (slash == std::string::npos) return parse_plain(s, out);
  double num = 0, den = 0;
  if (!parse_plain(std::string(text::trim(s.substr(0, slash))), num) ||
      !parse_plain(std::string(text::trim(s.substr(slash + 1))), den) || den == 0)
    return false;
  out = num / den;
  return true;
}

namespace {
// NumPy's .npy: magic, version, a little-endian header length, a Python-dict header text,
// then the raw array. Only what a decision matrix needs is accepted.
LabelledMatrix read_npy(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) invalid_input(path + ": cannot open");
  char magic[8];
  if (!in.read(magic, 8) || std::string(magic, 6) != "\x93NUMPY") invalid_input(path + ": not a .npy file");
  uint32_t header_len = 0;
  if (magic[6] == 1) {
    unsigned char b[2];
    in.read(reinterpret_cast<char*>(b), 2);
    header_len = b[0] | (b[1] << 8);
  } else if (magic[6] == 2 || magic[6] == 3) {
    unsigned char b[4];
    in.read(reinterpret_cast<char*>(b), 4);
    header_len = b[0] | (b[1] << 8) | (b[2] << 16) | (static_cast<uint32_t>(b[3]) << 24);
  } else {
    invalid_input(path + ": unsupported .npy version " + std::to_string(magic[6]));
  }
  if (header_len > 65536) invalid_input(path + ": .npy header too long");
  std::string header(header_len, '\0');
  if (!in.read(header.data(), header_len)) invalid_input(path + ": truncated .npy header");
  bool f8 = header.find("'descr': '<f8'") != std::string::npos, i8 = header.find("'descr': '<i8'") != std::string::npos;
  if (!f8 && !i8) invalid_input(path + ": .npy dtype must be little-endian float64 or int64 ('<f8', '<i8')");
  if (header.find("'fortran_order': False") == std::string::npos) invalid_input(path + ": .npy must be in C order");
  auto open = header.find("'shape': (");
  size_t rows = 0, cols = 0;
  if (open == std::string::npos || sscanf(header.c_str() + open + 10, "%zu, %zu)", &rows, &cols) != 2)
    invalid_input(path + ": .npy shape must have two dimensions");
  if (rows == 0 || cols == 0 || rows > (size_t{1} << 31) / cols) invalid_input(path + ": .npy shape is empty or too large");
  // The data must be exactly what the header promises: checked against the file's size before
  // allocating, so a forged shape cannot ask for gigabytes.
  auto data_start = in.tellg();
  in.seekg(0, std::ios::end);
  auto data_bytes = static_cast<uint64_t>(in.tellg() - data_start);
  in.seekg(data_start);
  if (data_bytes != rows * cols * 8)
    invalid_input(path + ": .npy holds " + std::to_string(data_bytes) + " bytes of data; its shape (" + std::to_string(rows) +
                  ", " + std::to_string(cols) + ") needs " + std::to_string(rows * cols * 8));
  LabelledMatrix m;
  m.values.resize(rows * cols);
  if (!in.read(reinterpret_cast<char*>(m.values.data()), static_cast<std::streamsize>(rows * cols * 8)))
    invalid_input(path + ": .npy data is shorter than its shape says");
  if (i8)
    for (double& v : m.values) {
      int64_t i;
      std::memcpy(&i, &v, 8);
      v = static_cast<double>(i);
    }
  for (size_t r = 0; r < rows; ++r) m.row_names.push_back(std::to_string(r + 1));
  for (size_t c = 0; c < cols; ++c) m.col_names.push_back(std::string("c").append(std::to_string(c + 1)));
  return m;
}
}  // namespace

LabelledMatrix read_labelled_matrix(const std::string& path) {
  if (path.size() > 4 && path.substr(path.size() - 4) == ".npy") return read_npy(path);
  char delimiter = path.size() > 4 && path.substr(path.size() - 4) == ".tsv" ? '\t' : ',';
  TableReader reader(path, delimiter == '\t' ? TableFormat::Tsv : TableFormat::Csv);
  LabelledMatrix m;
  std::vector<std::string> fields;
  if (!reader.next(fields)) reader.fail_here("the file is empty; expected a header row of column names");
  if (fields.size() < 2) reader.fail_here("the header needs a corner cell and at least one column name");
  for (size_t c = 1; c < fields.size(); ++c) m.col_names.push_back(std::string(text::trim(fields[c])));
  while (reader.next(fields)) {
    if (fields.size() != m.cols() + 1)
      reader.fail_here("row has " + std::to_string(fields.size()) + " cells, the header " + std::to_string(m.cols() + 1));
    m.row_names.push_back(std::string(text::trim(fields[0])));
    for (size_t c = 1; c < fields.size(); ++c) {
      double v = 0;
      if (!parse_number_or_fraction(fields[c], v)) {
        // Appended piece by piece: g++ 12 warns falsely (-Wrestrict) on a long chain of operator+.
        std::string what = "row '";
        what.append(m.row_names.back()).append("', column '").append(m.col_names[c - 1]).append("': '");
        what.append(fields[c]).append("' is not a number or a fraction such as 1/3");
        reader.fail_here(what);
      }
      m.values.push_back(v);
    }
  }
  if (m.rows() == 0) reader.fail_here("no rows after the header");
  return m;
}

}  // namespace xinzhi::ingest
