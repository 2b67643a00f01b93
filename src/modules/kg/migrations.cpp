// Tables owned by the kg module. Never edit a migration that has shipped; add the next one.
#include "modules/kg/graph_store.h"

namespace xinzhi::kg {

std::vector<store::Migration> migrations() {
  return {
      {"kg", 1, "sources, entities and dated relations",
       R"sql(
CREATE TABLE kg_source (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  format TEXT NOT NULL,
  sample INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),
  imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE kg_entity (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES kg_source(id),
  ext_id TEXT NOT NULL,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('industry', 'company', 'patent', 'other')),
  province TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  district TEXT NOT NULL DEFAULT '',
  national INTEGER NOT NULL DEFAULT 0 CHECK (national IN (0, 1)),
  UNIQUE (source_id, ext_id)
);
CREATE INDEX kg_entity_name_key ON kg_entity(name_key);
CREATE INDEX kg_entity_kind_region ON kg_entity(kind, province, district);
CREATE TABLE kg_relation (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES kg_source(id),
  head_id INTEGER NOT NULL REFERENCES kg_entity(id),
  kind TEXT NOT NULL,
  tail_id INTEGER NOT NULL REFERENCES kg_entity(id),
  observed_on TEXT NOT NULL DEFAULT '',
  UNIQUE (source_id, head_id, kind, tail_id, observed_on)
);
CREATE INDEX kg_relation_tail ON kg_relation(tail_id, kind);
CREATE INDEX kg_relation_kind ON kg_relation(kind);
)sql"},
      {"kg", 2, "entity resolution: listed firms' full names and codes, foreign countries, generic actors",
       R"sql(
ALTER TABLE kg_entity ADD COLUMN full_name TEXT NOT NULL DEFAULT '';
ALTER TABLE kg_entity ADD COLUMN stock_code TEXT NOT NULL DEFAULT '';
ALTER TABLE kg_entity ADD COLUMN country TEXT NOT NULL DEFAULT '';
ALTER TABLE kg_entity ADD COLUMN generic_actor INTEGER NOT NULL DEFAULT 0 CHECK (generic_actor IN (0, 1));
)sql"},
  };
}

}  // namespace xinzhi::kg
