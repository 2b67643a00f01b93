# Burst detection on counts an analyst brings, and bad counts with file:line.
xinzhi series burst --counts fixtures/series/spike.csv --s 2 --gamma 1 --json
xinzhi series burst --counts fixtures/series/spike.csv --s 2 --gamma 100 --json | grep -o '"bursts":.*'
xinzhi series burst --counts fixtures/series/r-above-d.csv; echo "exit $?"
xinzhi series burst --counts fixtures/series/not-a-number.csv; echo "exit $?"
xinzhi series burst --counts fixtures/series/spike.csv --s 1; echo "exit $?"
