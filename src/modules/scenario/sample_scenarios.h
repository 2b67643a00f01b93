// The demo's scenario list (示例): three scenarios from the article's fields — port, manufacturing,
// city governance — one of them in 评估 with applications from the demo enterprises and the
// lab, three experts' judgements and scores, so that the evaluation page has real work to show.
#pragma once
#include "store/database.h"

namespace xinzhi::scenario {
// Needs the demo accounts (accounts::seed_demo_accounts); returns false when a list exists already.
bool seed_sample_scenarios(store::Database& db);
}  // namespace xinzhi::scenario
