# Entity resolution at ICKG import: the listed-company table beside the ICKG folder (the shared
# data's layout) by default, --listed FILE, --no-listed; a malformed table stops the import.
# tolerance: exact
# checked: by hand from fixtures/resolve: 8 companies, all placed nowhere by their names but
#   东方雨虹 (海南省, 东方 read as 东方市) and 南方航空 (none); the table has 4 rows. 赣锋锂业 is placed
#   in 江西省 by its registered name, 东方雨虹 moved to 北京市, 比亚迪 keeps no place (its registered
#   name names none), 南方航空 becomes national (中国南方航空…), 福特汽车 and 美国铝业 are 境外 美国,
#   锂电池厂商 a generic actor (锂电池 is the graph's industry), 华为 unresolved. The sqlite3 rows
#   show what is stored. With --no-listed the three short names without a place stay unresolved.
#   The bad table's message names its file and line 2.
xinzhi import ickg fixtures/resolve/ickg/G --db t.db
sqlite3 t.db "SELECT name, province, country, full_name, stock_code, generic_actor, national FROM kg_entity WHERE kind = 'company' ORDER BY CAST(ext_id AS INTEGER)"
xinzhi import ickg fixtures/resolve/ickg/G --db u.db --no-listed --json | grep -A24 '"region_resolution"'
xinzhi import ickg fixtures/resolve/ickg/G --db v.db --listed fixtures/resolve/bad-company.json; echo "exit $?"
sqlite3 v.db "SELECT count(*) FROM kg_entity"
xinzhi import ickg fixtures/resolve/ickg/G --db v.db --listed fixtures/resolve/chainkg/company.json --no-listed; echo "exit $?"
