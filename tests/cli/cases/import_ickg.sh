# First import, then the same again: nothing is added the second time.
# tolerance: exact
# checked: every count by hand from fixtures/mini-ickg: 8 entities (companies 1, 2, 3 and 5;
#   industry 0, the tail of 涉足行业; patent 4, the tail of 持有专利; other 6 and 7), 7 relations of
#   4 kinds (train 5, valid 1, test 1), 3 dates; "Claude 4" and "Claude4" the one name that folds;
#   the companies' regions from their names (中国示例集团 national); no listed-company table beside
#   the folder, so nothing is resolved and every resolution count is 0 (the second run updates
#   no stored company either). Lines 85-92 are the same
#   entities read back with sqlite3.
xinzhi import ickg fixtures/mini-ickg --db t.db
echo "exit $?"
xinzhi import ickg fixtures/mini-ickg --db t.db --json | grep -v '"seconds"'
echo "exit $?"
sqlite3 t.db "SELECT name, kind, province, district, national FROM kg_entity ORDER BY CAST(ext_id AS INTEGER)"
