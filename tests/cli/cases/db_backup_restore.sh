# Backup and restore on either engine: the backup is a SQLite file; it restores into a new
# database of either engine with the same rows and an intact audit trail, one entry longer.
# tolerance: exact
# checked: by hand: the row and entry counts of lines 1-4 agree with each other (the restore
#   copies every row; its own audit entry is the one more of line 4); the rest is behaviour.
xinzhi demo seed --db x.db > /dev/null
xinzhi demo accounts --db x.db > /dev/null
xinzhi db backup copy.db --db x.db | sed 's/.*: //'
xinzhi audit verify --db x.db | cut -d, -f1
xinzhi db restore copy.db --db y.db | sed 's/.*: //'
xinzhi audit verify --db y.db | cut -d, -f1
xinzhi chain list --db y.db
xinzhi db backup copy.db --db x.db; echo "exit $?"
xinzhi db restore copy.db --db y.db 2>&1 | sed 's/ in .* already/ in DB already/'; echo "exit ${PIPESTATUS[0]}"
xinzhi db restore missing.db --db z.db; echo "exit $?"
