#!/usr/bin/python3
"""The atlas of twchains 半導體 written with --json and --xlsx in one run must agree cell by
cell: every segment's figures, every gap's candidates, every leader (read back with openpyxl)."""
import json, os, subprocess, sys, tempfile

import openpyxl

xinzhi, shared = sys.argv[1], os.environ.get("XINZHI_SHARED_DATA") or sys.argv[2]
chains = os.path.join(shared, "twchains", "chains.json")
if not os.path.exists(chains):
    print(f"skipped: {chains} not found")
    sys.exit(77)  # CTest reports SKIP (SKIP_RETURN_CODE)
with tempfile.TemporaryDirectory() as tmp:
    db, xlsx = os.path.join(tmp, "x.db"), os.path.join(tmp, "atlas.xlsx")
    subprocess.run([xinzhi, "chain", "import", chains, "--db", db], check=True, capture_output=True)
    out = subprocess.run([xinzhi, "chain", "atlas", "半導體", "--region", "天津", "--db", db, "--json", "--xlsx", xlsx],
                         check=True, capture_output=True, text=True).stdout
    atlas = json.loads(out)
    book = openpyxl.load_workbook(xlsx)
    choke_xlsx = os.path.join(tmp, "chokepoints.xlsx")
    out = subprocess.run([xinzhi, "chain", "chokepoints", "半導體", "--region", "天津", "--db", db, "--json", "--xlsx",
                          choke_xlsx], check=True, capture_output=True, text=True).stdout
    choke = json.loads(out)
    choke_rows = list(openpyxl.load_workbook(choke_xlsx).active.iter_rows(min_row=2, values_only=True))

status = lambda s: ("缺失 missing" if s["missing"] else "地点待查 unsettled" if s["unsettled"] else "薄弱 weak" if s["weak"]
                   else "覆盖 covered")
rows = list(book["环节"].iter_rows(min_row=2, values_only=True))
assert len(rows) == len(atlas["segments"]), (len(rows), len(atlas["segments"]))
for row, s in zip(rows, atlas["segments"]):
    want = (s["stage"], s["name"], s["parent"] or None, s["firms"], s["local"], s["partner"], s["unplaced"], s["local_share"], s["hhi"],
            s["patents"], status(s))
    assert tuple(row) == want, (row, want)

gap_rows = list(book["缺口"].iter_rows(min_row=2, values_only=True))
expected = []
for g in atlas["gaps"]:
    for rank, c in enumerate(g["candidates"] or [None]):
        expected.append((g["segment"], c and rank + 1, c and c["name"], c and c["strength"]))
got = [(r[0], r[6], r[7], r[10]) for r in gap_rows]
assert got == expected, (got[:3], expected[:3])

leader_rows = list(book["链主"].iter_rows(min_row=2, values_only=True))
assert [(r[1], r[3], r[4]) for r in leader_rows] == [(l["name"], l["score"], l["segments"]) for l in atlas["leaders"]]
summary = dict(book["概要"].iter_rows(min_row=2, values_only=True))
assert summary["本地覆盖率 coverage"] == atlas["coverage"] and summary["企业 firms"] == atlas["firms"]
# Excel keeps 15 significant digits; JSON writes the shortest exact form.
assert len(choke_rows) == len(choke["rows"])
for r, x in zip(choke_rows, choke["rows"]):
    assert (r[1], r[4] or "") == (x["segment"], " ".join(x["drivers"])), (r, x)
    assert abs(r[3] - x["score"]) <= 1e-12 * max(1, abs(x["score"])), (r, x)
print(f"chokepoints: {len(choke_rows)} rows agree")
print(f"xlsx agrees with json: {len(rows)} segments, {len(atlas['gaps'])} gaps, {len(gap_rows)} gap rows, "
      f"{len(leader_rows)} leaders")
