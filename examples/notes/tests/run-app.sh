#!/bin/sh
# run-app.sh NOTES - the Notes app itself, on its own Xvfb, on a small demo
# database (NOTES_DEMO_COUNT=2000) in a fresh data folder:
#  1. SASH_SMOKE=1: the page boots, searches "lentil so", opens the first
#     hit, saves an edit and reads it back through the real bridge.
#  2. SASH_SMOKE=edit: the page saves an edit to note 7; the moment the app
#     prints that the save returned, it is killed with SIGKILL; the database
#     must hold the edit (read with python3's sqlite3).
# The app is stopped by its PID; every wait polls a condition.
set -u
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${DISPLAY:-}" ] || [ "${1:-}" != --inner ]; then
    exec "$here/../../../tests/integration/run-xvfb.sh" "$0" --inner "$@"
fi
notes=$2
D=$(mktemp -d) || exit 1
export XDG_DATA_HOME="$D/data" NOTES_DEMO_COUNT=2000 GSETTINGS_BACKEND=memory
app=
trap '[ -n "$app" ] && kill -9 $app 2>/dev/null; rm -rf "$D"' EXIT INT TERM
fail() { echo "FAIL $*"; cat "$D/log" 2>/dev/null; exit 1; }

# 1. the smoke run exits by itself (0 = right); 90 s is generous on a loaded machine
SASH_SMOKE=1 timeout 90 "$notes" >"$D/log" 2>&1
rc=$?
grep -q '^notes-smoke: ok' "$D/log" && [ $rc -eq 0 ] || fail "smoke run (exit $rc)"
grep '^notes-smoke:' "$D/log"
db="$XDG_DATA_HOME/dev.sash.notes/notes.db"
[ -s "$db" ] || fail "no database at $db"

# 2. killed right after an edit reached C
SASH_SMOKE=edit "$notes" >"$D/log" 2>&1 &
app=$!
saved=
for i in $(seq 1 900); do   # up to ~90 s
    saved=$(sed -n 's/^notes-smoke: ok saved id=7 body=//p' "$D/log")
    [ -n "$saved" ] && break
    kill -0 $app 2>/dev/null || fail "the app exited before saving"
    sleep 0.1
done
[ -n "$saved" ] || fail "no save reported"
kill -9 $app
wait $app 2>/dev/null
app=
got=$(python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute("SELECT body FROM notes WHERE id=7").fetchone()[0])' "$db") ||
    fail "cannot read $db"
[ "$got" = "$saved" ] || fail "after SIGKILL note 7 holds '$got', want '$saved'"
echo "PASS notes: smoke ok; an edit saved just before SIGKILL is in the database ('$saved')"
