#!/usr/bin/python3
"""The new-quality-productive-forces index against NumPy on the same raw data: this script reads
../shared/data/provinces itself (its own name clean-up, ratios, gap filling), computes entropy and
CRITIC weights, pooled min-max TOPSIS and, per year, the Gini coefficient and Dagum's
decomposition over the four economic regions, and compares every region-year's index, every
weight and every year's Gini parts with `xinzhi nqpf index --json` for both shipped systems
(1e-9); the workbook `--xlsx` writes in the same run holds the same numbers, cell for cell; and
the R&D Malmquist index of `xinzhi nqpf productivity --json`, every province and pair of years,
against SciPy's HiGHS on the four DEA programs per pair (1e-6 relative).
Exit 77 (skipped) when the data folder is missing.
Usage: nqpf_vs_numpy.py path/to/xinzhi path/to/provinces
"""
import csv, glob, json, math, os, re, subprocess, sys

import numpy as np
import openpyxl
import tempfile

xinzhi, folder = sys.argv[1], sys.argv[2]
if not os.path.isdir(folder):
    print("no provinces folder; skipped")
    sys.exit(77)
system_dir = os.path.join(os.path.dirname(__file__), "../../data/nqpf")

TYPOS = {"山两": "山西", "江两": "江西", "两藏": "西藏", "内蒙占": "内蒙古"}
FULL = {"北京": "北京市", "天津": "天津市", "上海": "上海市", "重庆": "重庆市", "内蒙古": "内蒙古自治区",
        "广西": "广西壮族自治区", "西藏": "西藏自治区", "宁夏": "宁夏回族自治区", "新疆": "新疆维吾尔自治区"}
REGIONS = {"东部": "北京 天津 河北 上海 江苏 浙江 福建 山东 广东 海南", "中部": "山西 安徽 江西 河南 湖北 湖南",
           "西部": "内蒙古 广西 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆", "东北": "辽宁 吉林 黑龙江"}


def diff(a, b):
    """|a − b|, infinite when either is missing or not finite (so that NaN never passes)."""
    if a is None or b is None or not math.isfinite(a) or not math.isfinite(b):
        return math.inf
    return abs(a - b)


def full(name):
    name = TYPOS.get(re.sub(r"\s+", "", name), re.sub(r"\s+", "", name))
    return name if name == "全国" else FULL.get(name, name + "省")


GROUP = {full(p): g for g, ps in REGIONS.items() for p in ps.split()}

data = {}  # (province, code) -> {year: value}
for path in glob.glob(os.path.join(folder, "*.csv")):
    stem = os.path.basename(path)[:-4]
    for row in csv.DictReader(open(path, encoding="utf-8-sig")):
        if "variables" not in row or row["value"] in ("NA", ""):
            continue
        data.setdefault((full(row["province"]), f"{stem}/{row['variables']}"), {})[int(row["year"])] = float(row["value"])


def indicator_series(province, ind, years):
    def at(code, y):
        return data.get((province, code), {}).get(y)
    out = []
    for y in years:
        if "series" in ind:
            out.append(at(ind["series"], y))
        else:
            n, d = at(ind["numerator"], y), at(ind["denominator"], y)
            out.append(None if n is None or d is None or d == 0 else n / d * ind.get("scale", 1))
    known = [i for i, v in enumerate(out) if v is not None]
    for a, b in zip(known, known[1:]):
        if b - a - 1 > 3:  # longer runs stay missing
            continue
        for g in range(a + 1, b):
            out[g] = out[a] + (g - a) / (b - a) * (out[b] - out[a])
    return out


def dagum(values, groups):
    y = np.array(values)
    n, mu = len(y), y.mean()
    names = sorted(set(groups), key=groups.index)
    idx = {g: np.array([i for i, x in enumerate(groups) if x == g]) for g in names}
    gini = np.abs(y[:, None] - y[None, :]).sum() / (2 * n * n * mu)
    within = between = trans = 0.0
    for j, gj in enumerate(names):
        yj = y[idx[gj]]
        pj, sj = len(yj) / n, len(yj) * yj.mean() / (n * mu)
        within += np.abs(yj[:, None] - yj[None, :]).sum() / (2 * len(yj) ** 2 * yj.mean()) * pj * sj
        for gh in names[:j]:
            yh = y[idx[gh]]
            ph, sh = len(yh) / n, len(yh) * yh.mean() / (n * mu)
            gap = yj[:, None] - yh[None, :]
            gjh = np.abs(gap).sum() / (len(yj) * len(yh) * (yj.mean() + yh.mean()))
            d, p = (np.clip(gap, 0, None).sum(), np.clip(-gap, 0, None).sum())
            if yj.mean() < yh.mean():
                d, p = p, d
            D = (d - p) / (d + p)
            between += gjh * (pj * sh + ph * sj) * D
            trans += gjh * (pj * sh + ph * sj) * (1 - D)
    return gini, within, between, trans


worst = 0.0
for system_file in sorted(glob.glob(os.path.join(system_dir, "*.json"))):
    system = json.load(open(system_file, encoding="utf-8"))
    for method in ("entropy", "critic"):
        got = json.loads(subprocess.run([xinzhi, "nqpf", "index", "--provinces", folder, "--system", system_file,
                                         "--weights", method, "--json"], check=True, capture_output=True).stdout)
        years = got["years"]
        inds = [i for d in system["dimensions"] for i in d["indicators"]]
        provinces = got["regions"]
        rows, keys = [], []
        for p in provinces:
            series = [indicator_series(p, ind, list(range(1990, 2025))) for ind in inds]
            for y in years:
                vals = [s[y - 1990] for s in series]
                if all(v is not None for v in vals):
                    rows.append(vals)
                    keys.append((p, y))
        x = np.array(rows)
        lo, hi = x.min(axis=0), x.max(axis=0)
        z = (x - lo) / np.where(hi > lo, hi - lo, 1)
        m = len(x)
        if method == "entropy":
            p_ = z / z.sum(axis=0)
            with np.errstate(divide="ignore", invalid="ignore"):
                e = -np.nansum(np.where(p_ > 0, p_ * np.log(p_), 0), axis=0) / math.log(m)
            w = (1 - e) / (1 - e).sum()
        else:
            sigma = z.std(axis=0, ddof=1)
            r = np.corrcoef(z, rowvar=False)
            c = sigma * (1 - r).sum(axis=0)
            w = c / c.sum()
        d_plus = np.sqrt(((w * (1 - z)) ** 2).sum(axis=1))
        d_minus = np.sqrt(((w * z) ** 2).sum(axis=1))
        closeness = d_minus / (d_plus + d_minus)
        want = dict(zip(keys, closeness))
        got_w = [i["weight"] for i in got["indicators"]]
        worst = max(worst, *(diff(a, b) for a, b in zip(got_w, w)))
        scored = [c for c in got["cells"] if c["scored"]]
        if len(scored) != len(want):
            sys.exit(f"{system['id']} {method}: {len(scored)} scored region-years, NumPy has {len(want)}")
        for c in scored:
            worst = max(worst, diff(c["index"], want[(c["region"], c["year"])]))
            # Competition ranks within the year, highest first.
            same_year = [v for (p, y), v in want.items() if y == c["year"]]
            rank = 1 + sum(1 for v in same_year if v > want[(c["region"], c["year"])] + 1e-12)
            if rank != c["rank"]:
                sys.exit(f"{system['id']} {method}: {c['region']} {c['year']} rank {c['rank']}, NumPy {rank}")
        for g in got["gaps"]:
            cells = [c for c in scored if c["year"] == g["year"]]
            mine = dagum([c["index"] for c in cells], [GROUP[c["region"]] for c in cells])
            worst = max(worst, *(diff(a, b) for a, b in zip(mine, (g["gini"], g["within"], g["between"], g["transvariation"]))))
        print(f"{system['id']} {method}: {len(scored)} region-years, {len(got['gaps'])} years of gaps agree with NumPy")
# The workbook of one run against that run's JSON.
with tempfile.TemporaryDirectory() as tmp:
    book_path = os.path.join(tmp, "index.xlsx")
    got = json.loads(subprocess.run([xinzhi, "nqpf", "index", "--provinces", folder, "--json", "--xlsx", book_path],
                                    check=True, capture_output=True).stdout)
    book = openpyxl.load_workbook(book_path)
    rows = list(book["指数"].iter_rows(min_row=2, values_only=True))
    if len(rows) != len(got["cells"]):
        sys.exit(f"workbook: {len(rows)} rows, JSON {len(got['cells'])} cells")
    for row, c in zip(rows, got["cells"]):
        if (row[0], row[1]) != (c["region"], c["year"]):
            sys.exit(f"workbook row {row[:2]} against {c['region']} {c['year']}")
        if c["scored"]:
            if (row[4] if row[4] != "" else None) != c["rank_change"]:
                sys.exit(f"workbook: {c['region']} {c['year']} rank change {row[4]!r}, JSON {c['rank_change']!r}")
            want = [c["index"], c["rank"]] + [d["closeness"] for d in c["dimensions"]]
            got_row = [row[2], row[3]] + list(row[5:5 + len(c["dimensions"])])
            worst = max(worst, *(diff(a, b) for a, b in zip(got_row, want)))
        elif row[-1] != c["missing"]:
            sys.exit(f"workbook: {c['region']} {c['year']} says missing {row[-1]!r}, JSON {c['missing']!r}")
    weights = [r[4] for r in book["权重"].iter_rows(min_row=2, values_only=True)]
    worst = max(worst, *(diff(a, i["weight"]) for a, i in zip(weights, got["indicators"])))
    print(f"workbook: {len(rows)} rows and {len(weights)} weights agree with the JSON")
print(f"largest difference {worst:.1e}")
if worst > 1e-9:
    sys.exit("nqpf index: xinzhi and NumPy disagree")

# R&D productivity: the Malmquist index of `xinzhi nqpf productivity` against SciPy's HiGHS on
# the same raw data. Output-oriented Farrell scores D = 1/φ, φ = max{φ : Xλ ≤ x0, Yλ ≥ φ y0,
# λ ≥ 0 (Σλ = 1 for VRS)}; effch = D11/D00, techch = √(D01/D11 · D00/D10), pech as effch on VRS.
from scipy.optimize import linprog

INPUTS = ["RDLaborHour/v4_zh_qsdl_hj", "RDActivity/v4_zh_nbzc_hj"]
OUTPUTS = ["RDPatentAuthority/v4_cg_zlsq2_fm", "MarketPush/v4_cg_jssc_je"]
got = json.loads(subprocess.run([xinzhi, "nqpf", "productivity", "--provinces", folder, "--json"],
                                check=True, capture_output=True, text=True).stdout)
years = got["years"]
provinces = sorted({p for (p, code) in data if p != "全国"})
units = [p for p in provinces if all(data.get((p, c), {}).get(y) is not None for c in INPUTS + OUTPUTS for y in years)]
left = sorted(l["province"] for l in got["left_out"])
if left != sorted(set(provinces) - set(units)):
    sys.exit(f"productivity: left out {left}, SciPy leaves out {sorted(set(provinces) - set(units))}")


def frontier(y):
    return (np.array([[data[(p, c)][y] for c in INPUTS] for p in units]),
            np.array([[data[(p, c)][y] for c in OUTPUTS] for p in units]))


def farrell(x0, y0, tech, vrs):
    # Each column divided by its mean over the frontier: the same program, but HiGHS's
    # tolerances are absolute, and unscaled (R&D spending near 1e7 beside patents near 1e2) it
    # stops up to 0.2% off the optimum (浙江 2023: 0.67133 unscaled, 0.67010 scaled, as xinzhi).
    X, Y = tech
    sx, sy = X.mean(axis=0), Y.mean(axis=0)
    X, Y, x0, y0 = X / sx, Y / sy, x0 / sx, y0 / sy
    n = len(units)
    # variables φ, λ1..λn; maximise φ
    c = np.r_[-1.0, np.zeros(n)]
    a_ub = np.vstack([np.c_[np.zeros(X.shape[1]), X.T], np.c_[y0, -Y.T]])
    b_ub = np.r_[x0, np.zeros(Y.shape[1])]
    eq = dict(A_eq=np.r_[0.0, np.ones(n)].reshape(1, -1), b_eq=[1.0]) if vrs else {}
    res = linprog(c, A_ub=a_ub, b_ub=b_ub, bounds=[(None, None)] + [(0, None)] * n, method="highs", **eq)
    return 1 / res.x[0] if res.status == 0 else math.nan


techs = {y: frontier(y) for y in years}
worst_tfp = 0.0
rows = {(r["province"], r["from"]): r for r in got["rows"]}
for i, p in enumerate(units):
    for a, b in zip(years, years[1:]):
        x0, y0 = techs[a][0][i], techs[a][1][i]
        x1, y1 = techs[b][0][i], techs[b][1][i]
        d00, d11 = farrell(x0, y0, techs[a], False), farrell(x1, y1, techs[b], False)
        d01, d10 = farrell(x1, y1, techs[a], False), farrell(x0, y0, techs[b], False)
        v00, v11 = farrell(x0, y0, techs[a], True), farrell(x1, y1, techs[b], True)
        want = {"effch": d11 / d00, "techch": math.sqrt(d01 / d11 * d00 / d10), "pech": v11 / v00}
        want["tfpch"] = want["effch"] * want["techch"]
        r = rows[(p, a)]
        for k, v in want.items():
            if diff(r[k], v) / abs(v) > 1e-6:
                print(f"  {p} {a}→{b} {k}: xinzhi {r[k]}, SciPy {v}")
            worst_tfp = max(worst_tfp, diff(r[k], v) / abs(v))
print(f"productivity: {len(units)} provinces, {len(years) - 1} pairs of years, largest relative difference {worst_tfp:.1e}")
if worst_tfp > 1e-6:
    sys.exit("nqpf productivity: xinzhi and SciPy disagree")
