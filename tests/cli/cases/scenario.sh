# A scenario round from the command line; the evaluation's numbers equal `xinzhi mcda` on the
# same inputs (its mean-score matrix and weights).
# tolerance: 1e-9 relative
#   (line 20 prints a double in full)
# checked: lines 6, 7 and 9 are peer checks inside the case (the evaluation against xinzhi mcda,
#   within 1e-12). The closeness values of lines 8 and 20 and the AHP weights and CR of line 10
#   recomputed independently with numpy from src/modules/scenario/sample_scenarios.cpp (geometric
#   mean of the three experts' judgements, eigenvector, AHP × entropy weights, TOPSIS on the mean
#   scores): 0.8056938343958037 against 0.8056938343957667 (5e-14 relative), 0.6236, 0.1905,
#   [0.5194, 0.2733, 0.2073], CR 0.0017. Stages, messages, exit codes and sheet names are
#   behaviour.
xinzhi demo accounts --db x.db > /dev/null
xinzhi demo scenarios --db x.db
xinzhi scenario lists --db x.db
xinzhi scenario evaluate 1 --db x.db --matrix-csv m.csv --json > e.json
py() { /usr/bin/python3 -c "import json,sys; e=json.load(open('e.json')); $1"; }
w=$(py "print(','.join(repr(x) for x in e['weights']))")
xinzhi mcda topsis --matrix m.csv --weights "$w" --json > t.json
/usr/bin/python3 -c "
import json
e, t = json.load(open('e.json')), json.load(open('t.json'))
c = [a['closeness'] for a in e['applications']]
print('closeness equal to mcda topsis:', max(abs(x - y) for x, y in zip(c, t['closeness'])) < 1e-12)
print('ranks equal:', [a['rank'] for a in e['applications']] == t['rank'])
print('ranking:', ', '.join(f\"{a['rank']}. {a['org']} {a['closeness']:.4f}\" for a in sorted(e['applications'], key=lambda a: a['rank'])))"
ew=$(xinzhi mcda entropy --matrix m.csv --json | /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)['weights'])")
py "print('entropy weights equal to mcda entropy:', max(abs(x - y) for x, y in zip(e['entropy_weights'], $ew)) < 1e-12)"
py "g = e['groups'][0]; print('top-level AHP:', g['children'], [round(x, 4) for x in g['local_weights']], 'CR', round(g['cr'], 4))"
xinzhi scenario apply 1 --org 4 --solution 迟到的方案 --trl 5 --db x.db; echo "exit $?"
xinzhi scenario score 1 --expert lab --application 1 --scores 4=80 --db x.db; echo "exit $?"
xinzhi scenario advance 1 --to 推广 --db x.db; echo "exit $?"
xinzhi scenario decide 1 --application 1 --decision 综合排名第一 --db x.db
xinzhi scenario advance 1 --to 推广 --note 试点成功 --db x.db
xinzhi scenario evaluate 1 --db x.db --xlsx r.xlsx > /dev/null && /usr/bin/python3 -c "
import openpyxl; wb = openpyxl.load_workbook('r.xlsx'); print(wb.sheetnames); print([c.value for c in wb['排序'][2]][:3])"
