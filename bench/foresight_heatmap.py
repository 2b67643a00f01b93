#!/usr/bin/python3
"""Technology-foresight benchmark: N generated patent records (default 10 million) with a
realistic code distribution (Zipf, exponent 1.1, over 600 IPC subclasses; 20 filing years
2003–2022; 1–5 codes per record, each with a main group), deterministic (seed 7).

Measured in one run:
  import   xinzhi reading the CSV export into memory (foresight heatmap --input) and into the
           database (import patents --format csv): records per second;
  heat map xinzhi's whole heat map once loaded (counts per subclass × year, shares, growth,
           Kleinberg bursts and emergence for every field, orders): compute_seconds;
  peers    the same counts (distinct records per subclass × year) from the same (record, year,
           subclass) rows, one per code, by the sqlite3 shell (count(DISTINCT record) …
           GROUP BY) and by pandas (groupby … nunique); also pandas' best case, size() over
           rows deduplicated beforehand (the dedupe not timed). Loading excluded, best of N.
Usage: bench/foresight_heatmap.py path/to/xinzhi [records] [runs]
"""
import os, re, sqlite3, subprocess, sys, tempfile, time, json

import numpy as np
import pandas as pd

xinzhi = sys.argv[1]
N = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000_000
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
here = os.path.dirname(os.path.abspath(__file__))


def digits(matrix, col, values, width):
    """Writes zero-padded decimal numbers into byte columns col .. col+width-1."""
    for i in range(width - 1, -1, -1):
        matrix[:, col + i] = ord("0") + values % 10
        values = values // 10


def generate(path):
    rng = np.random.default_rng(7)
    with open(os.path.join(here, "..", "data", "ipc", "titles.tsv"), encoding="utf-8") as f:
        subclasses = [line.split("\t")[0] for line in f.read().splitlines()[1:] if len(line.split("\t")[0]) == 4][:600]
    weights = 1.0 / np.arange(1, len(subclasses) + 1) ** 1.1
    weights /= weights.sum()
    width = 5
    k = rng.integers(1, width + 1, N)
    years = rng.integers(2003, 2023, N)
    dates = years * 10000 + rng.integers(1, 13, N) * 100 + rng.integers(1, 29, N)
    sub = rng.choice(len(subclasses), size=(N, width), p=weights)
    main = rng.integers(10, 100, (N, width))
    # Every line has the same width, built as a byte matrix (fast for 10 million lines):
    # P########,YYYYMMDD,A01B 12/00;G06F 31/00;…  padded with spaces, which the reader trims.
    line = 1 + 8 + 1 + 8 + 1 + width * 11 + 1
    m = np.full((N, line), ord(" "), dtype=np.uint8)
    m[:, 0] = ord("P")
    digits(m, 1, np.arange(N), 8)
    m[:, 9] = ord(",")
    digits(m, 10, dates, 8)
    m[:, 18] = ord(",")
    names = np.frombuffer("".join(subclasses).encode(), dtype=np.uint8).reshape(-1, 4)
    for j in range(width):
        col = 19 + 11 * j
        used = k > j
        block = np.full((N, 11), ord(" "), dtype=np.uint8)
        block[:, 0:4] = names[sub[:, j]]
        digits(block, 5, main[:, j], 2)
        block[:, 7:10] = np.frombuffer(b"/00", dtype=np.uint8)
        block[:, 10] = np.where(k > j + 1, ord(";"), ord(" "))
        m[used, col:col + 11] = block[used]
    m[:, -1] = ord("\n")
    with open(path, "wb") as f:
        f.write(b"number,date,codes\n")
        f.write(m.tobytes())
    del m
    # the rows the peers count: one per code, as (record, year, subclass) integers: the same
    # input xinzhi counts, where a record may name one subclass twice (it counts once)
    rec = np.repeat(np.arange(N), width)
    mask = (np.arange(width)[None, :] < k[:, None]).ravel()
    rows = pd.DataFrame({"record": rec[mask], "year": np.repeat(years, width)[mask], "subclass": sub.ravel()[mask]})
    return rows, np.array(subclasses)


def best(fn):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def main():
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        csv_path, db = os.path.join(tmp, "patents.csv"), os.path.join(tmp, "x.db")
        t = time.perf_counter()
        rows, names = generate(csv_path)
        print(f"generated {N:,} records, {len(rows):,} (record, subclass) rows, "
              f"{os.path.getsize(csv_path) / 1e6:.0f} MB CSV in {time.perf_counter() - t:.0f} s")
        mapping = "number=number,date=date,codes=codes"

        # xinzhi: read into memory and compute the heat map (JSON carries compute_seconds).
        compute, load, out = [], [], None
        for _ in range(runs):
            p = subprocess.run([xinzhi, "--log-level", "info", "foresight", "heatmap", "--input", csv_path, "--format", "csv",
                                "--map", mapping, "--top", "0", "--json"], check=True, capture_output=True, text=True)
            out = json.loads(p.stdout)
            compute.append(out["compute_seconds"])
            load.append(float(re.search(r"in ([0-9.]+) s", p.stderr).group(1)))
        x_compute, x_load = min(compute), min(load)

        # xinzhi: import into the database once (the whole transaction).
        t = time.perf_counter()
        p = subprocess.run([xinzhi, "--log-level", "info", "import", "patents", csv_path, "--format", "csv", "--map", mapping,
                            "--db", db], check=True, capture_output=True, text=True)
        x_import = time.perf_counter() - t

        # Peers count the same cells from the same rows.
        peer_db = os.path.join(tmp, "peer.db")
        con = sqlite3.connect(peer_db)
        con.execute("CREATE TABLE r(record INTEGER, year INTEGER, subclass INTEGER)")
        con.executemany("INSERT INTO r VALUES (?,?,?)", rows.itertuples(index=False, name=None))
        con.commit()
        con.close()
        sql = "SELECT subclass, year, count(DISTINCT record) FROM r GROUP BY subclass, year;"
        s_time, s_out = best(lambda: subprocess.run(["sqlite3", peer_db, sql], check=True, capture_output=True, text=True).stdout)
        p_time, p_out = best(lambda: rows.groupby(["subclass", "year"])["record"].nunique())
        # pandas' best case: the duplicates dropped beforehand, untimed, and only rows counted
        deduplicated = rows.drop_duplicates()
        p_best, p_best_out = best(lambda: deduplicated.groupby(["subclass", "year"]).size())

    # The three agree cell by cell.
    periods = out["periods"]
    ours = {(f["code"], periods[t]): c for f in out["fields"] for t, c in enumerate(f["counts"]) if c}
    sq = {(str(names[int(a)]), b): int(c) for a, b, c in (line.split("|") for line in s_out.split())}
    pdict = {(str(names[a]), str(b)): int(c) for (a, b), c in p_out.items()}
    pbest = {(str(names[a]), str(b)): int(c) for (a, b), c in p_best_out.items()}
    assert ours == sq == pdict == pbest, "counts differ"
    print(f"xinzhi heat map (counts, shares, growth, bursts, emergence; {len(out['fields'])} fields × {len(periods)} years): "
          f"{x_compute:.3f} s once loaded")
    print(f"sqlite3 GROUP BY (counts only): {s_time:.3f} s → xinzhi {s_time / x_compute:.1f}× faster")
    print(f"pandas groupby nunique (counts only): {p_time:.3f} s → xinzhi {p_time / x_compute:.1f}× faster")
    print(f"pandas groupby size on rows deduplicated beforehand (its best case, dedupe untimed): {p_best:.3f} s "
          f"→ xinzhi {p_best / x_compute:.1f}× faster")
    print(f"xinzhi reads the CSV into memory at {N / x_load:,.0f} records/s ({x_load:.1f} s); "
          f"imports it into SQLite at {N / x_import:,.0f} records/s ({x_import:.1f} s)")


main()
