# Burst detection on counts an analyst brings, and bad counts with file:line.
# tolerance: 1e-9 relative
#   (line 1 prints doubles in full)
# checked: line 1 recomputed with a separate Python two-state Kleinberg over all 2^8 state
#   sequences (binomial costs, up move gamma·ln 8): p0 = 120/800, p1 = 0.3, burst 2019-2021,
#   cost 43.97078340250958 and strength 26.046999192798495, equal within 1e-14 relative but not
#   to the bit; tests/engines/series/bursts_test.cpp checks the same series (strength by hand).
#   Line 2 by hand: gamma = 100 makes going up cost 100·ln 8 ≈ 208, more than the burst's 26. The
#   rest is behaviour (messages naming file:line, exit codes).
xinzhi series burst --counts fixtures/series/spike.csv --s 2 --gamma 1 --json
xinzhi series burst --counts fixtures/series/spike.csv --s 2 --gamma 100 --json | grep -o '"bursts":.*'
xinzhi series burst --counts fixtures/series/r-above-d.csv; echo "exit $?"
xinzhi series burst --counts fixtures/series/not-a-number.csv; echo "exit $?"
xinzhi series burst --counts fixtures/series/spike.csv --s 1; echo "exit $?"
