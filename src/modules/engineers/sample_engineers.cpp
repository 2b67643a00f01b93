// The sample region's shared engineers and SME requests (`xinzhi demo engineers`): twelve
// engineers named as samples, on the segments of 新能源汽车（示例）, with three months of
// capacity from `month`; six requests from local firms of the chain's weak and missing links.
#include "modules/engineers/sample_engineers.h"

#include <algorithm>
#include <cstdio>

#include "base/error.h"
#include "modules/chain/chain_service.h"

namespace xinzhi::engineers {

namespace {

constexpr const char* kChain = "新能源汽车（示例）";

struct SampleEngineer {
  const char *name, *org, *region, *certification, *profile;
  std::vector<std::string> skills, segments;
  int capacity;
};

const std::vector<SampleEngineer>& sample_engineers() {
  static const std::vector<SampleEngineer> list = {
      {"王志远（示例）", "天津大学", "天津市南开区", "产业工程师（高级）", "长期从事锂离子电池正极材料合成与表征，参与高镍三元材料中试放大",
       {"正极材料", "高镍三元", "材料表征"}, {"正极材料", "动力电池"}, 2},
      {"李晓峰（示例）", "中国汽车技术研究中心", "天津市东丽区", "产业工程师（高级）", "动力电池系统测试与安全评价，热失控防护与电池管理系统标定",
       {"电池管理系统", "热失控", "电池测试"}, {"动力电池"}, 2},
      {"张敏（示例）", "南开大学", "天津市南开区", "产业工程师（中级）", "电化学储能与固态电解质研究，电池寿命预测建模",
       {"固态电池", "电化学", "寿命预测"}, {"动力电池", "正极材料"}, 1},
      {"刘洋（示例）", "天津职业技术师范大学", "天津市河西区", "产业工程师（中级）", "永磁同步电机设计、驱动控制算法与电机测试台架",
       {"永磁同步电机", "电机控制", "台架测试"}, {"驱动电机"}, 2},
      {"陈静（示例）", "北京理工大学", "北京市海淀区", "产业工程师（高级）", "车规级芯片功能安全、AEC-Q100 可靠性验证与 MCU 软件",
       {"车规级芯片", "功能安全", "AEC-Q100", "MCU"}, {"车规级芯片"}, 1},
      {"赵磊（示例）", "河北工业大学", "天津市红桥区", "产业工程师（中级）", "功率半导体封装与 SiC 器件驱动电路设计",
       {"功率半导体", "SiC", "驱动电路"}, {"车规级芯片", "驱动电机"}, 2},
      {"孙琳（示例）", "清华大学", "北京市海淀区", "产业工程师（高级）", "激光雷达点云感知、多传感器融合与自动驾驶标定",
       {"激光雷达", "点云", "传感器融合"}, {"激光雷达", "智能座舱"}, 1},
      {"周凯（示例）", "天津市汽车研究所", "天津市西青区", "产业工程师（中级）", "智能座舱人机交互、车载信息娱乐系统集成与测试",
       {"智能座舱", "人机交互", "车载软件"}, {"智能座舱"}, 2},
      {"吴昊（示例）", "国网天津电力", "天津市河北区", "产业工程师（中级）", "直流快充桩设计、充电协议一致性测试与电网互动",
       {"充电桩", "快充", "充电协议", "V2G"}, {"充电设施"}, 2},
      {"郑雪（示例）", "天津理工大学", "天津市西青区", "产业工程师（初级）", "锂资源提取与盐湖提锂工艺，材料回收",
       {"提锂", "锂资源", "电池回收"}, {"锂矿资源", "正极材料"}, 1},
      {"冯涛（示例）", "河北工业大学", "河北省石家庄市", "产业工程师（中级）", "整车轻量化设计与碰撞安全仿真",
       {"轻量化", "碰撞仿真", "整车集成"}, {"整车制造"}, 2},
      {"何琪（示例）", "中汽数据（天津）", "天津市东丽区", "产业工程师（中级）", "电动汽车能耗与充电数据分析，充电网络规划",
       {"数据分析", "充电网络", "能耗"}, {"充电设施", "整车制造"}, 1},
  };
  return list;
}

struct SampleRequest {
  const char *segment, *origin, *problem;
  std::vector<std::string> skills;
  int engineers;
  double budget;
  const char* fallback_firm;
  const char* region;
  const char* firm_segment = nullptr;  // where the asking firm is, when not in the segment itself
};

const std::vector<SampleRequest>& sample_requests() {
  static const std::vector<SampleRequest> list = {
      {"充电设施", "chain_gap", "本地仅一家充电设施企业，需提升直流快充桩功率模块可靠性并通过充电协议一致性测试", {"快充", "充电协议"}, 2, 20, "示例充电企业", "天津市"},
      {"车规级芯片", "chokepoint", "车规级 MCU 依赖外地供应，需建立 AEC-Q100 可靠性验证能力，完成功能安全流程", {"车规级芯片", "功能安全"}, 1, 40, "示例芯片企业", "天津市"},
      {"驱动电机", "chain_gap", "驱动电机效率偏低，需优化永磁同步电机控制算法并搭建测试台架", {"电机控制", "台架测试"}, 1, 15, "示例电机企业", "天津市"},
      {"正极材料", "manual", "高镍三元正极材料批次一致性差，需改进烧结工艺和材料表征方法", {"高镍三元", "材料表征"}, 1, 25, "示例材料企业", "天津市"},
      {"激光雷达", "chain_gap", "本地缺少激光雷达企业，整车厂需完成多传感器融合标定与点云感知算法验证", {"激光雷达", "传感器融合"}, 1, 30, "示例整车企业", "天津市", "整车制造"},
      {"智能座舱", "manual", "座舱人机交互系统卡顿，需进行车载软件性能测试与优化", {"人机交互", "车载软件"}, 1, 10, "示例座舱企业", "天津市"},
  };
  return list;
}

// The month after `month` ("2026-12" → "2027-01").
std::string next_month(const std::string& month) {
  int y = std::stoi(month.substr(0, 4)), m = std::stoi(month.substr(5, 2));
  if (++m > 12) {
    m = 1;
    ++y;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d", y % 10000, m);
  return buf;
}

}  // namespace

SampleReport seed_sample(EngineerDesk& desk, chain::ChainService& chains, const std::string& month) {
  auto demo = accounts::Principal::console("demo");
  if (!is_month(month))
    fail_keyed(ErrorCode::InvalidInput, "month_invalid", {{"field", "month"}, {"value", month}},
               "month '" + month + "' is not a month like 2026-12");
  SampleReport report;
  bool any_sample = false;
  for (const auto& e : desk.engineers()) any_sample = any_sample || e.sample;
  if (any_sample) return report;  // a second run adds nothing
  std::vector<std::string> months = {month, next_month(month), next_month(next_month(month))};
  for (const auto& s : sample_engineers()) {
    Engineer e;
    e.name = s.name;
    e.org = s.org;
    e.region = s.region;
    e.certification = s.certification;
    e.profile = s.profile;
    e.skills = s.skills;
    for (const auto& seg : s.segments) e.segments.push_back({kChain, seg});
    e.sample = true;
    std::vector<MonthCapacity> capacity;
    for (const auto& m : months) capacity.push_back({0, m, s.capacity});
    desk.register_engineer(e, capacity);
    ++report.engineers;
  }
  for (const auto& s : sample_requests()) {
    EngineerRequest r;
    // A local firm of the segment when the chain has one, else a named sample firm.
    auto firms = chains.segment_firms(kChain, s.firm_segment != nullptr ? s.firm_segment : s.segment, "天津");
    auto local = std::find_if(firms.begin(), firms.end(), [](const chain::FirmRow& f) { return f.zone == "local"; });
    if (local == firms.end()) local = firms.begin();
    r.firm = local == firms.end() ? s.fallback_firm : local->name;
    r.region = s.region;
    if (local != firms.end() && !local->province.empty()) {
      r.region = local->province;
      if (!local->district.empty()) r.region += local->district;
      else if (!local->city.empty() && local->city != local->province) r.region += local->city;
    }
    r.chain = kChain;
    r.segment = s.segment;
    r.origin = s.origin;
    r.problem = s.problem;
    r.skills = s.skills;
    r.month = month;
    r.engineers = s.engineers;
    r.budget = s.budget;
    r.sample = true;
    desk.open_request(r, demo);
    ++report.requests;
  }
  return report;
}

}  // namespace xinzhi::engineers
