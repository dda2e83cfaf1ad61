#!/bin/sh
# run-bigdata-export.sh BIGDATA - examples/bigdata's "Export CSV" writes
# the file the save dialog returned (issue 11: it used to say "Exported"
# and save nothing).  The dialog is answered by SASH_TEST_DIALOG; the
# button is pressed from the keyboard (Shift+Tab from the focused grid),
# as a user would.  Runs on its own Xvfb (run-xvfb.sh); bigdata is
# stopped by its PID.
set -u
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${DISPLAY:-}" ] || [ "${1:-}" != --inner ]; then
    exec "$here/../integration/run-xvfb.sh" "$0" --inner "$@"
fi
bigdata=$2
D=$(mktemp -d) || exit 1
D=$(cd "$D" && pwd -P)
export SASH_TEST_DIALOG="[\"$D/ledger.csv\"]" GSETTINGS_BACKEND=memory
"$bigdata" >"$D/log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null; rm -rf "$D"' EXIT INT TERM
fail() { echo "FAIL $*"; cat "$D/log"; exit 1; }
# The window maps after its first paint; the page then focuses the grid.
xdotool search --sync --onlyvisible --name "A million rows" windowfocus --sync >/dev/null ||
    fail "no window"
# Until the page has loaded its row count, Shift+Tab may land elsewhere:
# press, then wait for the file; press again if it did not come.
lines=0
for try in 1 2 3 4 5 6 7 8 9 10; do
    xdotool key shift+Tab key Return
    for i in $(seq 1 100); do  # up to ~10 s per try, polling
        if [ -s "$D/ledger.csv" ]; then
            lines=$(wc -l <"$D/ledger.csv")
            [ "$lines" -eq 1000001 ] && break 2
        fi
        sleep 0.1
    done
    xdotool key Escape
done
[ "$lines" -eq 1000001 ] || fail "ledger.csv has $lines lines, want 1000001 (header + a million rows)"
head -1 "$D/ledger.csv" | grep -qx 'id,customer,city,amount' || fail "bad header"
sed -n 2p "$D/ledger.csv" | grep -Eq '^0,[A-Za-z]+,[A-Za-z]+,[0-9]+\.[0-9]{2}$' || fail "bad first row"
echo "PASS bigdata exported $(wc -c <"$D/ledger.csv") bytes, $lines lines, to the path the save dialog gave"
