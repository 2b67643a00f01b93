# The new-quality-productive-forces index on a trimmed copy of the provincial statistics (six
# provinces, 2018–2023, with a spaced name, a recognition error and a missing year planted), the
# capital stock, and the errors bad folders and systems get.
# tolerance: 1e-6 relative
# checked: the index and weights (and the productivity index, against SciPy) on the full data (tests/cli/nqpf_vs_numpy.py,
#   which recomputes every region-year from the raw CSVs); here they are regression with the
#   fixes and fills they report. The capital stock by hand: K_1952 = 0.79 / 0.1 = 7.9 (as
#   CHNCapitalStock's test), K_1953 = 7.9 · 0.904 + 1.2 / 1.01 = 8.3297, K_1954 = 8.3297 ·
#   0.904 + 1.5 / 1.03 = 8.9864; Chongqing from 1090 · 313 / 850 = 401.3765 in 1996 to 434.2679
#   in 1997 (CHNCapitalStock's test). The rest is behaviour (messages, exit codes).
xinzhi nqpf systems
xinzhi nqpf index --provinces fixtures/provinces
xinzhi nqpf index --provinces fixtures/provinces --system tech-productivity --weights critic --year 2021
xinzhi nqpf index --provinces fixtures/provinces --json | python3 -c "import json,sys; d=json.load(sys.stdin); print(d['years'], d['regions']); print(json.dumps(d['fills'], ensure_ascii=False)); print([ (c['region'], c['year'], c.get('missing')) for c in d['cells'] if not c['scored']])"
xinzhi nqpf explain --provinces fixtures/provinces --region 天津 --from 2018 --to 2023
xinzhi nqpf explain --provinces fixtures/provinces --region 河北 --from 2018 --to 2021; echo "exit $?"
xinzhi nqpf explain --provinces fixtures/provinces --region 火星; echo "exit $?"
xinzhi dea capital-stock --data fixtures/nqpf/capital.csv
xinzhi dea capital-stock --data fixtures/nqpf/capital.csv --region 重庆 --json
xinzhi dea capital-stock --data fixtures/nqpf/capital_gap.csv; echo "exit $?"
xinzhi nqpf index --provinces fixtures/provinces-bad; echo "exit $?"
xinzhi nqpf index --provinces fixtures/provinces-dup; echo "exit $?"
xinzhi nqpf index --provinces fixtures/absent; echo "exit $?"
xinzhi nqpf index --provinces fixtures/provinces --system fixtures/nqpf/no_source.json; echo "exit $?"
xinzhi nqpf index --provinces fixtures/provinces --system fixtures/nqpf/unknown_series.json; echo "exit $?"
xinzhi nqpf index --provinces fixtures/provinces --system nope; echo "exit $?"
xinzhi nqpf productivity --provinces fixtures/provinces
xinzhi nqpf productivity --provinces fixtures/provinces --region 天津 --from 2020 --to 2023
xinzhi nqpf productivity --provinces fixtures/provinces --from 2010; echo "exit $?"
xinzhi nqpf productivity --provinces fixtures/provinces --region 火星; echo "exit $?"
xinzhi nqpf index --provinces fixtures/provinces --system fixtures/nqpf/formula.json --year 2023
xinzhi nqpf index --provinces fixtures/provinces --system fixtures/nqpf/bad_formula.json; echo "exit $?"
xinzhi nqpf import --provinces fixtures/provinces --db v/nqpf.db
xinzhi nqpf save-system --file fixtures/nqpf/formula.json --db v/nqpf.db
xinzhi nqpf save-system --file fixtures/nqpf/bad_formula.json --db v/nqpf.db; echo "exit $?"
xinzhi nqpf delete-system rd-per-head --db v/nqpf.db
xinzhi nqpf delete-system rd-per-head --db v/nqpf.db; echo "exit $?"
xinzhi nqpf delete-system three-elements --db v/nqpf.db; echo "exit $?"
xinzhi nqpf index --provinces fixtures/provinces-nbs --system fixtures/nqpf/nbs.json
xinzhi nqpf index --provinces fixtures/provinces-nbs-bad --system fixtures/nqpf/nbs.json; echo "exit $?"
xinzhi nqpf import --provinces fixtures/provinces-nbs --db v/nbs.db --json
xinzhi nqpf import --add --provinces fixtures/provinces-nbs/rd-personnel.xlsx --db v/nbs.db --json
xinzhi nqpf import --add --provinces fixtures/provinces-nbs/make_workbooks.py --db v/nbs.db; echo "exit $?"
