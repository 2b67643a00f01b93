// Reader for the ICKG temporal industrial-chain knowledge graph (entity2id, relation2id,
// time2id, quadruples head-relation-tail-time in train/valid/test), validated line by line,
// and the rule that infers what kind of thing each entity is.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace xinzhi::ingest {

struct IckgEntity {
  int64_t id;
  std::string name;
};

struct IckgQuad {
  int64_t head, relation, tail, time;
};

struct IckgDataset {
  std::vector<IckgEntity> entities;                       // in file order
  std::vector<std::pair<int64_t, std::string>> relations;  // id, name
  std::vector<std::pair<int64_t, std::string>> dates;      // time id, YYYY-MM-DD
  std::vector<IckgQuad> quads;                             // train, then valid, then test
  std::vector<std::pair<std::string, size_t>> splits;      // file name, quadruples read
};

// Called now and then with bytes read so far and the total of all files.
using Progress = std::function<void(uint64_t done, uint64_t total)>;

// Reads and checks the whole folder; any problem throws InvalidInput naming file:line.
IckgDataset read_ickg(const std::string& dir, const Progress& progress = {});

enum class EntityKind { Industry, Company, Patent, Other };
std::string_view kind_name(EntityKind kind);

// One kind per entity (same order as dataset.entities), by votes from the roles the
// entity plays in relations (tail of 持有专利 → patent; tail of 涉足行业/归属于行业, either end
// of 包含/上游于 → industry; head of 持有专利/涉足行业, either end of 投资/合作/并购/合资/竞争/
// 母公司/控股 → company; tail of 基于专利生产 → product, kept as other) plus the name's
// legal-form suffix (有限公司, 集团 … → company; 行业, 产业 → industry). See docs/data.md.
std::vector<EntityKind> infer_ickg_kinds(const IckgDataset& data);

}  // namespace xinzhi::ingest
