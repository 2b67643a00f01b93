# xinzhi match assign: the dense one-to-one case (LAPJV), loads and demands (network simplex),
# unmet demand explained, the fairness pass, alternates, and bad input refused with file:line.
# checked: Wikipedia's Hungarian-algorithm example (costs negated as scores): optimum 140,
#   worker 0 → job 2, 1 → 1, 2 → 0, 3 → 3. The fairness case by hand: the best total 10 uses a
#   pair scoring 0; the fair answer 1 + 6 = 7 has floor 1. Alternates by re-solving with the
#   pair forced (tests/engines/assign/assignment_test.cpp).
printf -- '-82,-83,-69,-92\n-77,-37,-49,-92\n-11,-69,-5,-86\n-8,-9,-98,-23\n' > wiki.csv
printf '1\n1\n1\n1\n' > ones.csv
xinzhi match assign --scores wiki.csv --demand ones.csv --max-load ones.csv
xinzhi match assign --scores wiki.csv --demand ones.csv --max-load ones.csv --alternates 2
# Two suppliers for request 0 (demand 2), supplier 1 may take two; request 2 has no candidate
# (an empty cell) and request 3's only candidate is a conflict.
printf '5,1,,2\n4,3,,\n' > s.csv
printf '2\n1\n1\n1\n' > demand.csv
printf '1\n2\n' > load.csv
printf 'supplier,request\n0,3\n' > conflicts.csv
xinzhi match assign --scores s.csv --demand demand.csv --max-load load.csv --forbidden conflicts.csv --json
printf '10,1\n6,0\n' > fair.csv
printf '1\n1\n' > two.csv
xinzhi match assign --scores fair.csv --demand two.csv --max-load two.csv --fair
printf 'supplier,request,score\n0,0,0.5\n1,0,0.25\n' > pairs.csv
printf '1\n' > one.csv
xinzhi match assign --candidates pairs.csv --demand one.csv --max-load two.csv --unmet-penalty 1 --json
# Bad input: a ragged row, a negative load, a forced pair that is a conflict, a word for a
# number, sizes that disagree, a missing file.
printf '1,2\n3\n' > ragged.csv
xinzhi match assign --scores ragged.csv --demand two.csv --max-load two.csv; echo "exit $?"
printf '1\n-2\n' > negative.csv
xinzhi match assign --scores fair.csv --demand two.csv --max-load negative.csv; echo "exit $?"
printf '0,3\n' > forced.csv
xinzhi match assign --scores s.csv --demand demand.csv --max-load load.csv --forbidden conflicts.csv --forced forced.csv; echo "exit $?"
printf '1,x\n' > word.csv
xinzhi match assign --scores word.csv --demand two.csv --max-load one.csv; echo "exit $?"
xinzhi match assign --scores fair.csv --demand ones.csv --max-load two.csv; echo "exit $?"
xinzhi match assign --scores none.csv --demand two.csv --max-load two.csv; echo "exit $?"
# Minimum loads nobody can meet: supplier 0 needs 3 requests but has 2 candidates left.
printf '3\n2\n' > load3.csv
printf '3\n1\n' > min.csv
xinzhi match assign --scores s.csv --demand demand.csv --max-load load3.csv --min-load min.csv --forbidden conflicts.csv; echo "exit $?"
