#!/usr/bin/env bash
# Golden tests for the xinzhi command line (igraph style): every cases/NAME.sh runs in a
# fresh folder with fixtures/ beside it; its stdout and stderr, merged, must equal
# cases/NAME.out byte for byte. UPDATE_GOLDEN=1 rewrites the .out files instead.
set -u
bin=$(realpath "$1")
here=$(realpath "$2")
export XINZHI_BIN="$bin"
passed=0; failed=0
for case in "$here"/cases/*.sh; do
  name=$(basename "$case" .sh)
  work=$(mktemp -d)
  ln -s "$here/fixtures" "$work/fixtures"
  actual=$(cd "$work" && XINZHI_DB= bash -c '
    xinzhi() { "$XINZHI_BIN" --log-level warn "$@"; }
    export -f xinzhi
    source "$0"' "$case" 2>&1)
  rm -rf "$work"
  if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
    printf '%s\n' "$actual" > "$here/cases/$name.out"
    echo "updated $name"; continue
  fi
  if [ "$actual" == "$(cat "$here/cases/$name.out")" ]; then
    passed=$((passed+1))
  else
    failed=$((failed+1))
    echo "FAIL $name"; diff <(printf '%s\n' "$actual") "$here/cases/$name.out" | head -30
  fi
done
echo "cli golden: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
