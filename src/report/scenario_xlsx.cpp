#include "report/scenario_xlsx.h"

#include "base/error.h"
#include "report/xlsx_sheet.h"

namespace xinzhi::report {

namespace {
void write_report(const scenario::ScenarioEvaluation& e, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) fail(ErrorCode::Unavailable, "cannot create workbook " + path);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  const auto& s = e.scenario;

  Sheet overview(wb, "概况", {"项目 item", "值 value"}, bold);
  auto pair = [&](const char* k, const std::string& v) { overview.text(k).text(v).next_row(); };
  pair("场景 scenario", s.title);
  pair("清单 list", s.list_title);
  pair("领域 field", s.field);
  pair("场景提出方 owner", s.owner_org);
  pair("地点 location", s.location);
  pair("需求 needs", s.needs);
  overview.text("预算（万元） budget").number(s.budget).next_row();
  pair("截止日期 deadline", s.deadline);
  pair("阶段 stage", s.stage);
  pair("权重方法 weighting", s.weighting);
  pair("排序方法 ranking", s.ranking);
  pair("决定 decision", s.decision.empty() ? "（尚未决定）" : s.decision);
  worksheet_set_column(overview.raw(), 0, 1, 36, nullptr);

  Sheet weights(wb, "指标权重", {"指标 indicator", "AHP", "熵权 entropy", "最终 final"}, bold);
  for (size_t j = 0; j < e.leaves.size(); ++j)
    weights.text(e.leaves[j]).number(e.ahp_weights[j]).number(e.entropy_weights[j]).number(e.weights[j]).next_row();
  worksheet_set_column(weights.raw(), 0, 0, 36, nullptr);

  Sheet groups(wb, "AHP一致性", {"上级指标 parent", "下级指标 children", "局部权重 local weights", "λmax", "CR", "一致 consistent", "专家 CR"}, bold);
  for (const auto& g : e.groups) {
    std::string children, local, experts;
    for (size_t i = 0; i < g.children.size(); ++i) {
      children += (i ? "、" : "") + g.children[i];
      char buf[32];
      snprintf(buf, sizeof buf, "%s%.4f", i ? ", " : "", g.local_weights[i]);
      local += buf;
    }
    for (const auto& [expert, cr] : g.expert_cr) {
      char buf[96];
      snprintf(buf, sizeof buf, "%s%s %.4f", experts.empty() ? "" : "; ", expert.c_str(), cr);
      experts += buf;
    }
    groups.text(g.parent.empty() ? "（总目标）" : g.parent).text(children).text(local).number(g.lambda_max).number(g.cr);
    groups.text(g.matrix.empty() ? "无判断（等权）" : g.consistent ? "是" : "否 CR > 0.10").text(experts).next_row();
  }

  Sheet scores(wb, "专家评分", {"申报单位 applicant", "TRL"}, bold);
  for (size_t j = 0; j < e.leaves.size(); ++j)
    worksheet_write_string(scores.raw(), 0, static_cast<lxw_col_t>(j + 2), e.leaves[j].c_str(), bold);
  for (size_t i = 0; i < e.applications.size(); ++i) {
    scores.text(e.applications[i].org).number(e.applications[i].trl);
    for (size_t j = 0; j < e.leaves.size(); ++j) scores.number(e.scores(i, j));
    scores.next_row();
  }

  Sheet ranking(wb, "排序", {"申报单位 applicant", "TOPSIS 贴近度", "TOPSIS 排名", "模糊综合得分 FCE", "等级 grade",
                             "FCE 排名", "最终排名 rank"}, bold);
  for (size_t i = 0; i < e.applications.size(); ++i) {
    ranking.text(e.applications[i].org).number(e.closeness[i]).number(static_cast<double>(e.topsis_rank[i]));
    ranking.number(e.fce_score[i]).text(e.fce_grade[i]).number(static_cast<double>(e.fce_rank[i]));
    ranking.number(static_cast<double>(e.rank[i])).next_row();
  }
  worksheet_set_column(ranking.raw(), 0, 0, 36, nullptr);

  Sheet reversals(wb, "敏感性", {"指标 indicator", "当前权重 current", "排名变化的权重 weight at reversal", "之前领先 ahead below",
                                 "之后领先 ahead above", "改变第一名 changes first"}, bold);
  for (const auto& r : e.reversals)
    reversals.text(e.leaves[r.criterion]).number(e.weights[r.criterion]).number(r.weight)
        .text(e.applications[r.ahead_below].org).text(e.applications[r.ahead_above].org).text(r.changes_top ? "是" : "否")
        .next_row();
  close_workbook(wb, path);
}
}  // namespace

std::string scenario_report_xlsx(const scenario::ScenarioEvaluation& e) {
  return xlsx_bytes([&](const std::string& path) { write_report(e, path); });
}

}  // namespace xinzhi::report
