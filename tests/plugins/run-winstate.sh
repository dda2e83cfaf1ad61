#!/bin/sh
# run-winstate.sh PTEST - window-state across two runs on one display and
# one data folder: run 1 moves the window (saved at exit); a saved place on
# no monitor is added for window "far"; run 2 must restore "main" and pull
# "far" back on screen.
set -u
ptest=$1
export XDG_DATA_HOME
XDG_DATA_HOME=$(mktemp -d) || exit 1
trap 'rm -rf "$XDG_DATA_HOME"' EXIT INT TERM
run=$(dirname "$0")/../integration/run-xvfb.sh
# run-xvfb.sh sets its own XDG_DATA_HOME: keep ours through PTEST_DATA_HOME.
PTEST_DATA_HOME=$XDG_DATA_HOME "$run" "$ptest" winstate || exit 1
f=$XDG_DATA_HOME/dev.sash.ptest/window-state.json
[ -f "$f" ] || { echo "FAIL no $f after run 1"; exit 1; }
python3 - "$f" <<'PY' || exit 1
import json, sys
p = sys.argv[1]
s = json.load(open(p))
m = s.get("main", {})
if (m.get("x"), m.get("y"), m.get("width"), m.get("height")) != (140, 90, 520, 410):
    print("FAIL run 1 saved", m); sys.exit(1)
s["far"] = {"x": 50000, "y": -40000, "width": 300, "height": 200, "maximized": False}
json.dump(s, open(p, "w"))
print("  PASS run 1 saved main's geometry")
PY
PTEST_DATA_HOME=$XDG_DATA_HOME "$run" "$ptest" winstate2
