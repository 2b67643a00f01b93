#!/usr/bin/python3
"""xinzhi text stem against its peer, Debian's python3-snowballstemmer 2.2 (Snowball English,
Porter2), word for word: every distinct word of the NASA technology listings' titles
(../shared/data/matching/nasa-patents.csv), of the hand-written WoS fixture, and words chosen
to reach each rule and exception of the algorithm.

Usage: stem_vs_snowball.py XINZHI SHARED_DATA_DIR FIXTURES_DIR
Exits 77 (skipped) when the listing is missing.
"""
import csv
import os
import re
import subprocess
import sys

RULES = """caresses ponies ties cries gas gaps kiwis this caress us bus agreed feed bleed plastered
motoring sing hopping hoping filing conflated troubled sized tanned falling hissing fizzed failing
filing happy sky cry by say enjoy generously communication arsenal generate generic commune
relational conditional rational valenci hesitanci digitizer conformabli radicalli differentli
vileli analogousli vietnamization predication operator feudalism decisiveness hopefulness
callousness formaliti sensitiviti sensibiliti triplicate formative formalize electriciti
electrical hopeful goodness revival allowance inference airliner gyroscopic adjustable
defensible irritant replacement adjustment dependent adoption homologou communism activate
angulariti homologous effective bowdlerize probate rate cease controll roll skis skies dying
lying tying idly gently ugly early only singly news howe atlas cosmos bias andes inning innings
outing outings canning cannings herring herrings earring earrings proceed proceeds exceed
exceeds succeed succeeds consign consigned consigning consignment consist consisted
consistency consistent consistently consisting consists consolation consolations
knack knackeries knaves knavish kneaded kneading knee kneel kneeled kneeling kneels knees
'tis nasa's yesterday's yelling yell youth yyy ayy yeye boy boys toy toyed heyday
abilities ability aerodynamic aerodynamically accumulated accumulator accumulators
emerged emergency organ organic organization universal university later past paste"""


def main():
    xinzhi, data, fixtures = sys.argv[1:4]
    listing = os.path.join(data, "matching", "nasa-patents.csv")
    if not os.path.exists(listing):
        print(f"skipped: {listing} is missing")
        return 77
    import snowballstemmer

    texts = [RULES]
    with open(listing, encoding="utf-8-sig", newline="") as f:
        texts += [row["Title"] for row in csv.DictReader(f, delimiter=";")]
    wos = os.path.join(fixtures, "literature", "wos_savedrecs.txt")
    if os.path.exists(wos):
        with open(wos, encoding="utf-8-sig") as f:
            texts.append(f.read())
    words = sorted({w for t in texts for w in re.findall(r"[a-z']+", t.lower()) if w.strip("'")})
    out = subprocess.run([xinzhi, "text", "stem", "--keep-stop-words"], input="\n".join(words) + "\n",
                         check=True, capture_output=True, text=True)
    ours = out.stdout.split("\n")[:-1]
    assert len(ours) == len(words), (len(ours), len(words))
    stemmer = snowballstemmer.stemmer("english")
    wrong = [(w, a, stemmer.stemWord(w.strip("'"))) for w, a in zip(words, ours) if a != stemmer.stemWord(w.strip("'"))]
    for w, a, b in wrong[:20]:
        print(f"{w}: xinzhi {a!r}, snowball {b!r}")
    assert not wrong, f"{len(wrong)} of {len(words)} words differ"
    print(f"{len(words)} words: the same stems as snowballstemmer (english)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
