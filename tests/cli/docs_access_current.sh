#!/usr/bin/env bash
# docs/access.md shows the role × permission matrix and the route table the server enforces:
# the tables between its markers must equal `xinzhi access --markdown` byte for byte.
set -euo pipefail
bin=$1; doc=$2
diff <("$bin" access --markdown) <(sed -n '/<!-- BEGIN access tables/,/<!-- END access tables/p' "$doc" | sed '1d;$d') \
  || { echo "docs/access.md is out of date: regenerate its tables with xinzhi access --markdown"; exit 1; }
echo "docs/access.md matches the route table"
