#!/bin/sh
# dev.sh BUILD WORK - one `sash dev` session end to end (run under Xvfb):
# the page comes from Vite (origin = build.devUrl) and invokes C; an edit
# to src-c/commands.c rebuilds and relaunches the app (it had quit after its
# smoke run, so there is nothing to swap into), which then answers with
# the edited code; SIGINT (Ctrl-C) leaves no process behind.
BUILD=$1 WORK=$2
. "$(dirname "$0")/lib.sh"
cd "$WORK"
rm -rf devapp
"$sash" create devapp --template vanilla </dev/null >create.log 2>&1 ||
    { cat create.log; fail "sash create"; finish; }
cd devapp
port=$(free_port)
set_build . "http://127.0.0.1:$port"
tag=dev-$$
log=$WORK/dev.log
# SASH_SMOKE: each app run reports what its page received, then exits 0.
SASH_SMOKE=1 SASH_TEST_TAG=$tag "$sash" dev --timeout 60 >"$log" 2>&1 &
dev=$!

# wait_for PATTERN SECONDS: until the log matches.
wait_for() {
    n=0
    while ! grep -Eq -- "$1" "$log"; do
        if ! kill -0 "$dev" 2>/dev/null || [ "$n" -ge $(($2 * 10)) ]; then
            return 1
        fi
        sleep 0.1
        n=$((n + 1))
    done
}

if wait_for "sash-smoke: ok greeting=\"Hello, smoke! \(from C\)\".* origin=http://127.0.0.1:$port" 120; then
    pass "the app loaded its page from the Vite dev server and invoked C"
else
    fail "first run: no smoke line from the dev server's page"
fi
wait_for 'the app exited \(status 0\)' 30 || true
# A C edit: the greeting changes; the relaunched app must answer with it.
sed -i 's/#define GREETING "Hello, %s! (from C)"/#define GREETING "Hi again, %s! (edited C)"/' src-c/commands.c
if wait_for 'relaunched in [0-9]+ ms' 120 &&
   wait_for 'sash-smoke: ok greeting="Hi again, smoke! \(edited C\)"' 60; then
    pass "a C edit rebuilt and relaunched the app with the new code"
    echo "save -> relaunched: $(grep -Eo 'relaunched in [0-9]+ ms' "$log" | head -n 1)"
else
    fail "no relaunch with the edited C"
fi
[ -n "$(tagged "$tag")" ] && pass "dev server running before Ctrl-C" ||
    fail "no tagged process before Ctrl-C (the check below would be vacuous)"
kill -INT "$dev"
set +e
wait "$dev"
rc=$?
set -e
[ "$rc" = 0 ] && pass "sash dev exits 0 on SIGINT" || fail "sash dev exit status $rc after SIGINT"
left=$(tagged "$tag")
[ -z "$left" ] && pass "no process left after SIGINT" || {
    fail "processes left after SIGINT: $(for p in $left; do cat /proc/$p/cmdline | tr '\0' ' '; echo; done)"
    kill -9 $left 2>/dev/null || true
}
# After sash dev, build/dev is a hot-swap host whose commands live in the
# module: sash types (which sash build runs too) must load it, or it writes
# empty declarations (the React template's type check then fails).
expect 0 'sash types: 3 typed commands' "sash types after sash dev sees the module's commands" -- \
    "$sash" types
grep -qF "greet: { args: { name?: string; } | undefined; result: string };" src/sash-types.d.ts &&
    pass "src/sash-types.d.ts still declares greet" ||
    fail "src/sash-types.d.ts lost its commands: $(cat src/sash-types.d.ts)"
[ "$fails" -gt 0 ] && cat "$log"
finish
