#!/bin/sh
# run-tray.sh TTEST WATCHER [needs-watcher] - the tray test: on a private
# D-Bus session bus (dbus-run-session) and a private Xvfb display
# (run-xvfb.sh), the test watcher (tray_watcher.c) plays the panel: it sees
# the app's StatusNotifierItem register, checks its icon and menu, scrolls
# on it and clicks menu items through com.canonical.dbusmenu; the app
# (ttest.c) must hear both.  A first watcher leaves after the
# registration, so the item must register again with the second (a panel
# restart).  With needs-watcher (GTK4's own item), a tray made with no
# watcher on the bus must fail first, saying why.  Each process has its
# own timeout.
set -u
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${SASH_TRAY_INNER:-}" ]; then
    command -v dbus-run-session >/dev/null || { echo "run-tray: dbus-run-session missing (apt install dbus-daemon)" >&2; exit 1; }
    SASH_TRAY_INNER=1 exec "$here/run-xvfb.sh" dbus-run-session -- "$0" "$@"
fi
ttest=$1 watcher=$2 needs_watcher=${3:-}
export NO_AT_BRIDGE=1 # no accessibility bus to start and leave behind
rc=0
# Without a watcher: an item that needs one (GTK4) fails and says why.
if [ "$needs_watcher" = needs-watcher ]; then
    "$ttest" --expect-no-watcher || { echo "run-tray: a tray without a watcher did not fail with a clear message" >&2; rc=1; }
fi
out=$(mktemp) out1=$(mktemp)
# waits until the watcher writing $1 (pid $2) owns its name, or has exited
wait_owner() {
    i=0
    until grep -q "owns org.kde.StatusNotifierWatcher" "$1"; do
        kill -0 "$2" 2>/dev/null || break
        i=$((i + 1))
        [ "$i" -le 300 ] || break
        sleep 0.1
    done
}
# A first watcher leaves once the item registered; the app must register
# again with the second (a panel restart), which checks and clicks.
"$watcher" --once "Show window" >"$out1" 2>&1 &
w1pid=$!
wait_owner "$out1" "$w1pid"
"$ttest" &
tpid=$!
wait "$w1pid"
w1rc=$?
"$watcher" "Show window" >"$out" 2>&1 &
wpid=$!
wait "$tpid"
trc=$?
# the watcher ends by itself once it clicked (or timed out at 30 s)
wait "$wpid"
wrc=$?
cat "$out1"
cat "$out"
[ "$w1rc" -eq 0 ] || { echo "run-tray: the first watcher exited $w1rc" >&2; rc=1; }
[ "$trc" -eq 0 ] || { echo "run-tray: ttest exited $trc" >&2; rc=1; }
[ "$wrc" -eq 0 ] || { echo "run-tray: tray_watcher exited $wrc" >&2; rc=1; }
grep -q "Title Sash tray test" "$out" || { echo "run-tray: the tooltip did not reach the item's Title" >&2; rc=1; }
grep -q -e ": a PNG" -e ": ARGB32 of the PNG" "$out" || { echo "run-tray: no PNG icon exported" >&2; rc=1; }
rm -f "$out" "$out1"
[ "$rc" -eq 0 ] && echo "run-tray: PASS"
exit $rc
