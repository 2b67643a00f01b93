#!/usr/bin/python3
"""Two Xinzhi replicas behind nginx on one PostgreSQL database (deploy/nginx): sign in through
nginx, use the session on the other replica, write through nginx from four clients, kill one
replica with SIGKILL mid-load, and check that no session and no acknowledged write is lost.

Usage: replicas_test.py path/to/xinzhi   ($XINZHI_TEST_POSTGRES names the file holding the
test cluster's address, written by tests/postgres/cluster.sh)
"""
import http.client, json, os, signal, socket, subprocess, sys, tempfile, threading, time

xinzhi = os.path.abspath(sys.argv[1])
here = os.path.dirname(os.path.abspath(__file__))
proxy_conf = os.path.join(here, "..", "..", "deploy", "nginx", "xinzhi-proxy.conf")
base = open(os.environ["XINZHI_TEST_POSTGRES"]).read().strip()
nginx = "/usr/sbin/nginx"
if not os.path.exists(nginx):
    print("replicas: nginx is not installed (scripts/setup-deps.sh installs it)")
    sys.exit(1)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, what, seconds=20):
    end = time.time() + seconds
    while time.time() < end:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"replicas: {what} did not come up within {seconds} s")


def request(port, method, path, body=None, headers=None, conn=None):
    c = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    data = json.dumps(body).encode() if body is not None else None
    h = dict(headers or {})
    if data is not None:
        h["Content-Type"] = "application/json"
    c.request(method, path, body=data, headers=h)
    r = c.getresponse()
    payload = r.read()
    if conn is None:
        c.close()
    return r.status, payload, r


schema = f"replicas_{os.getpid()}"
subprocess.run(["psql", "-qtAX", base, "-c", f"CREATE SCHEMA {schema}"], check=True)
db = f"{base}?options=-csearch_path%3D{schema}"
subprocess.run([xinzhi, "db", "migrate", "--db", db], check=True, capture_output=True)
subprocess.run([xinzhi, "demo", "accounts", "--db", db], check=True, capture_output=True)

tmp = tempfile.mkdtemp(prefix="xinzhi-replicas-")
os.chmod(tmp, 0o755)
web = os.path.join(tmp, "web")
os.makedirs(web)
with open(os.path.join(web, "index.html"), "w", encoding="utf-8") as f:
    f.write("<!doctype html><title>新质</title>")
pa, pb, pn = free_port(), free_port(), free_port()
origin = f"http://127.0.0.1:{pn}"
procs = {}
failures = []
try:
    for name, port in (("a", pa), ("b", pb)):
        procs[name] = subprocess.Popen(
            [xinzhi, "serve", "--db", db, "--port", str(port), "--web-root", web, "--trusted-proxy", "127.0.0.1",
             "--public-origin", origin, "--scheduler-tick", "0", "--log-level", "warn"],
            stdout=subprocess.DEVNULL, stderr=open(os.path.join(tmp, f"{name}.log"), "w"))
        wait_until(lambda: request(port, "GET", "/api/health")[0] == 200, f"replica {name}")
    conf = os.path.join(tmp, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
daemon off;
events {{ worker_connections 256; }}
http {{
  access_log off;
  client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy; fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
  upstream xinzhi {{
    server 127.0.0.1:{pa} max_fails=2 fail_timeout=5s;
    server 127.0.0.1:{pb} max_fails=2 fail_timeout=5s;
    keepalive 8;
  }}
  server {{
    listen 127.0.0.1:{pn};
    client_max_body_size 1m;
    location / {{
      proxy_pass http://xinzhi;
      include {os.path.abspath(proxy_conf)};
    }}
  }}
}}
""")
    procs["nginx"] = subprocess.Popen([nginx, "-p", tmp, "-c", conf, "-e", f"{tmp}/error.log"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until(lambda: request(pn, "GET", "/api/health")[0] == 200, "nginx")

    # The dashboard through nginx.
    status, page, _ = request(pn, "GET", "/")
    assert status == 200 and "新质" in page.decode(), (status, page[:80])

    # Sign in through nginx; the session works on either replica.
    status, body, r = request(pn, "POST", "/api/auth/login", {"username": "admin", "password": "demo-admin-2026"},
                              {"Origin": origin})
    assert status == 200, (status, body)
    cookie = r.getheader("Set-Cookie").split(";")[0]
    csrf = json.loads(body)["csrf_token"]
    for port in (pa, pb):
        status, body, _ = request(port, "GET", "/api/auth/me", headers={"Cookie": cookie})
        assert status == 200, (port, status, body)

    acknowledged, refused, lock = [], [], threading.Lock()
    stop = threading.Event()

    def client(k):
        conn = http.client.HTTPConnection("127.0.0.1", pn, timeout=10)
        i = 0
        while not stop.is_set():
            name = f"负载机构-{k}-{i}"
            i += 1
            try:
                status, body, _ = request(pn, "POST", "/api/orgs", {"name": name, "kind": "enterprise"},
                                          {"Cookie": cookie, "X-CSRF-Token": csrf, "Origin": origin}, conn)
                me, _, _ = request(pn, "GET", "/api/auth/me", headers={"Cookie": cookie}, conn=conn)
            except (OSError, http.client.HTTPException) as e:
                with lock:
                    refused.append((name, repr(e)))
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", pn, timeout=10)
                continue
            with lock:
                (acknowledged if status == 201 else refused).append((name, status))
                if me != 200:
                    failures.append(f"the session was refused ({me}) after {name}")

    threads = [threading.Thread(target=client, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    time.sleep(1.5)
    before_kill = len(acknowledged)
    procs["a"].send_signal(signal.SIGKILL)
    procs["a"].wait()
    time.sleep(2.0)
    stop.set()
    for t in threads:
        t.join()
    after_kill = len(acknowledged) - before_kill

    status, body, _ = request(pn, "GET", "/api/orgs", headers={"Cookie": cookie})
    assert status == 200, (status, body)
    stored = {o["name"] for o in json.loads(body)["orgs"]}
    lost = [name for name, _ in acknowledged if name not in stored]
    status, _, _ = request(pn, "GET", "/api/auth/me", headers={"Cookie": cookie})
    # A write in flight when its replica died may fail (502), or may have landed before the
    # answer was lost; nginx must not repeat it, so nothing lands twice (names are unique).
    odd = [(n, s) for n, s in refused if s not in (502, 504) and not isinstance(s, str)]
    print(f"replicas: {before_kill} writes acknowledged before the kill, {after_kill} after; "
          f"{len(refused)} refused or cut off at the kill; {len(lost)} acknowledged writes lost")
    if before_kill < 10 or after_kill < 10:
        failures.append("too few writes went through on either side of the kill")
    if lost:
        failures.append(f"acknowledged writes lost: {lost[:5]}")
    if odd:
        failures.append(f"answers other than 201, 502 or 504: {odd[:5]}")
    if len(refused) > 8:
        failures.append(f"{len(refused)} writes refused: more than the four clients had in flight (twice)")
    if status != 200:
        failures.append(f"the session was lost after the kill ({status})")
finally:
    for p in procs.values():
        if p.poll() is None:
            p.terminate()
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
    if failures:
        for name in ("a", "b"):
            print(f"--- replica {name} log ---\n" + open(os.path.join(tmp, f"{name}.log")).read()[-2000:])
        print("--- nginx ---\n" + open(os.path.join(tmp, "error.log")).read()[-2000:])
    subprocess.run(["rm", "-rf", tmp])

for f in failures:
    print("replicas: FAIL " + f)
sys.exit(1 if failures else 0)
