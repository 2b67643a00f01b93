#!/usr/bin/python3
"""MCDA benchmark: entropy weights and TOPSIS over 1,000,000 alternatives x 20 criteria,
xinzhi (`xinzhi mcda entropy|topsis --timing` on a .npy file) against NumPy doing the same in
the same run, on the same matrix (uniform 1..100, seed 7; criteria 16-20 are costs). Both
answers are checked equal (weights and every closeness to 1e-9, ranks identical). Times are
best of N; xinzhi's are its own compute times (reading the file is reported apart).
Usage: bench/mcda_topsis.py path/to/xinzhi [runs] [rows]
"""
import json, os, subprocess, sys, tempfile, time

import numpy as np

xinzhi = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
rows = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
cols = 20
benefit = np.array([True] * 15 + [False] * 5)
types = ",".join("+" if b else "-" for b in benefit)


def np_entropy(x):
    p = x / x.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        plogp = np.where(p > 0, p * np.log(p), 0.0)
    e = -plogp.sum(axis=0) / np.log(x.shape[0])
    d = 1 - e
    return d / d.sum()


def np_topsis(x, w):
    v = x / np.sqrt((x * x).sum(axis=0)) * w
    hi, lo = v.max(axis=0), v.min(axis=0)
    ideal, anti = np.where(benefit, hi, lo), np.where(benefit, lo, hi)
    dp = np.sqrt(((v - ideal) ** 2).sum(axis=1))
    dm = np.sqrt(((v - anti) ** 2).sum(axis=1))
    c = dm / (dp + dm)
    order = np.argsort(-c, kind="stable")
    rank = np.empty(len(c), dtype=np.int64)
    rank[order] = np.arange(1, len(c) + 1)
    return c, rank


def best(fn):
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def run_xinzhi(args):
    out = subprocess.run([xinzhi, "mcda"] + args + ["--json", "--timing"], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


with tempfile.TemporaryDirectory() as tmp:
    x = np.random.default_rng(7).uniform(1, 100, size=(rows, cols))
    path = os.path.join(tmp, "x.npy")
    np.save(path, x)
    np_e_time, w = best(lambda: np_entropy(x))
    np_t_time, (c, rank) = best(lambda: np_topsis(x, w))

    xe = [run_xinzhi(["entropy", "--matrix", path]) for _ in range(runs)]
    x_e_time = min(r["timing"]["compute_s"] for r in xe)
    assert np.max(np.abs(np.array(xe[0]["weights"]) - w)) < 1e-9, "entropy weights differ"
    weights = ",".join(repr(v) for v in w)
    xt = [run_xinzhi(["topsis", "--matrix", path, "--weights", weights, "--types", types]) for _ in range(runs)]
    x_t_time = min(r["timing"]["compute_s"] for r in xt)
    read_time = min(r["timing"]["read_s"] for r in xt)
    diff = np.max(np.abs(np.array(xt[0]["closeness"]) - c))
    assert diff < 1e-9, f"closeness differs by {diff}"
    assert (np.array(xt[0]["rank"]) == rank).all(), "ranks differ"

print(f"entropy weights + TOPSIS, {rows:,} alternatives x {cols} criteria (best of {runs}; answers equal: "
      f"weights and closeness to 1e-9, identical ranks):")
print(f"  entropy   xinzhi {x_e_time:.3f} s   numpy {np_e_time:.3f} s   ratio numpy/xinzhi {np_e_time / x_e_time:.1f}x")
print(f"  topsis    xinzhi {x_t_time:.3f} s   numpy {np_t_time:.3f} s   ratio numpy/xinzhi {np_t_time / x_t_time:.1f}x"
      f"   (closeness, distances and competition ranks)")
both_x, both_np = x_e_time + x_t_time, np_e_time + np_t_time
print(f"  both      xinzhi {both_x:.3f} s   numpy {both_np:.3f} s   ratio {both_np / both_x:.1f}x   (target >= 3x)")
print(f"  xinzhi reading the {rows * cols * 8 / 2**20:.0f} MiB .npy file: {read_time:.3f} s (not in the ratios)")
