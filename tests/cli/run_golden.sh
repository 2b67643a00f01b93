#!/usr/bin/env bash
# Golden tests for the xinzhi command line (igraph style): every cases/NAME.sh runs in a
# fresh folder with fixtures/ beside it; its stdout and stderr, merged, are compared with
# cases/NAME.out by golden_compare.py: text exactly, decimal numbers within the tolerance the
# case's header states (`# tolerance: 1e-9 relative`; none stated = exact, byte for byte).
# Each header also says, in `# checked:` lines, where the expected numbers come from.
# UPDATE_GOLDEN=1 rewrites the .out files instead.
set -u
bin=$(realpath "$1")
here=$(realpath "$2")
export XINZHI_BIN="$bin"
compare=("/usr/bin/python3" "$here/golden_compare.py")
# The comparer first proves that it still fails what it must (a changed digit or word, a
# missing line) and passes a difference within tolerance.
if [ "${UPDATE_GOLDEN:-}" != 1 ] && ! "${compare[@]}" --self-test > /dev/null; then
  "${compare[@]}" --self-test
  echo "cli golden: the comparer's self-test failed"; exit 1
fi
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
  if printf '%s\n' "$actual" | "${compare[@]}" "$case" "$here/cases/$name.out"; then
    passed=$((passed+1))
  else
    failed=$((failed+1))
  fi
done
echo "cli golden: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
