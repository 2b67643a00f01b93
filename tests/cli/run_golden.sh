#!/usr/bin/env bash
# Golden tests for the xinzhi command line (igraph style): every cases/NAME.sh runs in a
# fresh folder with fixtures/ beside it; its stdout and stderr, merged, are compared with
# cases/NAME.out by golden_compare.py: text exactly, decimal numbers within the tolerance the
# case's header states (`# tolerance: 1e-9 relative`; none stated = exact, byte for byte).
# Each header also says, in `# checked:` lines, where the expected numbers come from.
# UPDATE_GOLDEN=1 rewrites the .out files instead. A third argument runs that one case only
# (ctest registers each case as a test of its own, so two cores share them evenly).
#
# With XINZHI_TEST_POSTGRES (the file tests/postgres/cluster.sh wrote the server's address
# to), every case runs on PostgreSQL instead: each `--db NAME` (and XINZHI_DB) becomes a
# schema of its own on that server, and `sqlite3 NAME "SQL"` runs the SQL there with psql, so
# the same case and the same expected output check both engines. A case whose header says
# `# engines: sqlite` (it reads the database file itself) runs on SQLite only.
set -u
bin=$(realpath "$1")
here=$(realpath "$2")
only="${3:-}"
export XINZHI_BIN="$bin"
compare=("/usr/bin/python3" "$here/golden_compare.py")
# The comparer first proves that it still fails what it must (a changed digit or word, a
# missing line) and passes a difference within tolerance.
if [ -z "$only" ] && [ "${UPDATE_GOLDEN:-}" != 1 ] && ! "${compare[@]}" --self-test > /dev/null; then
  "${compare[@]}" --self-test
  echo "cli golden: the comparer's self-test failed"; exit 1
fi
export PG_BASE=""
if [ -n "${XINZHI_TEST_POSTGRES:-}" ]; then
  PG_BASE=$(cat "$XINZHI_TEST_POSTGRES")
  [ -n "$PG_BASE" ] || { echo "cli golden: no PostgreSQL address in $XINZHI_TEST_POSTGRES"; exit 1; }
fi
export PG_RUN="g$$"
passed=0; failed=0; skipped=0
for case in "$here"/cases/*.sh; do
  name=$(basename "$case" .sh)
  [ -z "$only" ] || [ "$name" = "$only" ] || continue
  if [ -n "$PG_BASE" ] && grep -q '^# engines: sqlite$' "$case"; then skipped=$((skipped+1)); continue; fi
  work=$(mktemp -d)
  ln -s "$here/fixtures" "$work/fixtures"
  actual=$(cd "$work" && XINZHI_DB= CASE="$name" bash -c '
    # The database a case names, on the engine this run checks.
    db_of() {
      if [ -z "$PG_BASE" ]; then echo "$1"; return; fi
      local schema="${PG_RUN}_${CASE}_$(printf %s "$1" | tr -c "a-zA-Z0-9" _)"
      PGOPTIONS="-c client_min_messages=warning" psql -qtAX "$PG_BASE" -c "CREATE SCHEMA IF NOT EXISTS $schema" >/dev/null
      echo "$PG_BASE?options=-csearch_path%3D$schema"
    }
    xinzhi() {
      local args=() prev=""
      for a in "$@"; do
        if [ "$prev" = "--db" ]; then args+=("$(db_of "$a")"); else args+=("$a"); fi
        prev="$a"
      done
      XINZHI_DB=${XINZHI_DB:+$(db_of "$XINZHI_DB")} "$XINZHI_BIN" --log-level warn "${args[@]}"
    }
    if [ -n "$PG_BASE" ]; then sqlite3() { psql -qtAX "$(db_of "$1")" -c "$2"; }; export -f sqlite3; fi
    export -f xinzhi db_of
    source "$0"' "$case" 2>&1)
  rm -rf "$work"
  if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
    printf '%s\n' "$actual" > "$here/cases/$name.out"
    echo "updated $name"; continue
  fi
  if printf '%s\n' "$actual" | "${compare[@]}" "$case" "$here/cases/$name.out"; then
    passed=$((passed+1))
  else
    failed=$((failed+1))
  fi
done
[ -z "$only" ] || [ $((passed + failed + skipped)) -eq 1 ] || { echo "cli golden: no case $only"; exit 1; }
echo "cli golden${PG_BASE:+ (PostgreSQL)}: $passed passed, $failed failed, $skipped on SQLite only"
[ "$failed" -eq 0 ]
