// Reading a labelled matrix from CSV — a header row of column names, the first column holding
// row names, cells that are numbers or fractions such as 1/3 — for pairwise comparisons,
// decision matrices and fuzzy relations. Errors name file:line and the column.
#pragma once
#include <string>
#include <vector>

namespace xinzhi::ingest {

struct LabelledMatrix {
  std::vector<std::string> row_names, col_names;
  std::vector<double> values;  // row by row
  size_t rows() const { return row_names.size(); }
  size_t cols() const { return col_names.size(); }
};

// CSV (or TSV by extension); a .npy file (NumPy format 1.0/2.0, little-endian float64 or
// int64, C order, two dimensions) for matrices too large for text, its rows and columns named
// by number ("1", "2" … and "c1", "c2" …).
LabelledMatrix read_labelled_matrix(const std::string& path);
// A number ("0.25", "7", "1e-3") or a fraction of two numbers ("1/3"); false otherwise.
bool parse_number_or_fraction(const std::string& text, double& out);

}  // namespace xinzhi::ingest
