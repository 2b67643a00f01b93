#!/usr/bin/python3
"""BM25 benchmark: `xinzhi text search --presegmented --idf fts5` against SQLite FTS5 (the
candidate issue 15 names) in the same run, on the SIGHAN 2005 PKU and MSR gold segmentations
repeated to 100,000 documents. Index build: xinzhi's "index" seconds (reading the lines and
building the inverted index in memory) against FTS5's CREATE VIRTUAL TABLE and INSERT of the
same lines in one transaction (in memory). Queries: twelve words from rare to common, each
the top 10 by bm25(); xinzhi's "query" seconds against FTS5's SELECT … ORDER BY bm25(t)
LIMIT 10. The top-10 lines are checked equal (ties by line). Best of N.
Usage: bench/text_bm25.py path/to/xinzhi [runs]
"""
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time

xinzhi = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
shared = os.environ.get("XINZHI_SHARED_DATA", os.path.join(os.path.dirname(__file__), "../../shared/data"))
folder = os.path.join(shared, "segmentation")
WORD = re.compile(r"^[\u4e00-\u9fd5a-z0-9]+$")

base = []
for corpus in ("pku", "msr"):
    for line in open(os.path.join(folder, f"{corpus}_test_gold.utf8"), encoding="utf-8").read().splitlines():
        base.append(" ".join(w.lower() for w in line.split() if WORD.match(w.lower())))
docs = [base[i % len(base)] for i in range(100_000)]
counts = {}
for d in base:
    for w in set(d.split()):
        counts[w] = counts.get(w, 0) + 1
by_count = sorted(counts, key=lambda w: (counts[w], w))
queries = [by_count[int(i * (len(by_count) - 1) / 11)] for i in range(12)]

with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
    f.write("\n".join(docs) + "\n")
    path = f.name
size_mb = os.path.getsize(path) / 1e6


def fts5_build():
    db = sqlite3.connect(":memory:")
    t = time.perf_counter()
    db.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    with db:
        db.executemany("INSERT INTO t(rowid, x) VALUES (?, ?)", ((i + 1, d) for i, d in enumerate(docs)))
    return time.perf_counter() - t, db


fts_build, db = min((fts5_build() for _ in range(runs)), key=lambda x: x[0])
print(f"{len(docs):,} documents, {size_mb:.1f} MB; FTS5 index {fts_build:.3f} s")
print("query     docs   xinzhi index s  xinzhi query ms  FTS5 query ms  query ratio  same top 10")
x_index = []
for q in queries:
    best_q, best_i, ours = float("inf"), float("inf"), None
    for _ in range(runs):
        p = subprocess.run([xinzhi, "text", "search", path, q, "--presegmented", "--idf", "fts5", "--top", "10", "--timing", "--json"],
                           check=True, capture_output=True, text=True)
        m = re.search(r"index ([0-9.e-]+) s, query ([0-9.e-]+) s", p.stderr)
        best_i, best_q = min(best_i, float(m.group(1))), min(best_q, float(m.group(2)))
        import json
        ours = [(round(-h["score"], 9), h["line"]) for h in json.loads(p.stdout)["hits"]]
    x_index.append(best_i)
    fq = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        rows = db.execute("SELECT rowid, bm25(t) FROM t WHERE t MATCH ? ORDER BY bm25(t), rowid LIMIT 10", (f'"{q}"',)).fetchall()
        fq = min(fq, time.perf_counter() - t)
    peer = [(round(s, 9), r) for r, s in rows]
    n = db.execute("SELECT count(*) FROM t WHERE t MATCH ?", (f'"{q}"',)).fetchone()[0]
    print(f"{q:8} {n:6}  {best_i:14.3f}  {best_q * 1e3:15.3f}  {fq * 1e3:13.3f}  {fq / best_q:11.1f}  {sorted(ours) == sorted(peer)}")
print(f"index build: xinzhi {min(x_index):.3f} s vs FTS5 {fts_build:.3f} s ({fts_build / min(x_index):.1f}x)")
os.unlink(path)
