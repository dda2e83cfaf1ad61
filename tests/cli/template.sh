#!/bin/sh
# template.sh BUILD WORK TEMPLATE - sash create (npm install included) ->
# sash build -> the release binary under Xvfb with SASH_SMOKE=1: its page
# calls greet and count (a Channel) and reports what arrived to C, which
# exits 0 only if both results are right.  Prints the binary's size.
BUILD=$1 WORK=$2 T=$3
. "$(dirname "$0")/lib.sh"
cd "$WORK"
rm -rf "app-$T"
expect 0 "Created app-$T \(template $T\)" "sash create --template $T" -- \
    "$sash" create "app-$T" --template "$T" </dev/null
cd "app-$T"
[ -f .gitignore ] && pass ".gitignore written" || fail ".gitignore missing"
grep -q "\"@sash/api\": \"file:$WORK/prefix/share/sash/js/sash-api-" package.json &&
    pass "@sash/api is a file: dependency on the installed tarball" ||
    fail "package.json does not depend on the installed @sash/api tarball"
grep -q '"permissions": \["greet", "count"\]' sash.json &&
    pass "sash.json grants exactly greet and count" || fail "sash.json permissions"
expect 0 'build/release/app-'"$T"'  [0-9]+ bytes' "sash build" -- "$sash" build
exe=$(cat build/release/sash-app-path.txt)
file "$exe" | grep -q 'not stripped' && fail "binary is not stripped" || pass "binary is stripped"
echo "size: $T $(stat -c %s "$exe") bytes; dist $(du -sb dist | cut -f1) bytes"
expect 0 'sash-smoke: ok greeting="Hello, smoke! \(from C\)" last=20 result=20 origin=sash://app' \
    "the built app's page invoked C and got the results (SASH_SMOKE)" -- \
    env SASH_SMOKE=1 timeout 120 "$src/tests/integration/run-xvfb.sh" "$exe"
finish
