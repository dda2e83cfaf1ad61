#!/bin/sh
# run-jsapi.sh ITEST - @sash/api's built module against the real bridge:
# serves pages/ plus js/packages/api/dist/index.js (as sash-api/index.js)
# from a loopback server in dev mode and runs pages/jsapi.html.  Needs
# `npm run build` in js/ first.
set -u
here=$(cd "$(dirname "$0")" && pwd)
dist="$here/../../js/packages/api/dist/index.js"
if [ ! -f "$dist" ]; then
    echo "run-jsapi: $dist is missing: run 'npm ci && npm run build' in js/ first" >&2
    exit 1
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
cp -R "$here/pages" "$tmp/pages"
mkdir "$tmp/pages/sash-api"
cp "$dist" "$tmp/pages/sash-api/index.js"
SASH_TEST_PAGES="$tmp/pages" "$here/run-dev.sh" "$1" jsapi
