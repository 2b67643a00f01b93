# xinzhi tasks: the sample national list imported (twice: the second updates in place) from CSV
# and from a workbook as another year, the sample region's profiles, a demand matched to the
# firms of its chain segment, a candidate through the gates 储备 → 成熟 → 申报, bad input.
# checked: the gates by hand against kGates (task_types.h); the ranking is BM25 over the
#   bilingual terms (checked against SQLite FTS5 in tests/cli/bm25_vs_fts5.py).
# tolerance: 1e-9 relative
xinzhi demo seed --db x.db > /dev/null
xinzhi tasks import fixtures/tasks/sample-2026.csv --year 2026 --db x.db
xinzhi tasks import fixtures/tasks/sample-2026.csv --year 2026 --db x.db
xinzhi tasks import fixtures/tasks/demands.xlsx --year 2025 --db x.db
xinzhi tasks list --year 2026 --db x.db
xinzhi tasks profiles --db x.db | head -5
xinzhi tasks match --task 3 --top 3 --db x.db
xinzhi tasks pool add --task 3 --org 天津滨海示例锂电科技有限公司 --db x.db
xinzhi tasks pool move 1 --to 成熟 --met team,partner --db x.db; echo "exit $?"
xinzhi tasks pool move 1 --to 成熟 --met team,prior_results,partner --note 中试线已建成 --db x.db
xinzhi tasks pool move 1 --to 申报 --met materials,matching_funds,endorsement --db x.db
xinzhi tasks pool list --db x.db
# Bad input: a gate skipped, leaving without a reason, an unknown body, a bad deadline (nothing of
# the file is kept), a list without a title column.
xinzhi tasks pool add --task 3 --org 火星实验室 --db x.db; echo "exit $?"
xinzhi tasks pool move 1 --to 退出 --db x.db; echo "exit $?"
xinzhi tasks import fixtures/tasks/bad-deadline.csv --year 2027 --db x.db; echo "exit $?"
xinzhi tasks import fixtures/tasks/no-title.csv --year 2027 --db x.db; echo "exit $?"
xinzhi tasks list --year 2027 --db x.db
