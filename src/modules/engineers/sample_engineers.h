// The sample region's shared engineers and SME requests (xinzhi demo engineers).
#pragma once
#include <string>

#include "modules/engineers/engineer_desk.h"

namespace xinzhi::chain {
class ChainService;
}

namespace xinzhi::engineers {

struct SampleReport {
  int engineers = 0, requests = 0;
};

// Twelve sample engineers with capacity in `month` and the two after it, and six requests of
// `month` from local firms of 新能源汽车（示例）'s weak and missing links; nothing when sample
// engineers exist already.
SampleReport seed_sample(EngineerDesk& desk, chain::ChainService& chains, const std::string& month);

}  // namespace xinzhi::engineers
