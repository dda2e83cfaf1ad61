#!/bin/sh
# run-fuzz.sh FUZZER SEED_DIR SECONDS - runs one libFuzzer target for a
# bounded time from the seed corpus (never writing into it).  Exits non-zero
# on a crash, a sanitizer report, a leak or a timeout of one input; the
# reproducer is kept in ./fuzz-artifacts/.  SASH_FUZZ_SECONDS overrides
# SECONDS (quick mode).
set -u
fuzzer=$1
seeds=$2
secs=${SASH_FUZZ_SECONDS:-$3}
name=$(basename "$fuzzer")
work=$(mktemp -d "${TMPDIR:-/tmp}/sash-fuzz.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT INT TERM
mkdir -p fuzz-artifacts
"$fuzzer" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="fuzz-artifacts/$name-" \
    "$work" "$seeds" 2>"$work.log"
rc=$?
# Keep the log short: the final stats, and the report on failure.
if [ $rc -eq 0 ]; then
    grep -E '^(stat::|Done )' "$work.log"
else
    tail -n 60 "$work.log"
    echo "run-fuzz: $name failed (exit $rc); reproducers:" fuzz-artifacts/"$name"-*
fi
rm -f "$work.log"
exit $rc
