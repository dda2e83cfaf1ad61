#!/bin/sh
# run-tray.sh TTEST WATCHER - the tray test: on a private D-Bus session bus
# (dbus-run-session) and a private Xvfb display (run-xvfb.sh), the test
# watcher (tray_watcher.c) plays the panel: it sees the app's
# StatusNotifierItem register, checks its icon and menu, scrolls on it and
# clicks a menu item through com.canonical.dbusmenu; the app (ttest.c) must
# hear both.  Both are stopped by PID if either hangs.
set -u
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${SASH_TRAY_INNER:-}" ]; then
    command -v dbus-run-session >/dev/null || { echo "run-tray: dbus-run-session missing (apt install dbus-daemon)" >&2; exit 1; }
    SASH_TRAY_INNER=1 exec "$here/run-xvfb.sh" dbus-run-session -- "$0" "$@"
fi
ttest=$1 watcher=$2
export NO_AT_BRIDGE=1 # no accessibility bus to start and leave behind
out=$(mktemp)
"$watcher" "Show window" >"$out" 2>&1 &
wpid=$!
# the app needs a watcher on the bus (GTK4 fails without one): wait until
# the watcher owns its name (or has exited)
i=0
until grep -q "owns org.kde.StatusNotifierWatcher" "$out"; do
    kill -0 "$wpid" 2>/dev/null || break
    i=$((i + 1))
    [ "$i" -le 300 ] || break
    sleep 0.1
done
"$ttest"
trc=$?
# the watcher ends by itself once it clicked (or timed out at 30 s)
wait "$wpid"
wrc=$?
cat "$out"
rc=0
[ "$trc" -eq 0 ] || { echo "run-tray: ttest exited $trc" >&2; rc=1; }
[ "$wrc" -eq 0 ] || { echo "run-tray: tray_watcher exited $wrc" >&2; rc=1; }
grep -q "Title Sash tray test" "$out" || { echo "run-tray: the tooltip did not reach the item's Title" >&2; rc=1; }
grep -q -e ": a PNG" -e ": ARGB32 of the PNG" "$out" || { echo "run-tray: no PNG icon exported" >&2; rc=1; }
rm -f "$out"
[ "$rc" -eq 0 ] && echo "run-tray: PASS"
exit $rc
