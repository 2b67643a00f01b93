# Input–output multipliers and linkages: the Miller & Blair two-sector table as an ONS-style CSV
# and as an NBS-style workbook, and bad tables, each failing with file:line or the sector named.
# tolerance: 1e-9 relative
# checked: the multipliers 1.5182 and 1.4521 (= 1.15 / 0.7575 and 1.10 / 0.7575) and the
#   linkages against Miller & Blair (2009) §2.3 by hand, as in tests/engines/io/leontief_test.cpp
#   (backward 1.0222 / 0.9778; forward = Ghosh row sums 1.9142 and 1.2541 over their mean); the
#   JSON lines are the same numbers in full. The UK 2010 table against the ONS publication is in
#   tests/modules/linkage/linkage_service_test.cpp (real data). The rest is behaviour (messages,
#   exit codes).
xinzhi io multipliers --table fixtures/io/miller_blair.csv
xinzhi io multipliers --table fixtures/io/nbs_layout.xlsx --json
xinzhi io multipliers --table fixtures/io/miller_blair.csv --top 1
xinzhi io multipliers --table fixtures/io/text_cell.csv; echo "exit $?"
xinzhi io multipliers --table fixtures/io/no_marker.csv; echo "exit $?"
xinzhi io multipliers --table fixtures/io/missing_row.csv; echo "exit $?"
xinzhi io multipliers --table fixtures/io/not_productive.csv; echo "exit $?"
xinzhi io multipliers --table fixtures/io/absent.csv; echo "exit $?"
xinzhi io multipliers; echo "exit $?"
