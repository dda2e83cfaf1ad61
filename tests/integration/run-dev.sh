#!/bin/sh
# run-dev.sh ITEST PAGE - dev mode: serves pages/ (or $SASH_TEST_PAGES) from a loopback HTTP server
# (python3's http.server, on a port the kernel picks), points SASH_DEV_URL at
# it, runs the page on Xvfb, and stops the server by its PID.
set -u
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d) || exit 1
python3 - "${SASH_TEST_PAGES:-$here/pages}" "$tmp/port" <<'PY' &
import functools, http.server, socketserver, sys
handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
handler.log_message = lambda *a: None
with socketserver.TCPServer(("127.0.0.1", 0), handler) as srv:
    open(sys.argv[2] + ".tmp", "w").write(str(srv.server_address[1]))
    __import__("os").rename(sys.argv[2] + ".tmp", sys.argv[2])
    srv.serve_forever()
PY
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
for _ in $(seq 1200); do [ -s "$tmp/port" ] && break; sleep 0.05; done # up to 60 s on a loaded machine
if [ ! -s "$tmp/port" ]; then echo "run-dev: the HTTP server did not start" >&2; exit 1; fi
SASH_DEV_URL="http://127.0.0.1:$(cat "$tmp/port")" "$here/run-xvfb.sh" "$1" "$2"
