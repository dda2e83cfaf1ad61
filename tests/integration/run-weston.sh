#!/bin/sh
# run-weston.sh CMD [ARGS...] - runs CMD as a Wayland client of a private,
# headless weston (no X: DISPLAY unset, GDK_BACKEND=wayland) and stops the
# compositor by its PID afterwards.  For what the GTK4 backend cannot do on
# Wayland (window positions, always on top): the tests check it says so.
set -u
tmp=$(mktemp -d) || exit 1
chmod 700 "$tmp"
sock=wayland-sash
export XDG_RUNTIME_DIR="$tmp"
weston --backend=headless-backend.so --socket="$sock" --idle-time=0 \
    --width=1280 --height=800 >"$tmp/weston.log" 2>&1 &
wl=$!
cleanup() { kill "$wl" 2>/dev/null; wait "$wl" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM
# The socket appears once weston listens (up to 30 s on a loaded machine).
i=0
while [ ! -S "$tmp/$sock" ]; do
    if ! kill -0 "$wl" 2>/dev/null || [ $i -ge 300 ]; then
        echo "run-weston: weston did not start:" >&2
        cat "$tmp/weston.log" >&2
        exit 1
    fi
    i=$((i + 1))
    sleep 0.1
done
unset DISPLAY
export WAYLAND_DISPLAY="$sock" GDK_BACKEND=wayland XDG_CACHE_HOME="$tmp/cache" \
       XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config"
mkdir -p "$XDG_CACHE_HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"
"$@"
exit $?
