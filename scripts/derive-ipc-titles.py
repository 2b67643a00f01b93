#!/usr/bin/python3
"""Derives data/ipc/titles.tsv (section, class and subclass titles, English) from the MIT-licensed
IPC title table in ../shared/data/patents/ipc-titles.tsv.gz (github.com/asgeissler/patent-data-explore).
Group titles are not bundled (78,000 rows): the heat map labels a group by its code and subclass.
Run it again only when the source table changes; the output is committed."""
import csv, gzip, sys

src = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/patents/ipc-titles.tsv.gz"
out = sys.argv[2] if len(sys.argv) > 2 else "data/ipc/titles.tsv"
titles = {}
with gzip.open(src, "rt", encoding="utf-8") as f:
    for row in csv.DictReader(f, delimiter="\t"):
        for col, n in (("section", 1), ("class", 3), ("subclass", 4)):
            code, _, title = row[col].partition("-")
            code = code.strip()
            if len(code) == n and title:
                # ";;" separates the parts of a title in the source; some repeat the first part
                parts = [p.strip() for p in title.split(";;") if p.strip()]
                parts = [p for i, p in enumerate(parts) if i == 0 or p != parts[i - 1]]
                titles.setdefault(code, "; ".join(parts))
# CPC's section Y (cross-sectional tagging) is not in the IPC table; its titles from the CPC scheme.
titles.update({
    "Y": "GENERAL TAGGING OF NEW TECHNOLOGICAL DEVELOPMENTS; CROSS-SECTIONAL TECHNOLOGIES",
    "Y02A": "TECHNOLOGIES FOR ADAPTATION TO CLIMATE CHANGE",
    "Y02E": "REDUCTION OF GREENHOUSE GAS EMISSIONS, RELATED TO ENERGY GENERATION, TRANSMISSION OR DISTRIBUTION",
    "Y02P": "CLIMATE CHANGE MITIGATION TECHNOLOGIES IN THE PRODUCTION OR PROCESSING OF GOODS",
    "Y02T": "CLIMATE CHANGE MITIGATION TECHNOLOGIES RELATED TO TRANSPORTATION",
    "Y02W": "CLIMATE CHANGE MITIGATION TECHNOLOGIES RELATED TO WASTEWATER TREATMENT OR WASTE MANAGEMENT",
    "Y04S": "SMART GRIDS",
    "Y10S": "TECHNICAL SUBJECTS COVERED BY FORMER USPC CROSS-REFERENCE ART COLLECTIONS [XRACs] AND DIGESTS",
    "Y10T": "TECHNICAL SUBJECTS COVERED BY FORMER US CLASSIFICATION",
})
with open(out, "w", encoding="utf-8", newline="\n") as f:
    f.write("code\ttitle\n")
    for code in sorted(titles):
        f.write(f"{code}\t{titles[code]}\n")
print(f"{out}: {len(titles)} codes", file=sys.stderr)
