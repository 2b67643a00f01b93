#!/usr/bin/python3
"""Chain atlas benchmark: `xinzhi chain atlas` on a generated chain of 10,000 segments and
1,000,000 firm-in-segment links, against the same per-segment counts (firms in total and
in the region) done by the sqlite3 shell with GROUP BY on the same database, in the same run.

The generated chain: 10,000 segments in three stages with 20,000 links, 100,000 firms spread
over the provinces (天津 about 3 %), each link a distinct (segment, firm) pair; deterministic
(seed 7). Prints best-of-N wall times, peak memory and the ratio sqlite3 / xinzhi.
Usage: bench/chain_atlas.py path/to/xinzhi [runs]
"""
import json, os, random, sqlite3, subprocess, sys, tempfile, time

xinzhi = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
SEGMENTS, LINKS, FIRMS, MEMBERS = 10_000, 20_000, 100_000, 1_000_000
PROVINCES = ["天津市"] * 3 + ["北京市"] * 8 + ["河北省"] * 5 + ["广东省"] * 20 + ["江苏省"] * 18 + ["浙江省"] * 14 + \
    ["上海市"] * 12 + ["山东省"] * 10 + [""] * 10


def generate(db):
    subprocess.run([xinzhi, "db", "migrate", "--db", db], check=True, capture_output=True)
    rnd = random.Random(7)
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("BEGIN")
    con.execute("INSERT INTO chain(id, name, origin) VALUES (1, 'bench', 'generated')")
    stages = ["上游", "中游", "下游"]
    con.executemany("INSERT INTO chain_segment(id, chain_id, name, stage) VALUES (?, 1, ?, ?)",
                    ((i + 1, f"环节{i}", stages[i * 3 // SEGMENTS]) for i in range(SEGMENTS)))
    links = set()
    while len(links) < LINKS:
        a, b = rnd.randrange(SEGMENTS), rnd.randrange(SEGMENTS)
        if a < b:
            links.add((a + 1, b + 1))
    con.executemany("INSERT INTO chain_link(chain_id, from_id, to_id, kind) VALUES (1, ?, ?, 'link')", sorted(links))
    con.executemany("INSERT INTO chain_firm(id, chain_id, name, name_key, province, patents) VALUES (?, 1, ?, ?, ?, ?)",
                    ((i + 1, f"企业{i}", f"企业{i}", rnd.choice(PROVINCES), rnd.randrange(20)) for i in range(FIRMS)))
    members = set()
    while len(members) < MEMBERS:
        members.add((rnd.randrange(SEGMENTS) + 1, rnd.randrange(FIRMS) + 1))
    con.executemany("INSERT INTO chain_member(chain_id, segment_id, firm_id, role) VALUES (1, ?, ?, '')", sorted(members))
    con.execute("COMMIT")
    con.close()


PEER_SQL = ("SELECT m.segment_id, count(DISTINCT m.firm_id), "
            "count(DISTINCT CASE WHEN f.province = '天津市' THEN m.firm_id END) "
            "FROM chain_member m JOIN chain_firm f ON f.id = m.firm_id WHERE m.chain_id = 1 GROUP BY m.segment_id;")


def timed(cmd):
    # Peak memory from GNU time: rusage of a child forked from this (large) Python process
    # would count the parent's pages it inherited before exec.
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"bench: {cmd[0]} failed: {proc.stderr}")
    return elapsed, int(proc.stderr.strip().splitlines()[-1]) / 1024  # MiB


def best(cmd):
    results = [timed(cmd) for _ in range(runs)]
    return min(r[0] for r in results), max(r[1] for r in results)


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "bench.db")
    t0 = time.perf_counter()
    generate(db)
    print(f"generated {SEGMENTS:,} segments, {LINKS:,} links, {FIRMS:,} firms, {MEMBERS:,} firm links "
          f"in {time.perf_counter() - t0:.1f} s ({os.path.getsize(db) / 2**20:.0f} MiB)")
    # Same answer from both: firms per segment in total and in Tianjin.
    out = subprocess.run([xinzhi, "chain", "atlas", "bench", "--region", "天津", "--db", db, "--json"],
                         check=True, capture_output=True, text=True).stdout
    atlas = {s["name"]: (s["firms"], s["local"]) for s in json.loads(out)["segments"]}
    peer = subprocess.run(["sqlite3", db, PEER_SQL], check=True, capture_output=True, text=True).stdout
    for line in peer.splitlines():
        seg, total, local = map(int, line.split("|"))
        assert atlas[f"环节{seg - 1}"] == (total, local), (seg, atlas[f"环节{seg - 1}"], total, local)
    x_time, x_mem = best([xinzhi, "chain", "atlas", "bench", "--region", "天津", "--db", db, "--json"])
    x_text, _ = best([xinzhi, "chain", "atlas", "bench", "--region", "天津", "--db", db])
    p_time, p_mem = best(["sqlite3", db, PEER_SQL])
    print(f"chain atlas, best of {runs} (counts checked equal for all {len(atlas):,} segments):")
    print(f"  xinzhi chain atlas --json  {x_time:.3f} s  peak {x_mem:.0f} MiB  (whole atlas: counts, shares, HHI,")
    print(f"                                               gaps with candidates, leaders, JSON output)")
    print(f"  xinzhi chain atlas (text)  {x_text:.3f} s")
    print(f"  sqlite3 GROUP BY           {p_time:.3f} s  peak {p_mem:.0f} MiB  (two counts per segment only)")
    print(f"  ratio sqlite3/xinzhi       {p_time / x_time:.2f}x")
