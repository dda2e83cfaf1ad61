#!/bin/sh
# errors.sh BUILD WORK - every error the CLI promises, each checked for its
# exit status and message.  No display, no network.
BUILD=$1 WORK=$2
. "$(dirname "$0")/lib.sh"
cd "$WORK"
tag=errors-$$
export SASH_TEST_TAG=$tag

expect 0 '^usage: sash <command>' "sash --help" -- "$sash" --help
expect 0 '^sash [0-9]+\.[0-9]+\.[0-9]+$' "sash --version" -- "$sash" --version
for c in create dev build bundle doctor; do
    expect 0 "^usage: sash $c" "sash $c --help" -- "$sash" "$c" --help
done
expect 2 "unknown command 'frobnicate'" "unknown command" -- "$sash" frobnicate
expect 2 "usage" "no command" -- "$sash"

# Outside an app: no sash.json here or above (WORK is under the build tree,
# which has none).
mkdir -p outside && cd outside
expect 1 'not inside a Sash app: no sash.json' "build outside an app" -- "$sash" build
expect 1 'not inside a Sash app' "dev outside an app" -- "$sash" dev
# sash test e2e: its usage errors, and what it says before running anything.
expect 0 '^usage: sash test e2e' "sash test --help" -- "$sash" test --help
expect 2 "unknown kind 'unit'" "sash test unit" -- "$sash" test unit
expect 2 "unknown option '--frob'" "sash test e2e --frob" -- "$sash" test e2e --frob
# (SASH_WEBDRIVER=/bin/true: a driver "is there" whatever the machine has.)
expect 1 'WebKitWebDriver is not installed: sudo apt-get install webkit2gtk-driver' \
    "test e2e without the driver" -- env SASH_WEBDRIVER=/nonexistent "$sash" test e2e
expect 1 'not inside a Sash app' "test e2e outside an app" -- \
    env SASH_WEBDRIVER=/bin/true "$sash" test e2e
expect 1 "is not executable" "test e2e --app on a non-executable file" -- \
    env SASH_WEBDRIVER=/bin/true "$sash" test e2e --app "$here/lib.sh"
expect 1 'e2e/\*\.e2e\.mjs matches nothing' "test e2e without specs" -- \
    env SASH_WEBDRIVER=/bin/true "$sash" test e2e --app /bin/true
cd "$WORK"

# create
expect 1 "unknown template 'svelte'" "unknown template" -- "$sash" create x1 --template svelte </dev/null
mkdir -p full && touch full/keep
expect 1 'full already exists and is not an empty folder' "non-empty folder" -- "$sash" create full </dev/null
expect 1 'not a usable app name' "bad app name" -- "$sash" create 9lives </dev/null
expect 2 'NAME is missing' "no NAME, not a terminal" -- "$sash" create </dev/null
# No node: a PATH with everything but node and npm.
mkdir -p nonode
for t in sh cmake cc; do ln -sf "$(command -v $t)" nonode/$t; done
expect 1 'node and npm are needed' "no node" -- env PATH="$WORK/nonode" "$sash" create nn </dev/null
[ ! -e nn ] && pass "no folder left behind without node" || fail "nn was created without node"

# On a terminal, create asks for what is missing (script(1) gives it a pty).
if [ -d "$WORK/prefix/share/sash/js" ] && command -v script >/dev/null; then
    rm -rf asked
    printf 'asked\nvue\n' | script -qec "$sash create --no-install" /dev/null >asked.log 2>&1 || true
    if grep -q 'Template \[vanilla/vue/react\]' asked.log && grep -q '"@sash/vue"' asked/package.json 2>/dev/null; then
        pass "create asks for name and template on a terminal"
    else
        fail "create on a terminal: $(cat asked.log)"
    fi
fi

# A broken sash.json: the config checker's message, naming the key.
mkdir -p broken && cd broken
printf '{"app": {"identifier": "dev.sash.b", "windows": [{"label": "main", "widht": 300}]}}\n' > sash.json
expect 1 'app\.windows\[0\]\.widht: unknown key \(did you mean "width"\?\)' \
    "broken sash.json (build)" -- "$sash" build
expect 1 'widht' "broken sash.json (dev)" -- "$sash" dev
mkdir -p sub && cd sub
expect 1 'widht' "broken sash.json found from a subfolder" -- "$sash" build
cd "$WORK"

# sash dev: a dev server that never answers, a port in use.
mkdir -p devapp && cd devapp
printf '{"app": {"identifier": "dev.sash.d", "name": "d"}}\n' > sash.json
port=$(free_port)
set_build . "http://127.0.0.1:$port" "sleep 300"
expect 1 "dev server at http://127.0.0.1:$port did not answer within 2 s" \
    "dev server never answers" -- "$sash" dev --timeout 2
left=$(tagged "$tag" | while read -r p; do
    [ "$(cat /proc/$p/comm 2>/dev/null)" = sleep ] && echo "$p"; done)
[ -z "$left" ] && pass "the dev server was stopped after the timeout" ||
    fail "dev server processes left: $left"

# The holder picks its own port (a port chosen first and bound later can be
# taken meanwhile by a parallel test: the wait below then never ended).
python3 -c '
import socket, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
print(s.getsockname()[1], flush=True); time.sleep(120)' > holder.log &
holder=$!
port=
for _ in $(seq 300); do
    port=$(head -n1 holder.log 2>/dev/null)
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || fail "the port holder did not start"
set_build . "http://127.0.0.1:$port" "sleep 300"
expect 1 "port $port on 127.0.0.1 is already in use by another process" \
    "port in use" -- "$sash" dev --timeout 5
kill "$holder"; wait "$holder" 2>/dev/null || true

set_build . "ftp://127.0.0.1:$port"
expect 1 'build.devUrl' "devUrl not http" -- "$sash" dev
cd "$WORK"

# doctor: prints the apt-get line for what is missing, fails if required.
mkdir -p nocmake
for t in sh pkg-config cc node npm Xvfb; do
    p=$(command -v $t) && ln -sf "$p" nocmake/$t
done
expect 1 'apt-get install -y.*cmake' "doctor without cmake" -- env PATH="$WORK/nocmake" "$sash" doctor
finish
