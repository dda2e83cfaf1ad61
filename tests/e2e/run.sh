#!/bin/sh
# run.sh BUILD WORK SPECS_DIR [SPEC...]: runs WebDriver specs against the
# hello example with `sash test e2e --app`, from a work folder whose
# node_modules is the JS workspace's (so specs import @sash/e2e and
# webdriverio).  With NO_DISPLAY=1, DISPLAY is unset first: sash test
# starts (and stops) its own Xvfb.  Needs the JS build (npm ci && npm run
# build in js/).  Checks the screenshots the specs took are PNGs.
set -eu
build=$(cd "$1" && pwd) work=$2 specs=$(cd "$3" && pwd)
shift 3
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
if [ ! -f "$src/js/packages/e2e/dist/index.js" ] || [ ! -d "$src/js/node_modules/webdriverio" ]; then
    echo "e2e: build the JS workspace first (cd js && npm ci && npm run build)" >&2
    exit 1
fi
rm -rf "$work"
mkdir -p "$work/e2e"
work=$(cd "$work" && pwd)
cp "$specs"/*.e2e.mjs "$work/e2e/"
ln -s "$src/js/node_modules" "$work/node_modules"
export SASH_E2E_SCREENSHOTS="$work/screenshots"
if [ "${NO_DISPLAY:-0}" = 1 ]; then
    unset DISPLAY WAYLAND_DISPLAY
fi
# Private runtime/cache folders: parallel WebKit instances stay apart.
mkdir -p "$work/xdg/cache" "$work/xdg/data" "$work/xdg/config"
chmod 700 "$work/xdg"
export XDG_RUNTIME_DIR="$work/xdg" XDG_CACHE_HOME="$work/xdg/cache" \
       XDG_DATA_HOME="$work/xdg/data" XDG_CONFIG_HOME="$work/xdg/config"
cd "$work"
start=$(date +%s)
set +e
"$build/cli/sash" test e2e --app "$build/examples/hello/hello" "$@"
rc=$?
set -e
echo "e2e: $(( $(date +%s) - start )) s"
if [ "$rc" = 0 ]; then
    for png in "$work"/screenshots/*.png; do
        [ -e "$png" ] || continue
        if [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" != 89504e470d0a1a0a ] ||
           [ ! -s "$png" ]; then
            echo "e2e: $png is not a PNG" >&2
            rc=1
        fi
    done
fi
exit $rc
