// Reading a symmetric input–output table (product × product or industry × industry) as a
// statistics office publishes it: the ONS wide CSV (labels in the first column, "Total
// intermediate demand" after the sectors, a "Total output" row) or the NBS workbook of China's
// tables (名称 and 代码 columns, "中间使用合计"/TIU after the sectors, a "总投入" row or a "总产出"
// column), as .csv, .tsv or .xlsx. Errors name file:line and the column.
#pragma once
#include <string>
#include <vector>

namespace xinzhi::ingest {

struct InputOutputTable {
  std::string path;
  std::vector<std::string> sectors;  // in the order of the columns
  std::vector<double> transactions;  // n × n row by row: sales of sector i to sector j
  std::vector<double> total_output;  // one per sector
  std::string output_from;           // the row or column total output was read from
};

// The sectors are the columns just before the total-of-intermediate-use column whose headers
// also name a row (by name or by code); the cells where those rows and columns cross are the
// intermediate transactions. Empty cells count as 0.
InputOutputTable read_io_table(const std::string& path);

}  // namespace xinzhi::ingest
