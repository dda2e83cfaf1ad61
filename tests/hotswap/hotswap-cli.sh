#!/bin/sh
# hotswap-cli.sh BUILD WORK - `sash dev` hot-swaps an app's commands (run
# under Xvfb; no npm: the app embeds its page).  The test app (app/) as a
# project: src-c/main.c the host, src-c/commands.c the module.  A save of
# commands.c swaps the new code in (page state kept); a compile error is
# printed and shown as an overlay while the old code answers; the fix
# swaps again; a capability edit in sash.json applies live; a main.c edit
# relaunches and says why; Ctrl-C leaves nothing.
BUILD=$1 WORK=$2
. "$(cd "$(dirname "$0")/../cli" && pwd)/lib.sh"
app_src=$src/tests/hotswap/app
cd "$WORK"
rm -rf hsdev action
mkdir -p hsdev/src-c
cp "$app_src/main.c" "$app_src/commands.c" hsdev/src-c/
cp -r "$app_src/web" "$app_src/sash.json" hsdev/
cat >hsdev/CMakeLists.txt <<'CM'
cmake_minimum_required(VERSION 3.16)
project(hsdev LANGUAGES C)
find_package(Sash 0.1 REQUIRED)
sash_app(hsdev)
sash_embed_config(hsdev ${CMAKE_CURRENT_SOURCE_DIR}/sash.json hs_config)
sash_embed_assets(hsdev ${CMAKE_CURRENT_SOURCE_DIR}/web hs_assets)
CM
cd hsdev
log=$WORK/dev.log
tag=hotswap-$$
HS_ACTION_FILE=$WORK/action SASH_TEST_TAG=$tag "$sash" dev >"$log" 2>&1 &
dev=$!

# wait_for PATTERN SECONDS: until the log matches (grep -E).
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
# wait_count PATTERN N SECONDS: until N log lines match.
wait_count() {
    n=0
    while [ "$(grep -Ec -- "$1" "$log")" -lt "$2" ]; do
        if ! kill -0 "$dev" 2>/dev/null || [ "$n" -ge $(($3 * 10)) ]; then
            return 1
        fi
        sleep 0.1
        n=$((n + 1))
    done
}
# wait_last PATTERN SECONDS: until the page's latest state line matches.
wait_last() {
    n=0
    while ! grep '^hs-state ' "$log" | tail -n 1 | grep -Eq -- "$1"; do
        if ! kill -0 "$dev" 2>/dev/null || [ "$n" -ge $(($2 * 10)) ]; then
            return 1
        fi
        sleep 0.1
        n=$((n + 1))
    done
}
# The page's load id in the first state line matching PATTERN.
load_of() { grep -E -- "$1" "$log" | head -n 1 | sed 's/.*"load":"\([^"]*\)".*/\1/'; }

if wait_for '"version":"v1 gen=1"' 120 &&
   grep -q 'commands as a module swapped on save' "$log"; then
    pass "sash dev built a host + module and the page invokes v1"
else
    fail "no v1 answer in hot-swap mode"
fi
load1=$(load_of '"version":"v1 gen=1"')

sed -i 's/#define HS_VERSION 1/#define HS_VERSION 3/' src-c/commands.c
if wait_for 'swapped in [0-9]+ ms' 60 && wait_for '"counter":1,.*"version":"v3 gen=2"' 30; then
    load2=$(load_of '"version":"v3 gen=2"')
    [ "$load1" = "$load2" ] && pass "a save of commands.c swapped v3 in; same page, counter 1" ||
        fail "the page was reloaded ($load1 -> $load2)"
    echo "save -> swapped: $(grep -Eo 'swapped in [0-9]+ ms' "$log" | head -n 1)"
else
    fail "no swap after editing commands.c"
fi
grep -q 'relaunched' "$log" && fail "a commands.c edit relaunched the app"

printf 'int hs_broken = ;\n' >>src-c/commands.c
if wait_for 'build failed; the app keeps the previous code' 60 &&
   grep -q "error: expected expression" "$log" &&
   wait_for '"overlay":true,.*"version":"v3 gen=2"' 30; then
    pass "compile error: printed, overlay in the page, v3 still answers"
else
    fail "compile error not handled"
fi

sed -i '/int hs_broken = ;/d' src-c/commands.c
if wait_for '"overlay":false,.*"version":"v3 gen=3"' 60; then
    pass "the fix swapped in and removed the overlay"
else
    fail "no swap after the fix"
fi

# A capability edit in sash.json is applied live: without hs:default the
# page's `version` is refused (forbidden), with it again it answers; the
# page is never reloaded.
sed -i 's/"tick", "hs:default", "core:event:emit"/"tick", "core:event:emit"/' sash.json
if wait_for 'capabilities applied without a relaunch' 60 &&
   wait_last '"version":"ERR:forbidden' 30; then
    pass "a capability removed from sash.json applies without a relaunch"
else
    fail "capability removal not applied live"
fi
sed -i 's/"tick", "core:event:emit"/"tick", "hs:default", "core:event:emit"/' sash.json
if wait_count 'capabilities applied without a relaunch' 2 60 &&
   wait_last '"overlay":false,.*"version":"v3 gen=3"' 30; then
    [ "$(load_of '"version":"v3 gen=3"')" = "$load1" ] &&
        pass "the capability granted again applies live; same page throughout" ||
        fail "the page was reloaded by a capability edit"
else
    fail "capability grant not applied live"
fi
grep -q 'relaunched' "$log" && fail "a capability edit relaunched the app"

printf '/* an edit of the host */\n' >>src-c/main.c
if wait_for 'relaunched in [0-9]+ ms .*: src-c/main.c \(the host\) changed' 120 &&
   wait_for '"counter":0,.*"version":"v3 gen=1"' 60; then
    pass "a main.c edit relaunched the app and said why"
else
    fail "no relaunch after editing main.c"
fi

kill -INT "$dev"
set +e
wait "$dev"
rc=$?
set -e
[ "$rc" = 0 ] && pass "sash dev exits 0 on SIGINT" || fail "sash dev exit status $rc after SIGINT"
left=$(tagged "$tag")
[ -z "$left" ] && pass "no process left after SIGINT" || {
    fail "processes left after SIGINT: $left"
    kill -9 $left 2>/dev/null || true
}
ls build/dev/*.swap-* >/dev/null 2>&1 && fail "module copies left in build/dev"
[ "$fails" -gt 0 ] && grep -v '^hs-state' "$log" | tail -n 80
finish
