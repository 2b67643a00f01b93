# Decision methods on published examples, and the errors bad matrices get.
# tolerance: 1e-9 relative
#   (lines 11 and 35-37 print doubles in full)
# checked: lines 1-8 (weights, lambda_max, CI, CR) against Saaty (2008), as in
#   tests/engines/mcda/mcda_test.cpp, and with numpy's eigenvector here; line 9 (column-normalised
#   approximation, RI 1.35) and line 11 (CR in full: numpy gives 0.02230164638009467, 5e-14
#   relative) with numpy; lines 25-27 against Opricovic & Tzeng (2004) (0.500, 0.617, 0.500);
#   lines 32-33 (entropy weights) with numpy; lines 35-37 against Zhao, Peng & Li (2013) (0.1,
#   -0.3, 0.2); lines 38-44 (FCE: max-min memberships, 0.39·90 + 0.32·75 + 0.24·60 + 0.05·40 =
#   75.5) by hand as in the engine test; the reversal weights of lines 45-50 by a separate TOPSIS
#   scan in numpy (which alternative "overtakes" is regression only); line 51 by hand
#   (100000000 · 20 · 8 bytes). The rest is behaviour (messages, exit codes).
xinzhi mcda ahp --matrix fixtures/mcda/beverages.csv
xinzhi mcda ahp --matrix fixtures/mcda/beverages.csv --method approx --ri saaty2005 | tail -1
xinzhi mcda ahp --matrix fixtures/mcda/beverages.csv --matrix fixtures/mcda/beverages.csv --json | grep -E '"(cr|experts|consistent)"'
xinzhi mcda ahp --matrix fixtures/mcda/not_square.csv; echo "exit $?"
xinzhi mcda ahp --matrix fixtures/mcda/not_reciprocal.csv; echo "exit $?"
xinzhi mcda ahp --matrix fixtures/mcda/zero.csv; echo "exit $?"
xinzhi mcda ahp --matrix fixtures/mcda/text_cell.csv; echo "exit $?"
xinzhi mcda ahp --matrix fixtures/mcda/ragged.csv; echo "exit $?"
xinzhi mcda ahp --matrix fixtures/mcda/beverages.csv --ri made-up; echo "exit $?"
xinzhi mcda topsis --matrix fixtures/mcda/opricovic.csv --weights 0.5,0.5 --types -,+ --norm minmax
xinzhi mcda topsis --matrix fixtures/mcda/opricovic.csv --weights 0.5,0.5,0.2 --types -,+; echo "exit $?"
xinzhi mcda topsis --matrix fixtures/mcda/opricovic.csv --weights 0.5,0.5 --types -,up; echo "exit $?"
xinzhi mcda entropy --matrix fixtures/mcda/opricovic.csv
xinzhi mcda promethee --matrix fixtures/mcda/zhao.csv --weights 0.5,0.3,0.2 --json | grep -A3 net_flow
xinzhi mcda fce --weights 0.2,0.5,0.3 --relation fixtures/mcda/relation.csv --operator max-min
xinzhi mcda fce --weights 0.2,0.5,0.3 --relation fixtures/mcda/relation.csv --scores 90,75,60,40 | tail -2
xinzhi mcda sensitivity --matrix fixtures/mcda/opricovic.csv --weights 0.5,0.5 --types -,+
/usr/bin/python3 -c "
h = \"{'descr': '<f8', 'fortran_order': False, 'shape': (100000000, 20), }\"
h = h + ' ' * (118 - len(h)) + '\\n'
open('forged.npy', 'wb').write(b'\\x93NUMPY\\x01\\x00' + len(h).to_bytes(2, 'little') + h.encode() + bytes(8))"
xinzhi mcda entropy --matrix forged.npy; echo "exit $?"
