# lib.sh - shared by the CLI tests: install the build into a private prefix
# under WORK, and small assertions.  Sourced with BUILD and WORK set.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
fails=0
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
rm -rf "$WORK/prefix"
cmake --install "$BUILD" --prefix "$WORK/prefix" >/dev/null
sash="$WORK/prefix/bin/sash"
# One npm cache for every CLI test: one download per package per machine.
export npm_config_cache="${SASH_NPM_CACHE:-$BUILD/tests/cli/npm-cache}"
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
pass() { echo "ok: $*"; }

# expect CODE PATTERN DESCRIPTION -- CMD...: CMD's exit status is CODE and its
# output (stdout + stderr) matches the grep -E PATTERN.
expect() {
    code=$1 pat=$2 what=$3
    shift 4
    set +e
    out=$("$@" 2>&1)
    rc=$?
    set -e
    if [ "$rc" != "$code" ]; then
        fail "$what: exit $rc, wanted $code; output: $out"
    elif ! printf '%s\n' "$out" | grep -Eq -- "$pat"; then
        fail "$what: output does not match /$pat/: $out"
    else
        pass "$what"
    fi
}

# A TCP port nothing listens on now.
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# set_dev_url APP_DIR URL [BEFORE_DEV]: edits sash.json's build section.
set_build() {
    python3 - "$@" <<'PY'
import json, sys
p, url = sys.argv[1] + "/sash.json", sys.argv[2]
c = json.load(open(p))
c.setdefault("build", {})["devUrl"] = url
if len(sys.argv) > 3:
    c["build"]["beforeDevCommand"] = sys.argv[3]
json.dump(c, open(p, "w"), indent=2)
PY
}

# Processes whose environment holds TAG (what a test started, at any depth).
tagged() {
    for e in /proc/[0-9]*/environ; do
        { tr '\0' '\n' < "$e"; } 2>/dev/null | grep -qx "SASH_TEST_TAG=$1" &&
            { p=${e#/proc/}; echo "${p%/environ}"; }
    done
    true
}

finish() {
    if [ "$fails" -gt 0 ]; then
        echo "$fails check(s) failed" >&2
        exit 1
    fi
    echo "all passed"
}
