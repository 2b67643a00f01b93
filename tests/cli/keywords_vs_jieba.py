#!/usr/bin/python3
"""xinzhi text keywords against its peer, python3-jieba's jieba.analyse.extract_tags (TF-IDF
over Debian's idf.txt), on real text: the titles and technical-feature texts of the CNIPA VR
patent export (../shared/data/patents/cn-vr-2022.csv). Every line's top 20 keywords must be the
same words in the same order, weights equal to 1e-12 relative.

Usage: keywords_vs_jieba.py XINZHI PATENT_CSV
Exits 77 (skipped) when the file is missing.
"""
import csv
import json
import os
import subprocess
import sys
import tempfile


def main():
    xinzhi, path = sys.argv[1], sys.argv[2]
    if not os.path.exists(path):
        print(f"skipped: {path} is missing")
        return 77
    import logging

    import jieba
    import jieba.analyse

    jieba.setLogLevel(logging.WARNING)
    lines = []
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            for field in ("标题", "技术特征"):
                text = " ".join((row.get(field) or "").split())
                if text:
                    lines.append(text)
    lines = lines[:3000]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
        name = f.name
    try:
        out = subprocess.run([xinzhi, "text", "keywords", name, "--top", "20", "--json"], check=True,
                             capture_output=True, text=True)
    finally:
        os.unlink(name)
    ours = json.loads(out.stdout)
    assert len(ours) == len(lines), (len(ours), len(lines))
    words = 0
    for number, (line, got) in enumerate(zip(lines, ours), 1):
        expected = jieba.analyse.extract_tags(line, topK=20, withWeight=True)
        assert [w for w, _ in got] == [w for w, _ in expected], f"line {number}: {got[:5]} vs {expected[:5]}"
        for (w, a), (_, b) in zip(got, expected):
            assert abs(a - b) <= 1e-12 * abs(b), f"line {number}, {w}: {a} vs {b}"
        words += len(got)
    print(f"{len(lines)} lines, {words} keywords: the same as jieba.analyse.extract_tags")
    return 0


if __name__ == "__main__":
    sys.exit(main())
