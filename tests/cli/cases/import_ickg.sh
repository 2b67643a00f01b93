# First import, then the same again: nothing is added the second time.
xinzhi import ickg fixtures/mini-ickg --db t.db
echo "exit $?"
xinzhi import ickg fixtures/mini-ickg --db t.db --json | grep -v '"seconds"'
echo "exit $?"
sqlite3 t.db "SELECT name, kind, province, district, national FROM kg_entity ORDER BY CAST(ext_id AS INTEGER)"
