#!/bin/sh
# run-render.sh ITEST - the rendering mode for real, on Xvfb: the app
# chooses a mode from the machine (no GPU render node here: software),
# logs one line saying so, and its page still loads and invokes C; a mode
# forced with SASH_RENDERING wins and works too.
set -u
here=$(dirname "$0")
itest=$1
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT
fail() { echo "run-render: $*" >&2; cat "$out" >&2; exit 1; }

expect="rendering: "
if ! ls /dev/dri/renderD* >/dev/null 2>&1; then
    expect="rendering: software (no GPU render node"
fi
env -u SASH_RENDERING "$here/run-xvfb.sh" "$itest" invoke >"$out" 2>&1 ||
    fail "the app failed with the automatic mode"
[ "$(grep -c 'sash: info: rendering: ' "$out")" = 1 ] ||
    fail "expected exactly one rendering line"
grep -qF "$expect" "$out" || fail "expected '$expect'"

SASH_RENDERING=gpu "$here/run-xvfb.sh" "$itest" invoke >"$out" 2>&1 ||
    fail "the app failed with SASH_RENDERING=gpu"
grep -qF "rendering: gpu (forced" "$out" || fail "the forced mode was not used"

SASH_RENDERING=bogus "$here/run-xvfb.sh" "$itest" invoke >"$out" 2>&1 ||
    fail "the app failed with an unknown SASH_RENDERING"
grep -qF "unknown mode 'bogus' ignored" "$out" || fail "a bad mode was not reported"
echo "run-render: 3 passed, 0 failed"
