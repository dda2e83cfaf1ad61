#!/bin/sh
# run-dev-late.sh ITEST PAGE - dev mode with a dev server that comes up
# late: the app starts first and must show what it waits for and retry;
# only once it has said so does the loopback server start, on the port the
# app was told, and the page must then load and pass.  (Starting the server
# after a fixed delay raced with a slow start under ASan on a loaded
# machine.)  The server and the app are stopped by their PIDs.
set -u
here=$(cd "$(dirname "$0")" && pwd)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
log=$(mktemp)
server=
app=
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    [ -n "$app" ] && kill "$app" 2>/dev/null
    rm -f "$log"
}
trap cleanup EXIT INT TERM
SASH_DEV_URL="http://127.0.0.1:$port" "$here/run-xvfb.sh" "$1" "$2" 2>"$log" &
app=$!
waited=0
while ! grep -q "waiting for the dev server at http://127.0.0.1:$port" "$log"; do
    if ! kill -0 "$app" 2>/dev/null || [ "$waited" -ge 1200 ]; then
        cat "$log" >&2
        echo "  FAIL the app did not say it was waiting for the dev server"
        exit 1
    fi
    sleep 0.1
    waited=$((waited + 1))
done
python3 -m http.server --bind 127.0.0.1 --directory "$here/pages" "$port" >/dev/null 2>&1 &
server=$!
wait "$app"
rc=$?
app=
cat "$log" >&2
echo "  PASS the app said it was waiting for the dev server, then loaded it"
exit $rc
