// The chain atlas as an Excel workbook (libxlsxwriter): 概要 summary, 环节 segments,
// 缺口 gaps with candidates, 链主 leaders, 京津冀 complementarity — the same numbers as the JSON.
#pragma once
#include <string>

#include "modules/chain/chain_service.h"

namespace xinzhi::report {

void write_atlas_xlsx(const chain::AtlasReport& report, const std::string& path);
// The chokepoint map: one row per segment with score, components and drivers.
void write_chokepoints_xlsx(const chain::ChokepointReport& report, const std::string& path);
// The workbook's bytes (written through a temporary file: libxlsxwriter writes files only).
std::string atlas_xlsx_bytes(const chain::AtlasReport& report);

}  // namespace xinzhi::report
