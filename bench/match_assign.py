#!/usr/bin/python3
"""xinzhi match assign against its peers, in one run, compute time on both sides (files are
read before the clock starts), after checking that both find the same optimum:

1. Sparse dispatch: 20,000 requests × 8,000 engineers, 50 random candidate engineers per request
   (1,000,000 pairs), scores in [0, 1] with 6 decimals, demand 1–3 per request, maximum load 6
   per engineer (48,000 places for about 40,000 units). Peer: LEMON's network simplex called
   directly (bench/peers/lemon_dispatch.cpp: SmartDigraph, default pivot rule).
2. Dense one-to-one: 2,000 × 2,000 uniform scores. Peer: scipy.optimize.linear_sum_assignment.

Usage: match_assign.py XINZHI LEMON_DISPATCH [--repeat N]
Ratios above 1 mean xinzhi is faster. Targets (issue 15): sparse ≥ 1 (at least as fast as LEMON
called directly), dense > 1.
"""
import json
import os
import random
import subprocess
import sys
import tempfile
import time


def best_of(n, fn):
    best = None
    for _ in range(n):
        value = fn()
        best = value if best is None or value[0] < best[0] else best
    return best


def xinzhi_seconds(xinzhi, args):
    out = subprocess.run([xinzhi, "--log-level", "warn", "match", "assign", "--json", "--timing", *args],
                         check=True, capture_output=True, text=True)
    # stderr: "read R s, solve S s (solver)"
    solve = float(out.stderr.split("solve ")[1].split(" s")[0])
    return solve, json.loads(out.stdout)


def write_column(path, values):
    with open(path, "w") as f:
        f.write("\n".join(str(v) for v in values) + "\n")


def sparse(xinzhi, lemon, tmp, repeat):
    rng = random.Random(15)
    requests, engineers, per_request = 20000, 8000, 50
    candidates = os.path.join(tmp, "candidates.csv")
    with open(candidates, "w") as f:
        f.write("supplier,request,score\n")
        for r in range(requests):
            for s in rng.sample(range(engineers), per_request):
                f.write(f"{s},{r},{rng.randint(0, 1000000) / 1e6:.6f}\n")
    demand = [rng.randint(1, 3) for _ in range(requests)]
    write_column(os.path.join(tmp, "demand.csv"), demand)
    write_column(os.path.join(tmp, "load.csv"), [6] * engineers)
    files = [os.path.join(tmp, n) for n in ("candidates.csv", "demand.csv", "load.csv")]

    def run_lemon():
        out = subprocess.run([lemon, *files], check=True, capture_output=True, text=True)
        answer = json.loads(out.stdout)
        return answer["seconds"], answer

    ours, answer = best_of(repeat, lambda: xinzhi_seconds(xinzhi, ["--candidates", files[0], "--demand", files[1],
                                                                  "--max-load", files[2]]))
    peer, peer_answer = best_of(repeat, run_lemon)
    assert answer["missing"] == 0, "the generated instance is fully servable"
    assert abs(answer["total"] - peer_answer["total"]) < 1e-6, (answer["total"], peer_answer["total"])
    print(f"sparse dispatch {requests:,} requests × {engineers:,} engineers, {requests * per_request:,} pairs, "
          f"{sum(demand):,} units: total {answer['total']:.6f} (equal)")
    print(f"  xinzhi {ours:.3f} s ({answer['solver']}), LEMON network simplex called directly {peer:.3f} s: "
          f"ratio {peer / ours:.2f}×")


def dense(xinzhi, tmp, repeat):
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    n = 2000
    rng = np.random.default_rng(15)
    scores = rng.integers(0, 1000000, size=(n, n)) / 1e6
    path = os.path.join(tmp, "dense.npy")
    np.save(path, scores)
    write_column(os.path.join(tmp, "ones.csv"), [1] * n)
    ones = os.path.join(tmp, "ones.csv")

    def run_scipy():
        start = time.perf_counter()
        rows, cols = linear_sum_assignment(scores, maximize=True)
        seconds = time.perf_counter() - start
        return seconds, float(scores[rows, cols].sum())

    ours, answer = best_of(repeat, lambda: xinzhi_seconds(xinzhi, ["--scores", path, "--demand", ones, "--max-load", ones]))
    peer, peer_total = best_of(repeat, run_scipy)
    assert abs(answer["total"] - peer_total) < 1e-6, (answer["total"], peer_total)
    print(f"dense one-to-one {n:,} × {n:,}: total {answer['total']:.6f} (equal)")
    print(f"  xinzhi {ours:.3f} s ({answer['solver']}), scipy linear_sum_assignment {peer:.3f} s: ratio {peer / ours:.2f}×")


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    xinzhi, lemon = sys.argv[1], sys.argv[2]
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 3
    with tempfile.TemporaryDirectory() as tmp:
        sparse(xinzhi, lemon, tmp, repeat)
        dense(xinzhi, tmp, repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
