#!/usr/bin/python3
"""Word segmentation benchmark: `xinzhi text segment` against python3-jieba 0.42.1 (its peer and
the source of its dictionary and HMM) in the same run, on the SIGHAN 2005 PKU and MSR test
sets (../shared/data/segmentation, input = gold with spaces removed), with and without the HMM.
Both outputs are checked equal word for word and scored (F1) against the gold files.
Times are best of N and count the segmentation only: jieba's cut over every line after
jieba.initialize(); xinzhi's "segmentation" seconds from --timing (reading the dictionary is
reported apart, as is xinzhi's whole run including it).
Usage: bench/text_segment.py path/to/xinzhi [runs]
"""
import logging
import os
import re
import subprocess
import sys
import tempfile
import time

import jieba

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../tests/cli"))
from segment_vs_jieba import f1  # noqa: E402  (the same scorer as the test)

xinzhi = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
shared = os.environ.get("XINZHI_SHARED_DATA", os.path.join(os.path.dirname(__file__), "../../shared/data"))
folder = os.path.join(shared, "segmentation")
jieba.setLogLevel(logging.ERROR)
t = time.perf_counter()
jieba.initialize()
jieba_load = time.perf_counter() - t


def xinzhi_run(path, hmm):
    args = [xinzhi, "text", "segment", path, "--timing"] + ([] if hmm else ["--no-hmm"])
    start = time.perf_counter()
    p = subprocess.run(args, check=True, capture_output=True, text=True)
    wall = time.perf_counter() - start
    m = re.search(r"dictionary ([0-9.e-]+) s, segmentation ([0-9.e-]+) s", p.stderr)
    return float(m.group(2)), float(m.group(1)), wall, p.stdout.splitlines()


print(f"jieba dictionary load {jieba_load:.3f} s")
print("corpus  mode     MB     jieba s  xinzhi s  ratio  jieba MB/s  xinzhi MB/s  xinzhi load s  xinzhi whole s  F1 (both)  same")
with tempfile.TemporaryDirectory() as tmp:
    for corpus in ("pku", "msr"):
        gold = open(os.path.join(folder, f"{corpus}_test_gold.utf8"), encoding="utf-8").read().splitlines()
        text = ["".join(line.split()) for line in gold]
        path = os.path.join(tmp, f"{corpus}.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(text) + "\n")
        mb = os.path.getsize(path) / 1e6
        for hmm in (True, False):
            jt, peer = float("inf"), None
            for _ in range(runs):
                start = time.perf_counter()
                peer = [" ".join(w for w in jieba.cut(line, HMM=hmm) if w.strip()) for line in text]
                jt = min(jt, time.perf_counter() - start)
            xt, load, whole, ours = float("inf"), 0.0, float("inf"), None
            for _ in range(runs):
                cut, l, w, ours = xinzhi_run(path, hmm)
                xt, load, whole = min(xt, cut), l, min(whole, w)
            print(f"{corpus:6}  {'hmm' if hmm else 'no-hmm':7} {mb:5.2f}  {jt:8.3f}  {xt:8.3f}  {jt / xt:5.1f}  {mb / jt:10.2f}  "
                  f"{mb / xt:11.2f}  {load:13.3f}  {whole:14.3f}  {f1(gold, ours):.4f}     {ours == peer}")
