# Each bad file fails with exit code 2, names file:line, and leaves the database as it was.
xinzhi import ickg fixtures/mini-ickg --db t.db > /dev/null
xinzhi import ickg fixtures/bad-id --db t.db; echo "exit $?"
xinzhi import ickg fixtures/bad-relation --db t.db; echo "exit $?"
xinzhi import ickg fixtures/bad-columns --db t.db; echo "exit $?"
xinzhi import ickg fixtures/nowhere --db t.db; echo "exit $?"
sqlite3 t.db "SELECT (SELECT count(*) FROM kg_source), (SELECT count(*) FROM kg_entity), (SELECT count(*) FROM kg_relation)"
