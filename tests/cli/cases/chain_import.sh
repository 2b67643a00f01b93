# The template: the shipped example imports once; bad templates fail with file:line, exit 2,
# and write nothing.
# tolerance: exact
# checked: lines 1-16 and 23-26 by hand from fixtures/templates/example.csv (example.xlsx holds
#   the same 24 rows): 1 chain, 8 segments, 9 firm rows, 9 firms of which 4 in 天津, coverage 4 of
#   8 segments = 50.0% (正极材料, 电池管理系统, its parent 动力电池, 电池回收), HHI 10000 for one
#   province and 5000 for two; the file:line of each error by reading the bad templates. The
#   candidate lists are regression only; the rest is behaviour (messages, exit codes).
xinzhi chain import fixtures/templates/example.csv --db t.db
xinzhi chain import fixtures/templates/example.csv --db t.db --json
xinzhi chain gaps 动力电池链（模板示例） --db t.db
xinzhi chain import fixtures/templates/unknown-link.csv --db t.db; echo "exit $?"
xinzhi chain import fixtures/templates/duplicate.csv --db t.db; echo "exit $?"
xinzhi chain import fixtures/templates/empty-chain.csv --db t.db; echo "exit $?"
sqlite3 t.db "SELECT count(*) FROM chain; SELECT count(*) FROM chain_segment"
# The same template as an Excel workbook, and a workbook with a bad link (Excel row number).
xinzhi chain import fixtures/templates/example.xlsx --db x.db
xinzhi chain import fixtures/templates/unknown-link.xlsx --db x.db; echo "exit $?"
xinzhi chain import fixtures/templates/missing.xlsx --db x.db; echo "exit $?"
