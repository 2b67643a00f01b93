# Migrations, the sample region seeded and removed, backups.
# engines: sqlite
# tolerance: exact
# checked: by hand from src/modules/kg/sample_region.cpp: 28 companies (line 14); 57 removed
#   (line 16) = 17 segments + 28 firms + 10 patents (every third firm) + 2 chains; 8 entities
#   left (line 18) = the lines of fixtures/mini-ickg/entity2id.txt. The migration count 13
#   (lines 1 and 15 agree; chain 2, the edit authors, made it 13) is the schema's: regression only. The rest is behaviour (messages,
#   exit codes).
xinzhi db migrate --db v/x.db
xinzhi db migrate --db v/x.db --json
xinzhi demo seed --db v/x.db
xinzhi demo seed --db v/x.db --json
xinzhi db backup copy.db --db v/x.db
xinzhi db backup copy.db --db v/x.db; echo "exit $?"
sqlite3 copy.db "SELECT count(*) FROM kg_entity WHERE kind = 'company'"
XINZHI_DB=v/x.db xinzhi db status --json | grep -c applied_at
xinzhi import ickg fixtures/mini-ickg --db v/x.db > /dev/null
xinzhi demo remove --db v/x.db
sqlite3 v/x.db "SELECT name, sample FROM kg_source; SELECT count(*) FROM kg_entity"
