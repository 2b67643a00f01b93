// The annual national demand list (年度国家战略科技需求对接清单) as ministries circulate it: an
// Excel workbook (.xlsx, first sheet) or its CSV export, one demand per row under a header of
// Chinese or English names — 编号/ref, 需求名称/title (required), 领域/field, 需求描述/text,
// 提出部门/department, 截止日期/deadline.
#pragma once
#include <string>
#include <vector>

namespace xinzhi::ingest {

struct NationalDemand {
  std::string ref, title, field, text, department, deadline;  // deadline: YYYY-MM-DD or ""
  size_t line = 0;  // the row in its file
};

// Every demand of the file in order; .xlsx by its extension, CSV otherwise. InvalidInput naming
// file:line and the field for a missing title column, an empty title, a deadline that is not a
// date, or a number given twice; nothing is returned then. A row without a number is numbered
// by its line ("L12").
std::vector<NationalDemand> read_national_demands(const std::string& path);

}  // namespace xinzhi::ingest
