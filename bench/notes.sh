#!/bin/sh
# notes.sh - p50/p99 of the Notes example's note switch and search
# keystroke over its 50,000-note demo database (bench/notes.c).
#   bench/notes.sh [BUILD_DIR]     default: build
# The database is made once in /tmp/notes-bench.db (about 15 s).
# On a busy machine, `chrt -f 50 bench/notes.sh` (root) runs it whenever it
# is ready, as on an idle one; the CPU columns need no such help.
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
cmake --build "$build" --target notes_bench >/dev/null
exec "$build/examples/notes/notes_bench" "${NOTES_BENCH_DB:-/tmp/notes-bench.db}" 50000
