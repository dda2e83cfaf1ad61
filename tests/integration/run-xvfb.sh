#!/bin/sh
# run-xvfb.sh CMD [ARGS...] - runs CMD on a private Xvfb display and stops
# the server by its PID afterwards.  -displayfd lets Xvfb pick a free display
# itself, so parallel tests never race for a number (xvfb-run -a can).
set -u
tmp=$(mktemp -d) || exit 1
fifo="$tmp/display"
mkfifo "$fifo"
Xvfb -displayfd 3 -screen 0 "${SASH_XVFB_SCREEN:-1280x800x24}" -nolisten tcp 3>"$fifo" >"$tmp/xvfb.log" 2>&1 &
xvfb=$!
read -r num <"$fifo"
cleanup() { kill "$xvfb" 2>/dev/null; wait "$xvfb" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM
if [ -z "${num:-}" ]; then
    echo "run-xvfb: Xvfb did not start:" >&2
    cat "$tmp/xvfb.log" >&2
    exit 1
fi
# A private runtime/cache dir keeps parallel WebKit instances apart.
export DISPLAY=":$num" XDG_RUNTIME_DIR="$tmp" XDG_CACHE_HOME="$tmp/cache" \
       XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config"
chmod 700 "$tmp"
mkdir -p "$XDG_CACHE_HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"
"$@"
rc=$?
exit $rc
