# The template: the shipped example imports once; bad templates fail with file:line, exit 2,
# and write nothing.
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
