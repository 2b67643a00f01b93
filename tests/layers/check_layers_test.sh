#!/usr/bin/env bash
# The layer check finds exactly the planted violations in a small tree (so it can fail), and
# none in src/.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
script="$here/../../scripts/check-layers.py"
out="$(/usr/bin/python3 "$script" "$here/fixture" /dev/null 2>/dev/null)"; code=$?
if [ "$code" -ne 1 ]; then echo "FAIL: the fixture should fail the check (exit $code)"; exit 1; fi
if ! diff <(printf '%s\n' "$out" | sort) <(sort "$here/expected.out"); then
  echo "FAIL: the check did not report exactly the planted violations"; exit 1
fi
/usr/bin/python3 "$script" "$here/../../src" || { echo "FAIL: src/ crosses a boundary"; exit 1; }
