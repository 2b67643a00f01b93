#!/usr/bin/python3
"""ICKG import benchmark: `xinzhi import ickg` against a peer measured in the same run.

The peer is Python's sqlite3 module (the same SQLite library) doing the same job: read and
check the ICKG25 files, then insert entities and relations into Xinzhi's own schema (made by
`xinzhi db migrate` before its clock starts) with the same pragmas in one transaction. Xinzhi also infers kinds and regions, which the peer does
not. Prints the best of N runs for each and the ratio peer / xinzhi (above 1: xinzhi faster).

Then the same import into PostgreSQL 15 (a throwaway cluster from tests/postgres/cluster.sh,
COPY through store::BulkInsert) against the import into SQLite, both with the schema migrated
before the clock starts: the ratio PostgreSQL / SQLite (at most 1: PostgreSQL as fast).
Usage: bench/ickg_import.py path/to/xinzhi [runs]
"""
import itertools, json, os, sqlite3, subprocess, sys, tempfile, time

data = os.environ.get("XINZHI_SHARED_DATA",
                      os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data"))
folder = os.path.join(data, "ickg", "ICKG25")
xinzhi = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3


def run_xinzhi(db, migrated=False):
    if migrated:
        subprocess.run([xinzhi, "db", "migrate", "--db", db], check=True, capture_output=True)
    start = time.perf_counter()
    out = subprocess.run([xinzhi, "import", "ickg", folder, "--db", db, "--json", "--log-level", "warn"],
                         check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - start, json.loads(out)


def run_peer(db):
    # Same schema as Xinzhi's, created by Xinzhi's own migrations before the clock starts.
    subprocess.run([xinzhi, "db", "migrate", "--db", db], check=True, capture_output=True)
    start = time.perf_counter()
    def pairs(name):
        out = {}
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    text, _, ident = line.rstrip("\n").rpartition("\t")
                    out[int(ident)] = text.strip()
        return out
    entities, relations = pairs("entity2id.txt"), pairs("relation2id.txt")
    dates = {}
    with open(os.path.join(folder, "time2id.txt")) as f:
        for line in f:
            i, d = line.strip().split(",")
            dates[int(i)] = d
    quads = []
    for split in ("train.txt", "valid.txt", "test.txt"):
        with open(os.path.join(folder, split)) as f:
            for line in f:
                h, r, t, d = map(int, line.split())
                assert h in entities and t in entities and r in relations and d in dates
                quads.append((h, r, t, d))
    con = sqlite3.connect(db, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "cache_size=-65536"):
        con.execute("PRAGMA " + pragma)
    con.execute("BEGIN IMMEDIATE")
    con.execute("INSERT INTO kg_source(name, format) VALUES ('ICKG25', 'ickg')")
    con.executemany("INSERT INTO kg_entity(source_id, ext_id, name, name_key, kind) VALUES (1, ?, ?, ?, 'other') "
                    "ON CONFLICT DO NOTHING",
                    ((str(i), n, n.replace(" ", "").lower()) for i, n in entities.items()))
    row = dict(con.execute("SELECT ext_id, id FROM kg_entity"))
    con.executemany("INSERT INTO kg_relation(source_id, head_id, kind, tail_id, observed_on) VALUES (1,?,?,?,?) "
                    "ON CONFLICT DO NOTHING",
                    ((row[str(h)], relations[r], row[str(t)], dates[d]) for h, r, t, d in quads))
    con.execute("COMMIT")
    con.close()
    return time.perf_counter() - start


def best(fn):
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            result = fn(os.path.join(tmp, "bench.db"))
            times.append(result[0] if isinstance(result, tuple) else result)
    return min(times)


if not os.path.isdir(folder):
    sys.exit(f"bench: ICKG25 not found at {folder} (set XINZHI_SHARED_DATA)")
with tempfile.TemporaryDirectory() as tmp:
    _, report = run_xinzhi(os.path.join(tmp, "check.db"))
assert report["relations"]["added"] == 68237, report
x, p = best(run_xinzhi), best(run_peer)
print(f"ickg import (60,868 entities, 68,237 relations), best of {runs}:")
print(f"  xinzhi import ickg   {x:.3f} s  (includes kind and region inference)")
print(f"  python3 sqlite3 peer {p:.3f} s")
print(f"  ratio peer/xinzhi    {p / x:.2f}x")

# The same import on both engines, migrated before the clock starts.
here = os.path.dirname(os.path.abspath(__file__))
cluster = os.path.join(here, "..", "tests", "postgres", "cluster.sh")
schemas = itertools.count(1)
with tempfile.TemporaryDirectory() as state:
    subprocess.run([cluster, "start", state], check=True, capture_output=True)
    try:
        base = open(os.path.join(state, "url")).read().strip()

        def run_postgres(_):
            schema = f"bench_{next(schemas)}"
            subprocess.run(["psql", "-qtAX", base, "-c", f"CREATE SCHEMA {schema}"], check=True)
            return run_xinzhi(f"{base}?options=-csearch_path%3D{schema}", migrated=True)

        pg = best(run_postgres)
        lite = best(lambda db: run_xinzhi(db, migrated=True))
    finally:
        subprocess.run([cluster, "stop", state], check=True, capture_output=True)
print(f"ickg import by engine (schema migrated first), best of {runs}:")
print(f"  SQLite               {lite:.3f} s")
print(f"  PostgreSQL (COPY)    {pg:.3f} s")
print(f"  ratio PostgreSQL/SQLite {pg / lite:.2f}x")
