# Usage errors exit with code 2.
# tolerance: exact
# checked: behaviour only (exit codes); no numbers.
xinzhi frobnicate > /dev/null 2>&1; echo "unknown command: exit $?"
xinzhi import ickg > /dev/null 2>&1; echo "missing folder: exit $?"
xinzhi serve --port 70000 > /dev/null 2>&1; echo "bad port: exit $?"
