#!/usr/bin/python3
"""xinzhi text segment against its peer, python3-jieba 0.42.1, on the SIGHAN 2005 PKU and MSR
test sets: the words must be the same byte for byte (with and without the HMM), and the F1
against the gold segmentation must reach jieba's published scores (data/README.md: PKU .818
with HMM, .836 without; MSR .813 / .827).

Usage: segment_vs_jieba.py XINZHI SEGMENTATION_DIR
The input is built from each gold file with its spaces removed (test and gold disagree on
quote marks in 16 MSR lines). Exits 77 (skipped) when the data folder is missing.
"""
import logging
import os
import subprocess
import sys
import tempfile

PUBLISHED = {("pku", True): 0.818, ("pku", False): 0.836, ("msr", True): 0.813, ("msr", False): 0.827}


def spans(words):
    out, at = set(), 0
    for w in words:
        out.add((at, at + len(w)))
        at += len(w)
    return out


def f1(gold_lines, test_lines):
    correct = gold_total = test_total = 0
    for g, t in zip(gold_lines, test_lines):
        gs, ts = spans(g.split()), spans(t.split())
        correct += len(gs & ts)
        gold_total += len(gs)
        test_total += len(ts)
    p, r = correct / test_total, correct / gold_total
    return 2 * p * r / (p + r)


def main():
    xinzhi, folder = sys.argv[1], sys.argv[2]
    if not os.path.isdir(folder):
        print(f"skipped: {folder} is missing")
        return 77
    import jieba
    jieba.setLogLevel(logging.ERROR)
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for corpus in ("pku", "msr"):
            gold = open(os.path.join(folder, f"{corpus}_test_gold.utf8"), encoding="utf-8").read().splitlines()
            text = ["".join(line.split()) for line in gold]
            source = os.path.join(tmp, f"{corpus}.txt")
            with open(source, "w", encoding="utf-8") as f:
                f.write("\n".join(text) + "\n")
            for hmm in (True, False):
                peer = [" ".join(w for w in jieba.cut(line, HMM=hmm) if w.strip()) for line in text]
                args = [xinzhi, "text", "segment", source] + ([] if hmm else ["--no-hmm"])
                ours = subprocess.run(args, check=True, capture_output=True, text=True).stdout.splitlines()
                same = ours == peer
                score, peer_score = f1(gold, ours), f1(gold, peer)
                ok = same and score >= PUBLISHED[(corpus, hmm)] - 0.0005
                failed |= not ok
                first = next((i for i, (a, b) in enumerate(zip(ours, peer)) if a != b), None)
                print(f"{corpus} {'hmm' if hmm else 'no-hmm'}: F1 {score:.4f} (jieba {peer_score:.4f}, published "
                      f"{PUBLISHED[(corpus, hmm)]:.3f}); {'same words as jieba' if same else f'differs from jieba at line {first}'}"
                      f"{'' if ok else '  FAILED'}")
                if first is not None:
                    print(f"  ours:  {ours[first][:200]}\n  jieba: {peer[first][:200]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
