// The scenario evaluation report as an XLSX workbook: overview and decision, indicator weights
// (AHP groups with CR, entropy, final), the experts' mean scores, rankings (TOPSIS, FCE) and
// the rank reversals — the same numbers as `xinzhi scenario evaluate --json`.
#pragma once
#include <string>

#include "modules/scenario/scenario_evaluation.h"

namespace xinzhi::report {
std::string scenario_report_xlsx(const scenario::ScenarioEvaluation& e);
}
