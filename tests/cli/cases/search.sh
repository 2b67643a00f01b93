# The search box from the command line: the sample region (28 firms, 17 segments, 2 chains) and
# the demo scenarios; exact names before prefixes before names that only contain the term,
# shorter names first; scenarios also by BM25 over their words (码头 集卡: words of the port
# scenario's needs, apart and in another order); '%' is a character, not a wildcard; an empty
# term is refused.
# checked: by hand against the lists in src/modules/kg/sample_region.cpp (锂 is in three firm
#   names and one segment; 数据库 is a segment and part of two firm names) and the demo list.
xinzhi demo seed --db s.db > /dev/null
xinzhi demo accounts --db s.db > /dev/null
xinzhi demo scenarios --db s.db > /dev/null
xinzhi search 锂 --db s.db
xinzhi search 数据库 --db s.db --limit 1
xinzhi search 港口 --db s.db --json
xinzhi search '码头 集卡' --db s.db
xinzhi search '%' --db s.db
xinzhi search ' ' --db s.db; echo "exit $?"
