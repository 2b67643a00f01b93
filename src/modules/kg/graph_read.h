// kg::GraphReader: what other modules may read of the knowledge graph (the chain atlas derives
// chains from it, foresight dates the patents companies hold). They never query kg tables.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace xinzhi::kg {

// A read-only copy of the graph for modules that derive from it (the chain atlas): every
// entity, and the relations of the kinds asked for.
struct GraphView {
  struct Entity {
    int64_t id;
    std::string name, name_key, kind, province, city, district;
    bool generic_actor = false;  // a company-kind name for a class of actors, not one firm
  };
  struct Relation {
    int64_t head;
    std::string kind;
    int64_t tail;
  };
  std::vector<Entity> entities;
  std::vector<Relation> relations;
};

// One company's holding of a patent entity (ICKG 持有专利), in the order patents are read:
// by patent entity, dated holdings before undated ones, then by date and holder id.
struct PatentHolding {
  std::string source;        // the kg source's name
  bool sample = false;       // of the sample region (示例数据)
  std::string patent_ext_id, patent_title;
  std::string observed_on;   // the relation's date, "" when undated
  int64_t holder_id = 0;
  std::string holder_name, holder_province, holder_city;
};

// A company the site search found: its name as the source has it, the registered name and
// stock code where entity resolution found them, its region and the source's name.
struct CompanyMatch {
  std::string name, full_name, stock_code, province, city, district, source;
};

class GraphReader {
 public:
  virtual ~GraphReader() = default;
  virtual GraphView load_view(const std::vector<std::string>& relation_kinds) = 0;
  virtual std::vector<PatentHolding> patent_holdings() = 0;
  // Each company's industries (涉足行业 / 归属于行业), names sorted.
  virtual std::map<int64_t, std::vector<std::string>> industries_of_companies() = 0;
  // Companies (generic actors left out) whose name key contains `key` (text::name_key of the
  // term), whose registered name contains `text` (text::search_text of it) or whose stock code
  // is `key`: exact, prefix, then contains, shorter names first; one row per name.
  virtual std::vector<CompanyMatch> find_companies(const std::string& key, const std::string& text, size_t limit) = 0;
};

}  // namespace xinzhi::kg
