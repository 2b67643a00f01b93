#!/usr/bin/python3
"""xinzhi match assign against a linear-programming solver (scipy's linprog, HiGHS) on the
real MIDL reviewer instance (177 reviewers × 118 papers, 3 reviewers a paper, at most 4 papers
a reviewer, and with minimum loads at least 2): the same optimum total, with and without the
minimum loads. The constraint matrix is totally unimodular, so the LP optimum is the integer
optimum. xinzhi's pairs are checked against every constraint and their scores summed again.
Then the one-to-one case (every demand and load 1: xinzhi's LAPJV) against scipy's
linear_sum_assignment on the same matrix.

Usage: assign_vs_scipy.py XINZHI MATCHING_DIR
Exits 77 (skipped) when the data folder or scipy is missing.
"""
import json
import os
import subprocess
import sys
import tempfile


def read_matrix(path):
    with open(path) as f:
        return [[float(x) for x in line.split(",")] for line in f if line.strip()]


def read_column(path):
    with open(path) as f:
        return [int(float(line.split(",")[0])) for line in f if line.strip()]


def run_xinzhi(xinzhi, args):
    out = subprocess.run([xinzhi, "match", "assign", "--json", *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def check_pairs(answer, scores, demand, max_load, min_load):
    pairs = answer["pairs"]
    assert len(set(map(tuple, pairs))) == len(pairs), "a pair chosen twice"
    load = [0] * len(max_load)
    served = [0] * len(demand)
    total = 0.0
    for s, r in pairs:
        load[s] += 1
        served[r] += 1
        total += scores[s][r]
    assert served == demand, "a paper without its reviewers"
    assert all(l <= u for l, u in zip(load, max_load)), "a reviewer over the maximum"
    if min_load:
        assert all(l >= m for l, m in zip(load, min_load)), "a reviewer under the minimum"
    assert abs(total - answer["total"]) < 1e-9, f"pairs sum to {total}, total says {answer['total']}"


def lp_optimum(scores, demand, max_load, min_load):
    import numpy as np
    from scipy.optimize import linprog
    from scipy.sparse import lil_matrix

    n, m = len(scores), len(demand)
    c = -np.array(scores).reshape(-1)  # variable s*m + r
    a_eq = lil_matrix((m, n * m))
    for s in range(n):
        for r in range(m):
            a_eq[r, s * m + r] = 1
    a_ub = lil_matrix((2 * n if min_load else n, n * m))
    b_ub = []
    for s in range(n):
        a_ub[s, s * m:(s + 1) * m] = 1
        b_ub.append(max_load[s])
    if min_load:
        for s in range(n):
            a_ub[n + s, s * m:(s + 1) * m] = -1
            b_ub.append(-min_load[s])
    result = linprog(c, A_ub=a_ub.tocsr(), b_ub=b_ub, A_eq=a_eq.tocsr(), b_eq=demand, bounds=(0, 1), method="highs")
    assert result.status == 0, result.message
    return -result.fun


def main():
    xinzhi, folder = sys.argv[1], sys.argv[2]
    try:
        import scipy  # noqa: F401
    except ImportError:
        print("skipped: python3-scipy is missing")
        return 77
    files = {k: os.path.join(folder, f"midl-{k}.csv") for k in ("scores", "covs", "loads", "loads-lb")}
    if not all(os.path.exists(p) for p in files.values()):
        print(f"skipped: the MIDL files are missing in {folder}")
        return 77
    scores = read_matrix(files["scores"])
    demand = read_column(files["covs"])
    max_load = read_column(files["loads"])
    min_load = read_column(files["loads-lb"])
    base = ["--scores", files["scores"], "--demand", files["covs"], "--max-load", files["loads"]]
    for label, extra, minimum in (("max loads", [], None), ("min and max loads", ["--min-load", files["loads-lb"]], min_load)):
        answer = run_xinzhi(xinzhi, base + extra)
        check_pairs(answer, scores, demand, max_load, minimum)
        optimum = lp_optimum(scores, demand, max_load, minimum)
        print(f"MIDL, {label}: xinzhi {answer['total']:.6f}, scipy linprog (HiGHS) {optimum:.6f}")
        assert abs(answer["total"] - optimum) < 1e-6, "xinzhi's total is not the LP optimum"
        assert answer["unmet"] == [], "every paper can get its reviewers"

    # One reviewer a paper, one paper a reviewer: LAPJV against linear_sum_assignment.
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    with tempfile.TemporaryDirectory() as tmp:
        ones_r, ones_s = os.path.join(tmp, "d.csv"), os.path.join(tmp, "u.csv")
        with open(ones_r, "w") as f:
            f.write("1\n" * len(demand))
        with open(ones_s, "w") as f:
            f.write("1\n" * len(max_load))
        answer = run_xinzhi(xinzhi, ["--scores", files["scores"], "--demand", ones_r, "--max-load", ones_s])
    rows, cols = linear_sum_assignment(np.array(scores), maximize=True)
    peer = float(np.array(scores)[rows, cols].sum())
    print(f"MIDL one-to-one: xinzhi {answer['total']:.6f} ({answer['solver']}), scipy linear_sum_assignment {peer:.6f}")
    assert answer["solver"] == "lapjv"
    assert abs(answer["total"] - peer) < 1e-9
    check_pairs(answer, scores, [1] * len(demand), [1] * len(max_load), None)
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
