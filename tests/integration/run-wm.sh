#!/bin/sh
# run-wm.sh CMD [ARGS...] - inside run-xvfb.sh: starts a small window
# manager (openbox) on $DISPLAY for tests that need one (focus, maximize,
# the close button), runs CMD, and stops the window manager by its PID.
# CMD waits until the window manager has taken the screen.
set -u
openbox --sm-disable >"${XDG_RUNTIME_DIR:-/tmp}/openbox.log" 2>&1 &
wm=$!
trap 'kill "$wm" 2>/dev/null; wait "$wm" 2>/dev/null' EXIT INT TERM
"$@"
exit $?
