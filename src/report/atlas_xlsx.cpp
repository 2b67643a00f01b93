#include "report/atlas_xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/error.h"
#include "report/xlsx_sheet.h"

namespace xinzhi::report {

namespace {
const char* status(const chain::SegmentRow& s) {
  return s.missing ? "缺失 missing" : s.unsettled ? "地点待查 unsettled" : s.weak ? "薄弱 weak" : "覆盖 covered";
}
// A figure the data cannot give (a share over no placed firm is NaN, a component the data
// cannot give is < 0) is an empty cell, not a number.
void number_or_blank(Sheet& sheet, double x) {
  if (std::isnan(x) || x < 0)
    sheet.text("");
  else
    sheet.number(x);
}
}  // namespace

void write_atlas_xlsx(const chain::AtlasReport& r, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) invalid_input("cannot create workbook " + path);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);

  Sheet summary(wb, "概要", {"项目 item", "值 value"}, bold);
  auto pair = [&](const char* k, const std::string& v) { summary.text(k).text(v).next_row(); };
  auto pairn = [&](const char* k, double v) { summary.text(k).number(v).next_row(); };
  pair("产业链 chain", r.chain.name);
  pair("来源 origin", r.chain.origin);
  pair("地区 region", r.region.label);
  pairn("本地覆盖率 coverage", r.coverage);
  pairn("企业 firms", static_cast<double>(r.firms));
  pairn("本地企业 local firms", static_cast<double>(r.local_firms));
  pairn("地点不明企业 firms of unknown place", static_cast<double>(r.unplaced_firms));
  pairn("薄弱阈值 weak share", r.weak_share);
  worksheet_set_column(summary.raw(), 0, 1, 24, nullptr);

  Sheet seg(wb, "环节", {"阶段 stage", "环节 segment", "上级 parent", "企业 firms", "本地 local", "伙伴 partner",
                         "地点不明 unknown place", "本地占比 local share", "HHI", "专利 patents", "状态 status"}, bold);
  for (const auto& s : r.segments) {
    seg.text(s.stage).text(s.name).text(s.parent).number(s.firms).number(s.local).number(s.partner).number(s.unplaced);
    number_or_blank(seg, s.local_share);
    seg.number(s.hhi).number(static_cast<double>(s.patents)).text(status(s)).next_row();
  }
  worksheet_set_column(seg.raw(), 1, 2, 24, nullptr);

  Sheet gaps(wb, "缺口", {"环节 segment", "阶段 stage", "状态 status", "企业 firms", "本地 local", "本地占比 local share",
                          "候选排名 rank", "候选企业 candidate", "省份 province", "位置 zone", "实力 strength"}, bold);
  for (const auto& s : r.segments) {
    if (!s.missing && !s.unsettled && !s.weak) continue;
    size_t rank = 0;
    do {
      gaps.text(s.name).text(s.stage).text(status(s)).number(s.firms).number(s.local);
      number_or_blank(gaps, s.local_share);
      if (rank < s.candidates.size()) {
        const auto& c = s.candidates[rank];
        gaps.number(static_cast<double>(rank + 1)).text(c.name).text(c.province).text(c.zone).number(c.strength);
      }
      gaps.next_row();
    } while (++rank < s.candidates.size());
  }
  worksheet_set_column(gaps.raw(), 0, 0, 24, nullptr);
  worksheet_set_column(gaps.raw(), 7, 7, 30, nullptr);

  Sheet leaders(wb, "链主", {"排名 rank", "企业 firm", "省份 province", "得分 score", "覆盖环节 segments", "供给 supply",
                             "投资控制 investment/control", "专利 patents", "中心度 centrality"}, bold);
  for (size_t i = 0; i < r.leaders.size(); ++i) {
    const auto& l = r.leaders[i];
    leaders.number(static_cast<double>(i + 1)).text(l.name).text(l.province).number(l.score).number(l.segments);
    leaders.number(l.supply).number(l.investment_control).number(l.patents).number(l.centrality).next_row();
  }
  worksheet_set_column(leaders.raw(), 1, 1, 30, nullptr);

  // The home partner group (京津冀 unless the deployment's settings name another). The sheet
  // has a fixed name (a group's name may be one Excel refuses); the group heads the columns.
  std::vector<std::string> headers = {"环节 segment（" + r.home.group + "）"};
  for (const auto& p : r.home.provinces) headers.push_back(p);
  headers.push_back("互补 complementarity");
  Sheet jjj(wb, std::string("区域协同"), headers, bold);
  for (const auto& s : r.segments) {
    jjj.text(s.name);
    for (auto n : s.group_counts) jjj.number(static_cast<double>(n));
    jjj.text(s.complementarity).next_row();
  }
  worksheet_set_column(jjj.raw(), 0, 0, 24, nullptr);

  close_workbook(wb, path);
}

void write_chokepoints_xlsx(const chain::ChokepointReport& r, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) invalid_input("cannot create workbook " + path);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  Sheet sheet(wb, "卡脖子", {"排名 rank", "环节 segment", "阶段 stage", "得分 score", "原因 drivers", "集中 concentration",
                              "外部依赖 outside", "支配 dominance", "中介 betweenness", "替代 substitutes",
                              "技术 technology", "企业 firms", "本地 local", "境外 foreign", "支配下游 dominated",
                              "专利 patents", "本地专利 local patents", "地点不明 unknown place"}, bold);
  for (size_t i = 0; i < r.rows.size(); ++i) {
    const auto& x = r.rows[i];
    std::string drivers;
    for (const auto& d : x.drivers) drivers += (drivers.empty() ? "" : " ") + d;
    sheet.number(static_cast<double>(i + 1)).text(x.name).text(x.stage).number(x.score).text(drivers);
    sheet.number(x.concentration);
    number_or_blank(sheet, x.outside);
    sheet.number(x.dominance).number(x.betweenness).number(x.substitutes);
    number_or_blank(sheet, x.technology);
    sheet.number(x.firms).number(x.local).number(x.foreign).number(x.dominated);
    sheet.number(static_cast<double>(x.patents)).number(static_cast<double>(x.local_patents)).number(x.unplaced).next_row();
  }
  worksheet_set_column(sheet.raw(), 1, 1, 24, nullptr);
  worksheet_set_column(sheet.raw(), 4, 4, 32, nullptr);
  // Unscored segments on their own sheet, so that no reader ranks them with the chokepoints.
  Sheet gaps(wb, "数据缺口", {"环节 segment", "阶段 stage", "原因 reason", "支配下游 dominated"}, bold);
  for (const auto& gap : r.data_gaps) gaps.text(gap.name).text(gap.stage).text(gap.reason).number(gap.dominated).next_row();
  worksheet_set_column(gaps.raw(), 0, 0, 24, nullptr);
  close_workbook(wb, path);
}

std::string atlas_xlsx_bytes(const chain::AtlasReport& r) {
  return xlsx_bytes([&](const std::string& path) { write_atlas_xlsx(r, path); });
}

}  // namespace xinzhi::report
