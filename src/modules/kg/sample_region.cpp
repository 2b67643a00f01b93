// The sample region (示例数据) written by `xinzhi demo seed`: invented firms, every name
// carrying 示例, so that a fresh platform shows every page with data and nobody mistakes
// it for real records. Deterministic: the same batch on every machine.
#include "ingest/region.h"
#include "modules/kg/knowledge_graph.h"

namespace xinzhi::kg {

namespace {
struct SampleFirm {
  const char* name;
  std::vector<int> segments;  // indexes into kSegments
};

// Two chains: 新能源汽车 (0–9) and 信创 (10–16), upstream segment first in each link.
const char* kSegments[] = {"锂矿资源", "正极材料", "动力电池", "驱动电机", "车规级芯片", "激光雷达",
                           "智能座舱", "整车制造", "充电设施", "新能源汽车",  //
                           "CPU芯片", "操作系统", "数据库", "中间件", "服务器", "信息安全", "信创"};
const std::pair<int, int> kUpstreamOf[] = {{0, 1}, {1, 2}, {2, 7}, {3, 7}, {4, 3}, {4, 6}, {5, 7}, {6, 7},
                                           {7, 9}, {8, 9}, {10, 14}, {10, 11}, {11, 12}, {11, 13},
                                           {12, 16}, {13, 16}, {14, 16}, {15, 16}};

const SampleFirm kFirms[] = {
    {"天津滨海示例锂电科技有限公司", {2}},
    {"天津市西青区示例汽车电子有限公司", {4, 6}},
    {"天津武清示例新材料有限公司", {1}},
    {"天津东丽示例智能装备有限公司", {3}},
    {"天津市南开区示例信息技术有限公司", {11, 13}},
    {"天津经济技术开发区示例整车有限公司", {7}},
    {"天津市津南区示例充电科技有限公司", {8}},
    {"天津北辰示例服务器有限公司", {14}},
    {"天津市河西区示例数据安全有限公司", {15}},
    {"天津宝坻示例电池回收有限公司", {2}},
    {"北京海淀示例芯片设计有限公司", {4, 10}},
    {"北京市朝阳区示例激光雷达有限公司", {5}},
    {"北京示例操作系统有限公司", {11}},
    {"北京昌平示例数据库有限公司", {12}},
    {"北京大兴示例智能座舱有限公司", {6}},
    {"唐山示例锂矿资源有限公司", {0}},
    {"保定示例整车制造有限公司", {7}},
    {"石家庄示例电子元件有限公司", {4}},
    {"廊坊示例数据中心有限公司", {14}},
    {"沧州示例驱动电机有限公司", {3}},
    {"上海示例电驱动有限公司", {3}},
    {"深圳示例智能驾驶有限公司", {5, 6}},
    {"宁德示例动力电池有限公司", {2}},
    {"合肥示例新能源汽车有限公司", {7}},
    {"江西示例锂业有限公司", {0, 1}},
    {"成都示例信息安全有限公司", {15}},
    {"中国示例汽车集团有限公司", {7}},
    {"示例数据库有限公司", {12}},
};

// Who supplies whom (indexes into kFirms).
const std::pair<int, int> kSupplies[] = {{15, 2}, {24, 0}, {2, 0}, {0, 5}, {22, 5},  {1, 5},  {3, 5},  {11, 5},
                                         {10, 1}, {17, 1}, {19, 16}, {0, 16}, {14, 23}, {21, 23}, {20, 23},
                                         {10, 7}, {12, 7}, {13, 4}, {7, 8},  {18, 26}, {6, 5}};
const std::pair<int, int> kInvests[] = {{26, 5}, {26, 16}, {12, 4}, {23, 22}};
const std::pair<int, int> kCooperates[] = {{5, 16}, {0, 22}, {4, 12}, {8, 25}, {1, 10}};
}  // namespace

GraphBatch sample_region() {
  GraphBatch b{"示例数据", "sample", true, {}, {}};
  const auto& gazetteer = ingest::RegionGazetteer::instance();
  for (size_t i = 0; i < std::size(kSegments); ++i)
    b.entities.push_back({"seg-" + std::to_string(i), kSegments[i], "industry", "", "", "", false});
  for (size_t i = 0; i < std::size(kFirms); ++i) {
    auto r = gazetteer.infer(kFirms[i].name);
    b.entities.push_back({"firm-" + std::to_string(i), kFirms[i].name, "company", r.province, r.city, r.district,
                          r.national});
  }
  auto date = [](size_t i) {
    char buf[11];
    snprintf(buf, sizeof buf, "2025-%02zu-%02zu", 1 + i % 9, 1 + (i * 7) % 28);
    return std::string(buf);
  };
  size_t n = 0;
  for (auto [up, down] : kUpstreamOf)
    b.relations.push_back({"seg-" + std::to_string(up), "上游于", "seg-" + std::to_string(down), date(n++)});
  for (size_t i = 0; i < std::size(kFirms); ++i) {
    for (int s : kFirms[i].segments)
      b.relations.push_back({"firm-" + std::to_string(i), "涉足行业", "seg-" + std::to_string(s), date(n++)});
    // Every third firm holds a patent in its first segment.
    if (i % 3 == 0) {
      std::string id = "patent-" + std::to_string(i);
      b.entities.push_back({id, std::string("一种用于") + kSegments[kFirms[i].segments[0]] + "的示例方法", "patent",
                            "", "", "", false});
      b.relations.push_back({"firm-" + std::to_string(i), "持有专利", id, date(n++)});
    }
  }
  for (auto [a, c] : kSupplies)
    b.relations.push_back({"firm-" + std::to_string(a), "供给", "firm-" + std::to_string(c), date(n++)});
  for (auto [a, c] : kInvests)
    b.relations.push_back({"firm-" + std::to_string(a), "投资", "firm-" + std::to_string(c), date(n++)});
  for (auto [a, c] : kCooperates)
    b.relations.push_back({"firm-" + std::to_string(a), "合作", "firm-" + std::to_string(c), date(n++)});
  return b;
}

}  // namespace xinzhi::kg
