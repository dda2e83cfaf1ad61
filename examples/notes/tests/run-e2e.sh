#!/bin/sh
# run-e2e.sh BUILD NOTES WORK - e2e/notes.e2e.mjs against the Notes binary
# with `sash test e2e --app`, from a work folder whose node_modules is the JS
# workspace's (@sash/e2e, webdriverio), with a fresh data folder (the demo
# database is made on the first start: NOTES_DEMO_COUNT=2000 unless set).
# sash test starts and stops its own Xvfb.  As tests/e2e/run.sh does for hello.
set -eu
build=$(cd "$1" && pwd) notes=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../../.." && pwd)
if [ ! -f "$src/js/packages/e2e/dist/index.js" ] || [ ! -d "$src/js/node_modules/webdriverio" ]; then
    echo "e2e: build the JS workspace first (cd js && npm ci && npm run build)" >&2
    exit 1
fi
rm -rf "$work"
mkdir -p "$work/e2e"
work=$(cd "$work" && pwd)
cp "$here/../e2e/"*.e2e.mjs "$work/e2e/"
ln -s "$src/js/node_modules" "$work/node_modules"
export SASH_E2E_SCREENSHOTS="$work/screenshots" NOTES_DEMO_COUNT=${NOTES_DEMO_COUNT:-2000}
unset DISPLAY WAYLAND_DISPLAY
mkdir -p "$work/xdg/cache" "$work/xdg/data" "$work/xdg/config"
chmod 700 "$work/xdg"
export XDG_RUNTIME_DIR="$work/xdg" XDG_CACHE_HOME="$work/xdg/cache" \
       XDG_DATA_HOME="$work/xdg/data" XDG_CONFIG_HOME="$work/xdg/config"
cd "$work"
start=$(date +%s)
set +e
"$build/cli/sash" test e2e --app "$notes"
rc=$?
set -e
echo "e2e notes: $(( $(date +%s) - start )) s"
exit $rc
