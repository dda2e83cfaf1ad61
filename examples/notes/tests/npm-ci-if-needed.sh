#!/bin/sh
# npm ci in examples/notes when node_modules is missing or older than the
# lockfile (the in-tree build; an app author runs npm install once).
set -eu
if [ ! -f node_modules/.package-lock.json ] ||
   [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
