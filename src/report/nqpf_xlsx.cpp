#include "report/nqpf_xlsx.h"

#include "base/error.h"
#include "report/xlsx_sheet.h"

namespace xinzhi::report {

void write_nqpf_xlsx(const nlohmann::json& r, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) fail(ErrorCode::Unavailable, "cannot create workbook " + path);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);

  std::vector<std::string> headers = {"省份 province", "年份 year", "指数 index", "排名 rank", "较上年 rank change"};
  std::vector<std::string> dimensions;
  for (const auto& c : r.at("cells"))
    if (c.at("scored").get<bool>()) {
      for (const auto& d : c.at("dimensions")) dimensions.push_back(d.at("name").get<std::string>());
      break;
    }
  for (const auto& d : dimensions) headers.push_back(d + " 维度指数");
  headers.push_back("缺失 missing");
  Sheet cells(wb, "指数", headers, bold);
  for (const auto& c : r.at("cells")) {
    cells.text(c.at("region").get<std::string>()).number(c.at("year").get<int>());
    if (c.at("scored").get<bool>()) {
      cells.number(c.at("index").get<double>()).number(c.at("rank").get<double>());
      if (c.at("rank_change").is_null())
        cells.text("");
      else
        cells.number(c.at("rank_change").get<double>());
      for (const auto& d : c.at("dimensions")) cells.number(d.at("closeness").get<double>());
      cells.text("");
    } else {
      cells.text("").text("").text("");
      for (size_t d = 0; d < dimensions.size(); ++d) cells.text("");
      cells.text(c.at("missing").get<std::string>());
    }
    cells.next_row();
  }
  worksheet_set_column(cells.raw(), 0, 0, 18, nullptr);

  Sheet weights(wb, "权重", {"维度 dimension", "指标 indicator", "单位 unit", "方向 direction", "权重 weight",
                             "熵权 entropy", "CRITIC", "统计序列 series"}, bold);
  for (const auto& i : r.at("indicators"))
    weights.text(i.at("dimension").get<std::string>()).text(i.at("name").get<std::string>()).text(i.at("unit").get<std::string>())
        .text(i.at("direction").get<std::string>()).number(i.at("weight").get<double>())
        .number(i.at("entropy_weight").get<double>()).number(i.at("critic_weight").get<double>())
        .text(i.at("source").get<std::string>()).next_row();
  worksheet_set_column(weights.raw(), 0, 1, 28, nullptr);

  Sheet gaps(wb, "区域差距", {"年份 year", "Dagum 基尼 Gini", "区域内 within", "区域间 between", "超变密度 transvariation",
                              "泰尔 Theil", "泰尔区域内 Theil within", "泰尔区域间 Theil between"}, bold);
  for (const auto& g : r.at("gaps"))
    gaps.number(g.at("year").get<int>()).number(g.at("gini").get<double>()).number(g.at("within").get<double>())
        .number(g.at("between").get<double>()).number(g.at("transvariation").get<double>()).number(g.at("theil").get<double>())
        .number(g.at("theil_within").get<double>()).number(g.at("theil_between").get<double>()).next_row();

  Sheet about(wb, "来源与方法", {"项目 item", "内容 value"}, bold);
  about.text("指标体系 system").text(r.at("system").at("name").get<std::string>()).next_row();
  about.text("参照 after").text(r.at("system").at("after").get<std::string>()).next_row();
  about.text("赋权 weights").text(r.at("weights_method").get<std::string>()).next_row();
  about.text("方法 method").text(r.at("method").get<std::string>()).next_row();
  about.text("单位 unit").text("指数 0–1（TOPSIS 贴近度）").next_row();
  if (r.contains("source")) {
    const auto& s = r.at("source");
    about.text("数据来源 publisher").text(s.at("publisher").get<std::string>()).next_row();
    about.text("文件 file").text(s.at("file").get<std::string>()).next_row();
    about.text("导入时间 imported (UTC)").text(s.at("imported_at").get<std::string>()).next_row();
  }
  const auto& corrections = r.contains("source") ? r.at("source").at("corrections") : r.at("data_fixes");
  for (const auto& f : corrections)
    about.text("读取更正 correction").text(f.at("where").get<std::string>() + ": " + f.at("what").get<std::string>()).next_row();
  for (const auto& f : r.at("fills"))
    about.text("插补 fill").text(f.at("where").get<std::string>() + ": " + f.at("what").get<std::string>()).next_row();
  worksheet_set_column(about.raw(), 0, 0, 22, nullptr);
  worksheet_set_column(about.raw(), 1, 1, 90, nullptr);
  close_workbook(wb, path);
}

std::string nqpf_xlsx_bytes(const nlohmann::json& index) {
  return xlsx_bytes([&](const std::string& path) { write_nqpf_xlsx(index, path); });
}

}  // namespace xinzhi::report
