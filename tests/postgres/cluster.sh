#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests on the second engine:
#   cluster.sh start STATE_DIR   initdb in a fresh folder, start on a free loopback port, write
#                                the address of database xinzhi_test to STATE_DIR/url
#   cluster.sh stop STATE_DIR    stop it and delete its files
# The server never runs as root: under root it runs as the postgres user (Debian's package
# creates it). fsync is off: the cluster lives only as long as the test run.
set -euo pipefail
action=${1:?start or stop}
state=${2:?state folder}
bin=$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || true)
[ -x "$bin/initdb" ] || { echo "cluster.sh: PostgreSQL 15 is not installed (scripts/setup-deps.sh installs it)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
  [ -f "$state/datadir" ] || return 0
  local data
  data=$(cat "$state/datadir")
  as_owner "$bin/pg_ctl" -D "$data/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$data"
  rm -f "$state/datadir" "$state/url"
}

case "$action" in
  start)
    mkdir -p "$state"
    stop  # a cluster left by an interrupted run
    data=$(mktemp -d /tmp/xinzhi-pg.XXXXXX)
    [ "$(id -u)" -eq 0 ] && chown postgres "$data"
    echo "$data" > "$state/datadir"
    as_owner "$bin/initdb" -D "$data/data" -A trust -U xinzhi -E UTF8 --locale=C.UTF-8 >"$data/initdb.log" 2>&1 ||
      { cat "$data/initdb.log" >&2; exit 1; }
    # A free port: several builds may run their tests at once.
    for attempt in 1 2 3 4 5; do
      port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
      if as_owner "$bin/pg_ctl" -D "$data/data" -l "$data/server.log" -w -t 30 start -o \
        "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
         -c full_page_writes=off -c max_connections=400 -c shared_buffers=128MB" >/dev/null; then
        break
      fi
      port=""
    done
    [ -n "$port" ] || { cat "$data/server.log" >&2; exit 1; }
    "$bin/psql" -h 127.0.0.1 -p "$port" -U xinzhi -d postgres -qc "CREATE DATABASE xinzhi_test" >/dev/null
    echo "postgresql://xinzhi@127.0.0.1:$port/xinzhi_test" > "$state/url"
    echo "cluster.sh: PostgreSQL on 127.0.0.1:$port ($data)"
    ;;
  stop) stop ;;
  *) echo "cluster.sh: start or stop" >&2; exit 2 ;;
esac
