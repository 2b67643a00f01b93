#include "modules/transfer/sample_transfer.h"

#include <algorithm>

#include "modules/transfer/transfer_desk.h"

namespace xinzhi::transfer {

namespace {

struct SampleDemand {
  const char *org, *region, *title, *text;
};

// Written for the sample region: what firms on 新能源汽车（示例） ask technology brokers for.
constexpr SampleDemand kSampleDemands[] = {
    {"天津力神电池（示例）", "天津市西青区", "动力电池热管理与安全监测（示例）",
     "需要锂离子电池模组的热管理与散热技术，以及电池温度传感器、热失控早期检测和电池管理系统的健康监测方法。"},
    {"天津中环半导体（示例）", "天津市东丽区", "碳化硅功率器件与封装（示例）",
     "寻求碳化硅（SiC）功率半导体的外延、封装与高温可靠性测试技术，用于车规级逆变器。"},
    {"天津一汽丰田零部件（示例）", "天津市西青区", "轻量化复合材料车身结构（示例）",
     "引进碳纤维复合材料与铝合金的轻量化车身结构设计、树脂成型和搅拌摩擦焊连接工艺，并需要无损检测手段。"},
    {"天津智能网联示范区（示例）", "天津市西青区", "激光雷达与多传感器融合（示例）",
     "面向自动驾驶测试，需要激光雷达、雷达和摄像头的多传感器融合、标定与定位导航技术。"},
    {"天津新松机器人（示例）", "天津市滨海新区", "机器人灵巧手与触觉传感（示例）",
     "开发机器人灵巧手和机械臂，需要柔性触觉传感器、执行器和人形机器人的力控算法。"},
    {"天津港保税区氢能企业（示例）", "天津市滨海新区", "氢燃料电池与储氢（示例）",
     "需要燃料电池电堆、储氢材料与氢气泄漏检测传感器，用于港口重卡。"},
};

}  // namespace

int64_t add_sample_demands(TransferDesk& desk, const accounts::Principal& who) {
  auto existing = desk.demands(who);
  if (std::any_of(existing.begin(), existing.end(), [](const Demand& d) { return d.sample; })) return 0;
  std::vector<Demand> list;
  for (const auto& s : kSampleDemands) {
    Demand d;
    d.org = s.org;
    d.region = s.region;
    d.title = s.title;
    d.text = s.text;
    d.sample = true;
    list.push_back(std::move(d));
  }
  return static_cast<int64_t>(desk.add_demands(std::move(list), who).size());
}

}  // namespace xinzhi::transfer
