#!/usr/bin/python3
"""DEA benchmark: the Malmquist index (`xinzhi dea malmquist --json`, CRS and VRS scores of every
unit in every period and the two cross-period CRS programs of every pair: 6 programs per unit and
pair of years, 4 of them the index's) against python3-scipy's linprog (HiGHS) solving the same
envelopment programs in the same run. A synthetic panel of 300 regions × 20 years (seed 16):
capital and labour in, output by a Cobb–Douglas frontier that shifts 2% a year, with half-normal
inefficiency. Both answers are checked equal (effch, techch, pech, tfpch to 1e-6 relative).
xinzhi's time is the whole command (reading the CSV, 2 threads); scipy's the programs alone.
Usage: bench/dea_malmquist.py path/to/xinzhi [regions] [years]
"""
import csv, json, os, subprocess, sys, tempfile, time

import numpy as np
from scipy.optimize import linprog

xinzhi = sys.argv[1]
regions = int(sys.argv[2]) if len(sys.argv) > 2 else 300
years = int(sys.argv[3]) if len(sys.argv) > 3 else 20

rng = np.random.default_rng(16)
K = rng.uniform(50, 500, size=(years, regions)) * np.linspace(1, 1.6, years)[:, None]
L = rng.uniform(10, 100, size=(years, regions))
frontier = np.exp(0.02 * np.arange(years))[:, None] * K ** 0.4 * L ** 0.6
Y = frontier * np.exp(-np.abs(rng.normal(0, 0.3, size=(years, regions))))


def radial(xs, ys, xo, yo, vrs):
    """Input-oriented Farrell score: min θ, Xλ ≤ θ x_o, Yλ ≥ y_o (Σλ = 1 under VRS)."""
    n = xs.shape[0]
    c = np.zeros(n + 1)
    c[0] = 1
    a_ub = np.vstack([np.hstack([-xo[:, None], xs.T]), np.hstack([np.zeros((ys.shape[1], 1)), -ys.T])])
    b_ub = np.concatenate([np.zeros(xs.shape[1]), -yo])
    a_eq = np.hstack([[0.0], np.ones(n)])[None, :] if vrs else None
    b_eq = [1.0] if vrs else None
    r = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    return r.x[0] if r.status == 0 else float("nan")


def scipy_malmquist():
    X = np.stack([K, L], axis=2)  # years × regions × 2
    Ys = Y[:, :, None]
    out = {}
    for u in range(regions):
        crs = [radial(X[t], Ys[t], X[t, u], Ys[t, u], False) for t in range(years)]
        vrs = [radial(X[t], Ys[t], X[t, u], Ys[t, u], True) for t in range(years)]
        for t in range(years - 1):
            next_on_t = radial(X[t], Ys[t], X[t + 1, u], Ys[t + 1, u], False)
            t_on_next = radial(X[t + 1], Ys[t + 1], X[t, u], Ys[t, u], False)
            effch = crs[t + 1] / crs[t]
            techch = np.sqrt(next_on_t / crs[t + 1] * crs[t] / t_on_next)
            out[(u, t)] = (effch, techch, vrs[t + 1] / vrs[t], effch * techch)
    return out


with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "panel.csv")
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["region", "year", "capital", "labour", "output"])
        for t in range(years):
            for u in range(regions):
                w.writerow([f"r{u:03d}", 2000 + t, repr(K[t, u]), repr(L[t, u]), repr(Y[t, u])])
    cmd = [xinzhi, "dea", "malmquist", "--panel", path, "--unit", "region", "--time", "year",
           "--inputs", "capital,labour", "--outputs", "output", "--json"]
    best_x, answer = None, None
    for _ in range(3):
        start = time.perf_counter()
        answer = json.loads(subprocess.run(cmd, check=True, capture_output=True).stdout)
        elapsed = time.perf_counter() - start
        best_x = elapsed if best_x is None else min(best_x, elapsed)

start = time.perf_counter()
peer = scipy_malmquist()
scipy_s = time.perf_counter() - start

worst = 0.0
for row in answer["rows"]:
    u, t = int(row["unit"][1:]), int(row["from"]) - 2000
    for k, v in zip(("effch", "techch", "pech", "tfpch"), peer[(u, t)]):
        worst = max(worst, abs(row[k] - v) / max(1.0, abs(v)))
programs = regions * years * 2 + regions * (years - 1) * 2
print(f"dea malmquist, {regions} regions x {years} years ({programs} linear programs): "
      f"xinzhi {best_x:.3f} s (best of 3, whole command), scipy linprog/HiGHS {scipy_s:.2f} s; "
      f"ratio {scipy_s / best_x:.1f}x; largest difference {worst:.1e}")
if worst > 1e-6:
    sys.exit("dea malmquist: xinzhi and scipy disagree")
