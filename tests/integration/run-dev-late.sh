#!/bin/sh
# run-dev-late.sh ITEST PAGE - dev mode with a dev server that comes up
# late: the app starts first (it must show what it waits for and retry),
# the loopback server starts once the app said it waits (a condition, not
# a fixed delay: a slow first load on a loaded machine would otherwise
# find the server already up) on the port the app was told, and the page
# must then load and pass.  The server is stopped by its PID.
set -u
here=$(cd "$(dirname "$0")" && pwd)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
log=$(mktemp)
(i=0
 while ! grep -q "waiting for the dev server" "$log" 2>/dev/null && [ $i -lt 600 ]; do
     sleep 0.1; i=$((i + 1))
 done
 exec python3 -m http.server --bind 127.0.0.1 --directory "$here/pages" "$port" >/dev/null 2>&1) &
server=$!
trap 'kill $server 2>/dev/null; pkill -P $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$log"' EXIT INT TERM
SASH_DEV_URL="http://127.0.0.1:$port" "$here/run-xvfb.sh" "$1" "$2" 2>"$log"
rc=$?
cat "$log" >&2
if ! grep -q "waiting for the dev server at http://127.0.0.1:$port" "$log"; then
    echo "  FAIL the app did not say it was waiting for the dev server"
    exit 1
fi
echo "  PASS the app said it was waiting for the dev server, then loaded it"
exit $rc
