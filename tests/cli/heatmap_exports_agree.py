#!/usr/bin/python3
"""The VR patent heat map (cn-vr-2022, 2005–2022, subclasses) three ways in one run:
--json counts equal an independent count of the raw CNIPA file (Python csv module: distinct
patents per subclass and year by 申请日); --csv equals the JSON values; the PNG's cell colours are
the JSON values on the documented scale (read back with Pillow); the SVG is well-formed, the size
of the PNG, with a shape per cell."""
import csv, collections, json, math, os, subprocess, sys, tempfile
import xml.etree.ElementTree as ET

from PIL import Image

xinzhi, shared = sys.argv[1], os.environ.get("XINZHI_SHARED_DATA") or sys.argv[2]
source = os.path.join(shared, "patents", "cn-vr-2022.csv")
if not os.path.exists(source):
    print(f"skipped: {source} not found")
    sys.exit(77)  # CTest reports SKIP (SKIP_RETURN_CODE)

def run(*args):
    return subprocess.run([xinzhi, *args], check=True, capture_output=True, text=True).stdout

with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "x.db")
    run("import", "patents", source, "--format", "cnipa", "--db", db)
    common = ["foresight", "heatmap", "--from", "2005", "--to", "2022", "--top", "25", "--db", db]
    hm = json.loads(run(*common, "--json"))
    paths = {ext: os.path.join(tmp, "hm." + ext) for ext in ("csv", "png", "svg")}
    for ext, path in paths.items():
        run(*common, "--" + ext, path)
    with open(paths["csv"], encoding="utf-8") as f:
        table = list(csv.reader(f))
    png = Image.open(paths["png"]).convert("RGB")
    svg = ET.parse(paths["svg"]).getroot()

# 1. Counts against the raw file.
counts = collections.Counter()
with open(source, encoding="utf-8-sig") as f:
    for row in csv.DictReader(f):
        year = int(row["申请日"][:4])
        if 2005 <= year <= 2022:
            for sub in {c.replace(" ", "")[:4] for c in row["国际分类"].split("|") if c.strip()}:
                counts[(sub, year)] += 1
periods = hm["periods"]
assert periods == [str(y) for y in range(2005, 2023)], periods
for field in hm["fields"]:
    for t, p in enumerate(periods):
        assert field["counts"][t] == counts[(field["code"], int(p))], (field["code"], p)
# every subclass with records is counted, the shown ones are the first 25 by burst strength
assert hm["fields_with_records"] == len({k[0] for k in counts}), hm["fields_with_records"]
strengths = [f["max_strength"] for f in hm["fields"]]
assert strengths == sorted(strengths, reverse=True)

# 2. CSV = JSON values.
assert table[0] == ["field", "label_zh", "label_en", *periods]
assert len(table) == 1 + len(hm["fields"])
for row, field in zip(table[1:], hm["fields"]):
    assert row[0] == field["code"] and row[1] == field["label_zh"], row[:2]
    assert [float(x) for x in row[3:]] == field["values"], field["code"]

# 3. PNG cell colours: log scale of the count against the largest value shown, YlOrRd.
stops = [(1.00, 1.00, 0.80), (1.00, 0.93, 0.63), (0.996, 0.85, 0.46), (0.996, 0.70, 0.30), (0.99, 0.55, 0.24),
         (0.99, 0.31, 0.16), (0.89, 0.10, 0.11), (0.74, 0.00, 0.15), (0.50, 0.00, 0.15)]
def colour(x):
    x = min(max(x, 0.0), 1.0) * 8
    i = min(int(x), 7)
    f = x - i
    return tuple(round(255 * (stops[i][c] + f * (stops[i + 1][c] - stops[i][c]))) for c in range(3))
hi = max(max(f["values"]) for f in hm["fields"])
cell_w = max(14.0, min(40.0, 900.0 / len(periods)))
for r, field in enumerate(hm["fields"]):
    for t, v in enumerate(field["values"]):
        x = int(300 + cell_w * t + (cell_w - 1) / 2)
        y = int(56 + 18 * r + 8.5)
        want = colour(math.log1p(v) / math.log1p(hi))
        got = png.getpixel((x, y))
        assert all(abs(a - b) <= 2 for a, b in zip(got, want)), (field["code"], periods[t], got, want)

# 4. SVG: same size, a shape per cell.
width = float(svg.get("width").rstrip("pt"))
height = float(svg.get("height").rstrip("pt"))
assert (round(width), round(height)) == png.size, ((width, height), png.size)
shapes = sum(1 for e in svg.iter() if e.tag.endswith("path") or e.tag.endswith("rect"))
assert shapes >= len(hm["fields"]) * len(periods), shapes
print(f"heat map exports agree: {len(hm['fields'])} fields × {len(periods)} years, "
      f"{hm['records']} records, PNG {png.size[0]}×{png.size[1]}")
