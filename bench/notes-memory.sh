#!/bin/sh
# notes-memory.sh [BUILD_DIR] - idle tree PSS of the Notes example and of the
# same front end in Chromium --app (bench/notes-memory.py), on a private Xvfb.
# The 50,000-note database is made once in /tmp/notes-bench-data.
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
cmake --build "$build" --target notes notes_bench >/dev/null
data=${NOTES_BENCH_DATA:-/tmp/notes-bench-data}
db="$data/dev.sash.notes/notes.db"
mkdir -p "$data/dev.sash.notes"
[ -s "$db" ] || "$build/examples/notes/notes_bench" "$db" 50000 >/dev/null
dump=$(mktemp)
trap 'rm -f "$dump"' EXIT
"$build/examples/notes/notes_bench" --dump "$db" >"$dump"
SASH_XVFB_SCREEN=1280x800x24 tests/integration/run-xvfb.sh \
    python3 bench/notes-memory.py "$build/examples/notes/notes" \
    "$build/examples/notes/dist" "$data" "$dump" "$(command -v chromium || true)" \
    "${NOTES_MEMORY_RUNS:-5}"
