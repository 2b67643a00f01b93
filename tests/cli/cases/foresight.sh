# Patent heat map and bursts on a small planted series; bad patent files and parameters.
# tolerance: 1e-9 relative
#   (lines 5, 13 and 17 print doubles in full)
# checked: recomputed independently in Python from fixtures/patents/bursty.jsonl: 320 records
#   and 454 codes (line 1); the yearly counts behind the shares of lines 10-12 (G06T 4 and 24 of
#   40, H04N 14 of 40, G09B in every record); the section-level JSON of line 13 (80 records, 40 a
#   year, all in G); the quarter growth of line 17 (2021: 12, 10, 9, 9 records: 10/12 - 1,
#   9/10 - 1, 0); the bursts of lines 3-5 (periods, strengths, records, the 112 records of the
#   天津 company) by a separate two-state Kleinberg (binomial costs, up move gamma·ln n), equal
#   to the printed digits. By hand: line 20 and 322|105 on line 29 (2 mapped rows, 104 + 1
#   university records), and the one mini-ickg patent of lines 41-54 (company 1, 2025-01-02,
#   industry 动力电池). The source lines (7, 15, 51) and line 13's provenance by hand: the
#   file's first and last dates (2015-01-01, 2022-12-24, `sort` on publication_date); 2022 and
#   every month of 2025 are incomplete (the last date falls before their last day, lines 8 and
#   52), so growth ends at 2021 or nowhere; 2019–2020 are complete (line 13). The rest is
#   behaviour (messages naming file:line, exit codes).
xinzhi import patents fixtures/patents/bursty.jsonl --format jsonl --db p.db
xinzhi foresight bursts --db p.db
xinzhi foresight bursts --db p.db --region 天津 --applicant-kind company --json
xinzhi foresight heatmap --db p.db --top 3 --measure share --csv hm.csv && cat hm.csv
xinzhi foresight heatmap --db p.db --level section --counting fractional --from 2019 --to 2020 --json | sed "s/\"compute_seconds\":[^,]*,//; s/\"imported_at\":\"[^\"]*\"/\"imported_at\":\"(time)\"/"
xinzhi foresight heatmap --db p.db --period quarter --from 2021 --to 2021 --measure growth --growth-window 1 --top 1 --csv q.csv && cat q.csv
xinzhi import patents fixtures/patents/mapped.csv --format csv --db p.db; echo "exit $?"
xinzhi import patents fixtures/patents/mapped.csv --format csv --map "number=Pub No,date=Filed,codes=IPC,applicant=Owner" --db p.db
xinzhi import patents fixtures/patents/mapped.csv --format csv --map "number=Pub No,day=Filed" --db p.db; echo "exit $?"
xinzhi import patents fixtures/patents/bad-date.csv --db p.db; echo "exit $?"
xinzhi import patents fixtures/patents/no-codes.csv --db p.db; echo "exit $?"
xinzhi import patents fixtures/patents/bursty.jsonl --db p.db; echo "exit $?"
sqlite3 p.db "SELECT count(*), sum(CASE WHEN applicant_kind = 'university' THEN 1 ELSE 0 END) FROM patent"
xinzhi foresight heatmap --db p.db --s 1; echo "exit $?"
xinzhi foresight heatmap --db p.db --gamma 0; echo "exit $?"
xinzhi foresight heatmap --db p.db --from 2022 --to 2015; echo "exit $?"
xinzhi foresight heatmap --db p.db --json --csv x.csv; echo "exit $?"
xinzhi foresight heatmap --db empty.db; echo "exit $?"
# Patents held by companies in an imported knowledge graph, by the holder's industry.
xinzhi import ickg fixtures/mini-ickg --db k.db > /dev/null
xinzhi import patents --format kg --db k.db
xinzhi import patents --format kg --db k.db --json
xinzhi foresight heatmap --level industry --period month --db k.db --csv k.csv && cat k.csv
xinzhi import patents fixtures/patents/bursty.jsonl --format kg --db k.db; echo "exit $?"
