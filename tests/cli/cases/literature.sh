# Papers from WoS, Scopus and CNKI exports (hand-written in each format's documented layout,
# tests/cli/fixtures/literature), a re-import that adds nothing, keyword and category bursts,
# and bad exports, each failing with file:line.
# tolerance: 1e-9 relative
# checked: the bursts (years and strengths) against a brute-force search over all 2^n state
#   sequences of Kleinberg's model on counts taken straight from the export
#   (tests/modules/literature/literature_service_test.cpp); record and term counts by hand
#   (40 WoS records 2014–2023, 30 CNKI records 2015–2024, grep -c '^PT' / '^RT'). The rest is
#   behaviour (messages, exit codes).
xinzhi import papers fixtures/literature/wos_savedrecs.txt --db lit.db
xinzhi import papers fixtures/literature/wos_savedrecs.txt --db lit.db
xinzhi literature bursts --db lit.db --top 5
xinzhi import papers fixtures/literature/cnki_refworks.txt --name "CNKI 示例" --db lit.db --json
xinzhi literature bursts --db lit.db --top 3 --json | grep -E '"(term|start|end|strength|empty_reason)"'
xinzhi import papers fixtures/literature/cnki_endnote.txt --db lit.db
xinzhi import papers fixtures/literature/scopus.csv --db lit.db
xinzhi import papers fixtures/literature/wos_tab.txt --db lit.db
xinzhi literature bursts --db lit.db --by category
xinzhi literature bursts --db empty.db
xinzhi import papers fixtures/literature/no_year.txt --db lit.db; echo "exit $?"
xinzhi import papers fixtures/literature/cut_short.txt --db lit.db; echo "exit $?"
xinzhi import papers fixtures/literature/cnki_refworks.txt --format wos --db lit.db; echo "exit $?"
xinzhi import papers fixtures/literature/scopus.csv --format bibtex --db lit.db; echo "exit $?"
xinzhi literature bursts --db lit.db --by abstract; echo "exit $?"
xinzhi literature bursts --db lit.db --s 1; echo "exit $?"
