# Graph metrics on an edge list, and bad input: each fails with file:line or a named problem.
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
