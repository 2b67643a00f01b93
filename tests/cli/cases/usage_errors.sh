xinzhi frobnicate > /dev/null 2>&1; echo "unknown command: exit $?"
xinzhi import ickg > /dev/null 2>&1; echo "missing folder: exit $?"
xinzhi serve --port 70000 > /dev/null 2>&1; echo "bad port: exit $?"
