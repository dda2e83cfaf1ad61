#!/bin/sh
# bench/hotswap.sh BUILD [EDITS] - issue 16's figure: save -> new C code
# answering under `sash dev`, hot swap against a full relaunch, median of
# EDITS (default 10) edits each.  BUILD is a configured and built Sash tree
# (cmake --build BUILD); it is installed into a temporary prefix.  Runs its
# own Xvfb (tests/integration/run-xvfb.sh).  Not part of bench/run: it
# measures the edit loop, not the runtime.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${1:?usage: bench/hotswap.sh BUILD [EDITS]}
edits=${2:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
cmake --install "$build" --prefix "$work/prefix" >/dev/null
"$root/tests/integration/run-xvfb.sh" python3 "$here/hotswap.py" "$work/prefix" "$work/apps" "$edits"
