#!/usr/bin/python3
"""The VR patent heat map (cn-vr-2022, 2005–2022, subclasses) three ways in one run:
--json counts equal an independent count of the raw CNIPA file (Python csv module: distinct
patents per subclass and year by 申请日); --csv equals the JSON values; the PNG's cell colours are
the JSON values on the scale the JSON states (the page colours with the same `scale`), read back
with Pillow, for counts (log) and for growth (diverging, undefined cells grey, the partial 2022
undefined); burst outlines sit exactly on the cells the JSON marks as bursts (the page outlines
the same); the SVG is well-formed, the size of the PNG, with a shape per cell."""
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
    growth_hm = json.loads(run(*common, "--measure", "growth", "--json"))
    growth_png_path = os.path.join(tmp, "growth.png")
    run(*common, "--measure", "growth", "--png", growth_png_path)
    growth_png = Image.open(growth_png_path).convert("RGB")
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

# 3. PNG cell colours: the JSON's scale (log for counts, against the largest value shown), the
# colours the page's visualMap uses, interpolated linearly between equally spaced stops.
def rgb(h):
    return tuple(int(h[i:i + 2], 16) for i in (1, 3, 5))
def position(scale, v):
    if scale["max"] <= 0:
        return 0.5 if scale["kind"] == "diverging" else 0.0
    if scale["kind"] == "diverging":
        x = 0.5 + v / (2 * scale["max"])
    elif scale["kind"] == "log":
        x = math.log1p(scale["factor"] * max(0.0, v)) / math.log1p(scale["factor"] * scale["max"])
    else:
        x = v / scale["max"]
    return min(max(x, 0.0), 1.0)
def colour(scale, v):
    if v is None:
        return rgb(scale["missing"])
    stops = [rgb(c) for c in scale["colours"]]
    x = position(scale, v) * (len(stops) - 1)
    i = min(int(x), len(stops) - 2)
    f = x - i
    return tuple(round(stops[i][c] + f * (stops[i + 1][c] - stops[i][c])) for c in range(3))
scale = hm["scale"]
assert scale["kind"] == "log" and scale["unit"] == "patents", scale
assert scale["colours"] == ["#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#bd0026", "#800026"]
hi = max(max(f["values"]) for f in hm["fields"])
assert scale["max"] == hi, (scale["max"], hi)
cell_w = max(14.0, min(40.0, 900.0 / len(periods)))
def check_colours(m, image):
    outlined = 0
    for r, field in enumerate(m["fields"]):
        for t, v in enumerate(field["values"]):
            x = int(300 + cell_w * t + (cell_w - 1) / 2)
            y = int(56 + 18 * r + 8.5)
            want = colour(m["scale"], v)
            got = image.getpixel((x, y))
            assert all(abs(a - b) <= 2 for a, b in zip(got, want)), (field["code"], periods[t], got, want)
            # The outline's first pixel column: the burst colour exactly where the JSON has a
            # burst, the cell's own colour elsewhere (no outline the page does not draw).
            edge = image.getpixel((int(300 + cell_w * t), y))
            if field["burst"][t]:
                outlined += 1
                assert all(abs(a - b) <= 2 for a, b in zip(edge, rgb(m["scale"]["burst_outline"]))), (field["code"], periods[t], edge)
            else:
                assert all(abs(a - b) <= 2 for a, b in zip(edge, want)), (field["code"], periods[t], edge, want)
    return outlined
outlined = check_colours(hm, png)
assert outlined > 0
# Most cells are not near-white on the log scale (the linear scale left them so).
positions = [position(scale, v) for f in hm["fields"] for v in f["values"] if v]
assert sum(p > 0.25 for p in positions) > len(positions) / 2, sum(p > 0.25 for p in positions)
# Growth: centred on 0, the partial 2022 (data end 2022-03-17) undefined and grey, never −100 %.
assert growth_hm["scale"]["kind"] == "diverging" and growth_hm["scale"]["unit"] == "percent_per_period"
assert growth_hm["incomplete_periods"] == ["2022"] and growth_hm["growth_through"] == "2021", growth_hm["incomplete_periods"]
assert growth_hm["provenance"]["data_through"] == "2022-03-17"
for field in growth_hm["fields"]:
    assert field["values"][-1] is None, field["code"]
    assert field["cagr"] is None or field["cagr"] > -1 or field["counts"][-2] == 0, (field["code"], field["cagr"])
check_colours(growth_hm, growth_png)

# 4. SVG: same size, a shape per cell.
width = float(svg.get("width").rstrip("pt"))
height = float(svg.get("height").rstrip("pt"))
assert (round(width), round(height)) == png.size, ((width, height), png.size)
shapes = sum(1 for e in svg.iter() if e.tag.endswith("path") or e.tag.endswith("rect"))
assert shapes >= len(hm["fields"]) * len(periods), shapes
print(f"heat map exports agree: {len(hm['fields'])} fields × {len(periods)} years, "
      f"{hm['records']} records, {outlined} burst cells outlined, PNG {png.size[0]}×{png.size[1]}")
