# Patent heat map and bursts on a small planted series; bad patent files and parameters.
xinzhi import patents fixtures/patents/bursty.jsonl --format jsonl --db p.db
xinzhi foresight bursts --db p.db
xinzhi foresight bursts --db p.db --region 天津 --applicant-kind company --json
xinzhi foresight heatmap --db p.db --top 3 --measure share --csv hm.csv && cat hm.csv
xinzhi foresight heatmap --db p.db --level section --counting fractional --from 2019 --to 2020 --json | sed "s/\"compute_seconds\":[^,]*,//"
xinzhi foresight heatmap --db p.db --period quarter --from 2021 --to 2021 --measure growth --growth-window 1 --top 1 --csv q.csv && cat q.csv
xinzhi import patents fixtures/patents/mapped.csv --format csv --db p.db; echo "exit $?"
xinzhi import patents fixtures/patents/mapped.csv --format csv --map "number=Pub No,date=Filed,codes=IPC,applicant=Owner" --db p.db
xinzhi import patents fixtures/patents/mapped.csv --format csv --map "number=Pub No,day=Filed" --db p.db; echo "exit $?"
xinzhi import patents fixtures/patents/bad-date.csv --db p.db; echo "exit $?"
xinzhi import patents fixtures/patents/no-codes.csv --db p.db; echo "exit $?"
xinzhi import patents fixtures/patents/bursty.jsonl --db p.db; echo "exit $?"
sqlite3 p.db "SELECT count(*), sum(applicant_kind = 'university') FROM patent"
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
