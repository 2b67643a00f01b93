# xinzhi transfer: listings in English and Chinese imported (all or nothing), searched in either
# language, a Chinese demand matched to English listings through the bilingual glossary (BM25
# over shared terms), a case through its checklist to a signature, another declined, bad input.
# checked: the shared terms by hand against data/transfer/glossary-en-zh.tsv; BM25 itself
#   against SQLite FTS5 (tests/cli/bm25_vs_fts5.py); coverage = shared IDF / query IDF, a query
#   term no listing holds weighing the IDF of a term held by none.
# tolerance: 1e-9 relative
xinzhi transfer import fixtures/transfer/listings.csv --format csv --db x.db
xinzhi transfer import fixtures/transfer/listings.csv --format csv --db x.db
xinzhi transfer listings --db x.db
xinzhi transfer listings --query 电池 --db x.db
xinzhi transfer listings --query "lidar calibration" --db x.db
xinzhi transfer demand --org 天津某电池企业 --title 固态电池隔膜 --text 需要锂离子电池的固态电解质隔膜技术 --db x.db
xinzhi transfer demand --org 天津某燃气公司 --title 管道应变监测 --text "pipeline strain monitoring 光纤光栅传感器" --db x.db
xinzhi transfer demands --db x.db
xinzhi transfer match --demand 1 --db x.db
xinzhi transfer match --demand 2 --db x.db
xinzhi transfer match --listing 2 --db x.db
xinzhi transfer case open --listing 1 --demand 1 --db x.db
xinzhi transfer case check 1 legal_adaptation done --note 技术进口合同登记 --db x.db
xinzhi transfer case sign 1 --db x.db; echo "exit $?"
xinzhi transfer case check 1 standards_recognition not_applicable --db x.db > /dev/null
xinzhi transfer case check 1 scenario_docking done --db x.db > /dev/null
xinzhi transfer case check 1 ip_due_diligence done --note 权利有效，无质押 --db x.db > /dev/null
xinzhi transfer case sign 1 --note 非独占许可 --db x.db
xinzhi transfer case open --listing 2 --demand 2 --db x.db > /dev/null
xinzhi transfer case decline 2 --reason trl_too_low --note 仅实验室样机 --db x.db
xinzhi transfer case list --db x.db
xinzhi transfer match --demand 2 --db x.db
# Bad input: a bad date (nothing of the file is kept), a NASA file without its header, an
# unknown demand, a case twice, IP due diligence as not applicable, a closed case changed,
# a reason not on the list, a demand with nothing to match on.
xinzhi transfer import fixtures/transfer/bad.csv --format csv --db x.db; echo "exit $?"
xinzhi transfer listings --query "good listing" --db x.db
xinzhi transfer import fixtures/transfer/nasa-no-header.csv --db x.db; echo "exit $?"
xinzhi transfer match --demand 9 --db x.db; echo "exit $?"
xinzhi transfer case open --listing 3 --demand 1 --db x.db > /dev/null
xinzhi transfer case open --listing 1 --demand 1 --db x.db; echo "exit $?"
xinzhi transfer case check 3 ip_due_diligence not_applicable --db x.db; echo "exit $?"
xinzhi transfer case check 1 legal_adaptation todo --db x.db; echo "exit $?"
xinzhi transfer case decline 3 --reason bored --db x.db; echo "exit $?"
xinzhi transfer demand --org 甲 --title 的 --text 了 --db x.db; echo "exit $?"
