#!/usr/bin/python3
"""xinzhi text search (BM25, --idf fts5) against its peer, SQLite FTS5's bm25(), on the same
documents: 3,000 lines of the SIGHAN 2005 PKU gold segmentation (words of CJK characters,
letters and digits only, so that FTS5's unicode61 tokenizer sees the same words) and queries
of one and two words from rare to common. The ranked lines must be the same and the scores
equal to 1e-9 relative.

Usage: bm25_vs_fts5.py XINZHI SEGMENTATION_DIR     (exit 77: the data folder is missing)
"""
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile

WORD = re.compile(r"^[\u4e00-\u9fd5a-z0-9]+$")


def main():
    xinzhi, folder = sys.argv[1], sys.argv[2]
    gold = os.path.join(folder, "pku_test_gold.utf8")
    if not os.path.exists(gold):
        print(f"skipped: {gold} is missing")
        return 77
    docs = []
    for line in open(gold, encoding="utf-8").read().splitlines()[:3000]:
        docs.append(" ".join(w.lower() for w in line.split() if WORD.match(w.lower())))
    counts = {}
    for d in docs:
        for w in set(d.split()):
            counts[w] = counts.get(w, 0) + 1
    by_count = sorted(counts, key=lambda w: (counts[w], w))
    picks = [by_count[int(i * (len(by_count) - 1) / 11)] for i in range(12)]  # rare … the commonest
    queries = [[w] for w in picks] + [[picks[i], picks[-1 - i]] for i in range(4)]
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    db.executemany("INSERT INTO t(rowid, x) VALUES (?, ?)", [(i + 1, d) for i, d in enumerate(docs)])
    failed = 0
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        f.write("\n".join(docs) + "\n")
        path = f.name
    try:
        for q in queries:
            out = subprocess.run([xinzhi, "text", "search", path, " ".join(q), "--presegmented", "--idf", "fts5",
                                  "--top", "100000", "--json"], check=True, capture_output=True, text=True).stdout
            ours = sorted((-h["score"], h["line"]) for h in json.loads(out)["hits"])
            match = " OR ".join(f'"{w}"' for w in q)
            peer = sorted((bm25, rowid) for rowid, bm25 in db.execute("SELECT rowid, bm25(t) FROM t WHERE t MATCH ?", (match,)))
            same_lines = sorted(l for _, l in ours) == sorted(l for _, l in peer)
            worst = max((abs(a[0] - b[0]) / max(abs(b[0]), 1e-300) for a, b in zip(ours, peer)), default=0.0)
            ok = same_lines and worst <= 1e-9 and len(ours) == len(peer)
            failed += not ok
            print(f"{' '.join(q):12} {len(ours):5} lines (FTS5 {len(peer):5}); largest relative score difference {worst:.1e}"
                  f"{'' if ok else '  FAILED'}")
    finally:
        os.unlink(path)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
