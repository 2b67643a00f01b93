# Each bad file fails with exit code 2, names file:line, and leaves the database as it was.
# tolerance: exact
# checked: behaviour (messages, exit codes); the file:line and value in each message by reading
#   the bad fixtures; line 9 (1|8|7) by hand: 1 source, the 8 lines of mini-ickg/entity2id.txt,
#   7 relations (train 5, valid 1, test 1).
xinzhi import ickg fixtures/mini-ickg --db t.db > /dev/null
xinzhi import ickg fixtures/bad-id --db t.db; echo "exit $?"
xinzhi import ickg fixtures/bad-relation --db t.db; echo "exit $?"
xinzhi import ickg fixtures/bad-columns --db t.db; echo "exit $?"
xinzhi import ickg fixtures/nowhere --db t.db; echo "exit $?"
sqlite3 t.db "SELECT (SELECT count(*) FROM kg_source), (SELECT count(*) FROM kg_entity), (SELECT count(*) FROM kg_relation)"
