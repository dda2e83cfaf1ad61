#!/bin/sh
# screenshot.sh NOTES OUT.png [SEARCH] [dark] - docs/img/notes*.png: the app
# at 1280x800 on its own Xvfb (the 50,000-note database is made on the first
# run in $NOTES_SHOT_DATA, default /tmp/notes-shot), SEARCH typed, the second
# hit opened with the keyboard (Down, Enter).  Used for the README images:
#   screenshot.sh build/examples/notes/notes docs/img/notes.png "lentil check"
#   screenshot.sh build/examples/notes/notes docs/img/notes-dark.png "sprint checkl" dark
set -u
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${DISPLAY:-}" ] || [ "${1:-}" != --inner ]; then
    SASH_XVFB_SCREEN=1280x800x24 exec "$here/../../../tests/integration/run-xvfb.sh" "$0" --inner "$@"
fi
notes=$2 out=$3 q=${4:-}
export XDG_DATA_HOME=${NOTES_SHOT_DATA:-/tmp/notes-shot} GSETTINGS_BACKEND=memory
[ "${5:-}" = dark ] && export GTK_THEME=Adwaita:dark
mkdir -p "$XDG_DATA_HOME"
log=$(mktemp)
"$notes" >"$log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null; rm -f "$log"' EXIT INT TERM
xdotool search --sync --onlyvisible --name Notes windowfocus --sync >/dev/null 2>&1
# first run: wait for the demo database (the app logs when it is written)
if [ ! -f "$XDG_DATA_HOME/.shot-ready" ]; then
    for i in $(seq 1 1200); do grep -q generated "$log" && break; sleep 0.1; done
    touch "$XDG_DATA_HOME/.shot-ready"
fi
sleep 3   # the first screen settles (a picture, not a test)
[ -n "$q" ] && { xdotool type --delay 60 "$q"; sleep 1.5; }
xdotool key Down Return
sleep 1.5
import -window root "$out"
