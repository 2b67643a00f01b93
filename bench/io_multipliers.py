#!/usr/bin/python3
"""Input–output benchmark: Type I output multipliers and linkages (`xinzhi io multipliers
--json --timing`) against NumPy (LAPACK) doing the same in the same run: the UK 2010 domestic
table (127 products, ../shared/data/io) and a synthetic 1,000-sector table (seed 7). Both
answers are checked equal (multipliers, backward and forward linkages to 1e-9 relative).
Times are best of N and count the computation only (xinzhi's compute_s; NumPy from the
arrays in memory); reading the CSV is reported apart.
Usage: bench/io_multipliers.py path/to/xinzhi [runs]
"""
import csv, json, os, subprocess, sys, tempfile, time

import numpy as np

xinzhi = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
shared = os.environ.get("XINZHI_SHARED_DATA", os.path.join(os.path.dirname(__file__), "../../shared/data"))


def numpy_linkages(z, x):
    a = z / x
    l = np.linalg.inv(np.eye(len(x)) - a)
    m = l.sum(axis=0)
    g = (l * x[None, :]) / x[:, None]
    fl = g.sum(axis=1)
    return m, m / m.mean(), fl / fl.mean()


def best(fn):
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def write_table(path, names, z, x):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["sector"] + names + ["Total intermediate demand"])
        for i, n in enumerate(names):
            w.writerow([n] + [repr(v) for v in z[i]] + [repr(z[i].sum())])
        w.writerow(["Total output"] + [repr(v) for v in x] + [""])


def read_ons(path):
    rows = list(csv.reader(open(path, encoding="utf-8")))
    n = rows[0].index("Total intermediate demand") - 1
    z = np.array([[float(v) for v in r[1 : n + 1]] for r in rows[1 : n + 1]])
    out = next(r for r in rows if r[0] == "Total output")
    return z, np.array([float(v) for v in out[1 : n + 1]])


def compare(label, path, z, x):
    np_time, (m, bl, fl) = best(lambda: numpy_linkages(z, x))
    results = []
    for _ in range(runs):
        out = subprocess.run([xinzhi, "io", "multipliers", "--table", path, "--json", "--timing"], check=True,
                             capture_output=True, text=True).stdout
        results.append(json.loads(out))
    x_time = min(r["timing"]["compute_s"] for r in results)
    read = min(r["timing"]["read_s"] for r in results)
    s = results[0]["sectors"]
    for key, ref in (("output_multiplier", m), ("backward_linkage", bl), ("forward_linkage", fl)):
        got = np.array([v[key] for v in s])
        diff = np.max(np.abs(got - ref) / np.abs(ref))
        assert diff < 1e-9, f"{label}: {key} differs by {diff:.2e} relative"
    print(f"  {label:<28} xinzhi {x_time * 1000:8.2f} ms   numpy {np_time * 1000:8.2f} ms   "
          f"ratio numpy/xinzhi {np_time / x_time:5.2f}x   (xinzhi reading the CSV: {read * 1000:.0f} ms)")


print(f"io multipliers: Leontief inverse, multipliers, Rasmussen and Ghosh linkages (best of {runs}; "
      "answers equal to 1e-9 relative)")
uk = os.path.join(shared, "io/uk-2010-iot-domestic.csv")
if os.path.exists(uk):
    z, x = read_ons(uk)
    compare("UK 2010, 127 products", uk, z, x)
with tempfile.TemporaryDirectory() as tmp:
    rng = np.random.default_rng(7)
    n = 1000
    z = rng.uniform(0, 100, size=(n, n)) * (rng.uniform(size=(n, n)) < 0.3)
    x = z.sum(axis=0) * rng.uniform(1.5, 4, size=n)
    path = os.path.join(tmp, "synthetic.csv")
    names = [f"s{i}" for i in range(n)]
    write_table(path, names, z, x)
    z, x = read_ons(path)  # the values as xinzhi reads them (repr round-trips)
    compare(f"synthetic, {n:,} sectors", path, z, x)
