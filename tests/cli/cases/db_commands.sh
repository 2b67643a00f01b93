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
