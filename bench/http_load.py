#!/usr/bin/python3
"""HTTP load and soak: wrk (Debian) against `xinzhi serve` on loopback, bounded in time.

Each binary given is started on its own scratch database (demo accounts and scenarios, the
sample region) and measured with the same wrk runs, one after the other, in this run:
  health    GET /api/health, public (liveness and a database check)
  signed-in GET /api/auth/me with a session cookie (session lookup, role check, JSON)
  overview  GET /api/overview signed in (the knowledge-graph counts)
  atlas     GET /api/chains/<first>/atlas signed in
  writes    POST /api/scenario-lists with a bearer token (an audited insert), at 200 and 50 connections
  mix       90% signed-in GETs, 10% writes
then, if --soak SECONDS > 0, the mix for that long while RSS is sampled every 5 s.
wrk runs with keep-alive (its default), 2 threads, --connections (default 200).

Usage: bench/http_load.py XINZHI [--previous OLD_XINZHI] [--seconds 10] [--soak 300]
Prints a table per binary and, with --previous, the ratios new/old.
"""
import argparse, json, os, re, shutil, signal, socket, subprocess, sys, tempfile, time, urllib.parse, urllib.request

ap = argparse.ArgumentParser()
ap.add_argument("xinzhi")
ap.add_argument("--previous", help="another xinzhi binary (the previous server) measured the same way")
ap.add_argument("--seconds", type=int, default=10)
ap.add_argument("--connections", type=int, default=200)
ap.add_argument("--soak", type=int, default=0)
args = ap.parse_args()

if not shutil.which("wrk"):
    print("http_load: wrk is missing (Debian package wrk; scripts/setup-deps.sh installs it)")
    sys.exit(77)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(port, method, path, body=None, headers=None):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                 data=json.dumps(body).encode() if body is not None else None,
                                 headers={"Content-Type": "application/json", **(headers or {})})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.headers, json.loads(r.read() or b"null")


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def wrk(url, headers, seconds, script=None, connections=None):
    cmd = ["wrk", "-t2", f"-c{connections or args.connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    for h in headers:
        cmd += ["-H", h]
    if script:
        cmd += ["-s", script]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def ms(label):
        m = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not m:
            return float("nan")
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v

    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": ms("50%"), "p99": ms("99%"),
            "errors": sum(int(x) for x in errors.groups()) if errors else 0,
            "non2xx": int(non2xx.group(1)) if non2xx else 0}


def measure(binary, tmp):
    db = os.path.join(tmp, os.path.basename(binary) + str(time.time_ns()) + ".db")
    for step in (["db", "migrate"], ["demo", "seed"], ["demo", "accounts"], ["demo", "scenarios"]):
        subprocess.run([binary] + step + ["--db", db], check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen([binary, "--log-level", "warn", "serve", "--db", db, "--port", str(port),
                               "--scheduler-tick", "0"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                http(port, "GET", "/api/health")
                break
            except OSError:
                time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        h, _ = http(port, "POST", "/api/auth/login", {"username": "admin", "password": "demo-admin-2026"})
        cookie = h["Set-Cookie"].split(";")[0]
        _, tok = http(port, "POST", "/api/auth/tokens", {"name": "bench", "days": 1},
                      {"Cookie": cookie, "Origin": base,
                       "X-CSRF-Token": http(port, "GET", "/api/auth/me", headers={"Cookie": cookie})[1]["csrf_token"]})
        bearer = "Authorization: Bearer " + tok["secret"]
        _, chains = http(port, "GET", "/api/chains", headers={"Cookie": cookie})
        chain = urllib.parse.quote(chains["chains"][0]["name"]) if chains.get("chains") else None
        write_lua = os.path.join(tmp, "write.lua")
        with open(write_lua, "w") as f:
            f.write('wrk.method = "POST"\nwrk.body = \'{"title":"压测清单","description":"bench"}\'\n'
                    'wrk.headers["Content-Type"] = "application/json"\n')
        mix_lua = os.path.join(tmp, "mix.lua")
        with open(mix_lua, "w") as f:
            f.write('local n = 0\nrequest = function()\n  n = n + 1\n'
                    '  if n % 10 == 0 then\n'
                    '    local h = {["Content-Type"] = "application/json"}\n'
                    '    for k, v in pairs(wrk.headers) do h[k] = v end\n'
                    '    return wrk.format("POST", "/api/scenario-lists", h, \'{"title":"压测清单","description":"mix"}\')\n'
                    '  end\n  return wrk.format("GET", "/api/auth/me")\nend\n')
        s = args.seconds
        rows = {"health": wrk(base + "/api/health", [], s),
                "signed-in": wrk(base + "/api/auth/me", [bearer], s),
                "overview": wrk(base + "/api/overview", [bearer], s)}
        if chain is not None:
            rows["atlas"] = wrk(f"{base}/api/chains/{chain}/atlas", [bearer], s)
        rows["writes"] = wrk(base + "/api/scenario-lists", [bearer], s, write_lua)
        # Writes are serialised by the database: at 200 connections their latency is queueing
        # (Little's law: 200 / throughput); 50 writers is the load a city deployment sees.
        rows["writes c50"] = wrk(base + "/api/scenario-lists", [bearer], s, write_lua, connections=50)
        rows["mix"] = wrk(base, [bearer], s, mix_lua)
        soak = None
        if args.soak > 0:
            before = rss_kb(server.pid)
            samples = []
            proc = subprocess.Popen(["wrk", "-t2", f"-c{args.connections}", f"-d{args.soak}s", "-H", bearer,
                                     "-s", mix_lua, base], stdout=subprocess.PIPE, text=True)
            while proc.poll() is None:
                samples.append(rss_kb(server.pid))
                time.sleep(5)
            proc.communicate()
            soak = {"rss_before_mb": before / 1024, "rss_first_mb": samples[0] / 1024 if samples else 0,
                    "rss_max_mb": max(samples) / 1024 if samples else 0, "rss_last_mb": samples[-1] / 1024 if samples else 0}
        return rows, soak, rss_kb(server.pid) / 1024
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def show(name, rows, soak, rss):
    print(f"\n{name}  (wrk -t2 -c{args.connections} -d{args.seconds}s, keep-alive; RSS after {rss:.0f} MB)")
    print(f"  {'route':10} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'non-2xx':>8}")
    for k, r in rows.items():
        print(f"  {k:10} {r['rps']:>10.0f} {r['p50']:>8.2f} {r['p99']:>8.2f} {r['errors']:>7} {r['non2xx']:>8}")
    if soak:
        print(f"  soak {args.soak}s mix: RSS before {soak['rss_before_mb']:.1f} MB, first sample "
              f"{soak['rss_first_mb']:.1f}, max {soak['rss_max_mb']:.1f}, last {soak['rss_last_mb']:.1f}")


with tempfile.TemporaryDirectory() as tmp:
    new = measure(args.xinzhi, tmp)
    show(args.xinzhi, *new)
    if args.previous:
        old = measure(args.previous, tmp)
        show(args.previous + " (previous server)", *old)
        print("\nratios new/old (req/s; p99 old/new):")
        for k in new[0]:
            if k in old[0]:
                a, b = new[0][k], old[0][k]
                print(f"  {k:10} req/s {a['rps'] / max(b['rps'], 1e-9):6.1f}x   p99 {b['p99'] / max(a['p99'], 1e-9):6.1f}x")
