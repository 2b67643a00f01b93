# Graph metrics on an edge list, and bad input: each fails with file:line or a named problem.
# tolerance: 1e-9 relative
# checked: lines 1-3 on fixtures/graphs/small.csv against python3-igraph (directed betweenness
#   1, 2, 3, 0) and networkx (immediate dominators from a: b←a, c←b, d←c; articulation point c),
#   by hand here; graph_vs_igraph.py compares the same metrics with igraph on larger graphs
#   (betweenness within 1e-9 relative). The rest is behaviour (messages naming file:line, checked
#   against the fixtures; exit codes).
xinzhi graph metrics --edges fixtures/graphs/small.csv --metric betweenness --directed --json
xinzhi graph metrics --edges fixtures/graphs/small.csv --metric dominators --directed --root a --json
xinzhi graph metrics --edges fixtures/graphs/small.csv --metric articulation --json
xinzhi graph metrics --edges fixtures/graphs/missing-column.csv --metric kcore; echo "exit $?"
xinzhi graph metrics --edges fixtures/graphs/bad-weight.csv --metric betweenness; echo "exit $?"
xinzhi graph metrics --edges fixtures/graphs/self-loops.csv --metric kcore; echo "exit $?"
xinzhi graph metrics --edges fixtures/graphs/empty.csv --metric kcore; echo "exit $?"
xinzhi graph metrics --edges fixtures/graphs/small.csv --metric dominators --directed --root z; echo "exit $?"
xinzhi graph metrics --edges fixtures/graphs/small.csv --metric dominators --root a; echo "exit $?"
xinzhi graph metrics --edges fixtures/graphs/small.csv --metric pagerank > /dev/null 2>&1; echo "unknown metric: exit $?"
