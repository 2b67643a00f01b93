// The records of one knowledge-graph import, as the kg module stores them: entities with
// their kind and region, and dated relations between them, all under one named source.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace xinzhi::kg {

struct EntityRecord {
  std::string ext_id;  // the id in the source (ICKG's numeric id, a sample key …)
  std::string name;
  std::string kind;  // industry | company | patent | other
  std::string province, city, district;
  bool national = false;
  // Entity resolution (companies only, docs/data.md): the registered name and stock code of a
  // listed firm the source names by its short name; the country of a foreign firm (province
  // 境外); and whether the name is a generic class of actors (餐饮外卖平台) rather than one firm.
  std::string full_name{}, stock_code{}, country{};
  bool generic_actor = false;
};

struct RelationRecord {
  std::string head_ext_id;
  std::string kind;  // 供给, 上游于, 涉足行业 …
  std::string tail_ext_id;
  std::string date;  // YYYY-MM-DD or empty
};

struct GraphBatch {
  std::string source;  // unique name: re-importing the same source adds only what is new
  std::string format;  // ickg | sample | …
  bool sample = false;  // 示例数据: shown with a label everywhere
  std::vector<EntityRecord> entities;
  std::vector<RelationRecord> relations;
};

struct BatchResult {
  size_t entities_added = 0;
  size_t relations_added = 0;
  size_t entities_updated = 0;  // companies of a source imported again whose resolution changed
};

}  // namespace xinzhi::kg
