#!/bin/sh
# run.sh SASH TYPED_APP SRC WORK - the type test, end to end: C schemas ->
# `sash types` -> .d.ts -> tsc.  pass.ts must compile; fail.ts must fail
# on exactly its lines marked ERR.  Needs a display (run it under
# run-xvfb.sh) and js/node_modules (cd js && npm ci); skips (77) without
# the latter.
set -u
SASH=$1 APP=$2 SRC=$3 WORK=$4
TSC="$SRC/js/node_modules/.bin/tsc"
if [ ! -x "$TSC" ]; then
    echo "SKIP: $TSC missing (cd js && npm ci)"
    exit 77
fi
fails=0
pass() { echo "  PASS $1"; }
fail() { echo "  FAIL $1"; fails=$((fails + 1)); }
rm -rf "$WORK" && mkdir -p "$WORK/gen" || exit 1
cp "$SRC/tests/types/pass.ts" "$SRC/tests/types/fail.ts" "$WORK/"
printf '{"app": {"identifier": "dev.sash.typed"}}\n' >"$WORK/sash.json"
cd "$WORK" || exit 1
if "$SASH" types --exe "$APP" --out gen/sash-types.d.ts >types.log 2>&1; then
    pass "sash types wrote the declarations ($(cat types.log))"
else
    fail "sash types: $(cat types.log)"
    exit 1
fi
d=gen/sash-types.d.ts
for want in \
    "greet: { args: { name: string; times?: number; }; result: string };" \
    "search: { args: { path: string; limit?: number; tags: string[]; mode: 'fast' | 'full'; }; result: { hits: { file: string; line: number; }[]; truncated: boolean; } };" \
    "import_file: { args: { file: string; progress: Channel<number>; }; result: number | null };" \
    "uptime: { args: Record<string, unknown> | undefined; result: number };" \
    "'plugin:do-it': { args: { 'odd key'?: boolean; } | undefined; result: 'done' | 'skipped' };" \
    "tick: { n: number; at: number; };" \
    "'file:changed': string[];"; do
    grep -qF "$want" "$d" && pass "declares $want" || fail "missing: $want"
done
grep -q "untyped" "$d" && fail "an untyped command was declared" || pass "untyped commands stay loose"
# Running it again leaves an unchanged file alone (no dev-server reload).
"$SASH" types --exe "$APP" --out "$d" | grep -q "(unchanged)" &&
    pass "unchanged schemas: file untouched" || fail "rewrote an unchanged file"

# No display: sash types starts a private Xvfb (-displayfd) for the app.
if env -u DISPLAY -u WAYLAND_DISPLAY "$SASH" types --exe "$APP" --out gen/headless.d.ts \
        >headless.log 2>&1 && cmp -s gen/headless.d.ts "$d"; then
    pass "without a display: the same declarations, from a private Xvfb"
else
    fail "without a display: $(cat headless.log)"
fi

# An app that exits before sash_app_run(): a clear error, no file.
if "$SASH" types --exe /bin/false --out gen/none.d.ts >false.log 2>&1; then
    fail "sash types succeeded with /bin/false"
elif grep -q "without printing its schemas" false.log && [ ! -e gen/none.d.ts ]; then
    pass "an app that never reaches sash_app_run() is reported"
else
    fail "sash types with /bin/false: $(cat false.log)"
fi

config() { # config FILE: a tsconfig like the templates', for one file
    cat <<JSON
{
  "compilerOptions": {
    "target": "ES2022", "module": "ESNext", "moduleResolution": "bundler",
    "lib": ["ES2022", "DOM", "DOM.Iterable"], "strict": true, "noEmit": true,
    "skipLibCheck": true, "jsx": "react-jsx", "types": [],
    "paths": {
      "@sash/api": ["$SRC/js/packages/api/src/index.ts"],
      "@sash/api/mocks": ["$SRC/js/packages/api/src/mocks.ts"],
      "@sash/vue": ["$SRC/js/packages/vue/src/index.ts"],
      "@sash/react": ["$SRC/js/packages/react/src/index.ts"]
    }
  },
  "files": ["gen/sash-types.d.ts", "$1"]
}
JSON
}
config pass.ts >tsconfig.pass.json
config fail.ts >tsconfig.fail.json
if "$TSC" -p tsconfig.pass.json >pass.log 2>&1; then
    pass "tsc --noEmit pass.ts"
else
    fail "tsc --noEmit pass.ts:"; sed 's/^/    /' pass.log
fi
"$TSC" -p tsconfig.fail.json >fail.log 2>&1
# The lines tsc flagged in fail.ts, and the lines marked ERR: the same set.
got=$(grep -o '^fail\.ts([0-9]*' fail.log | sed 's/.*(//' | sort -un | tr '\n' ' ')
want=$(grep -n '// ERR' fail.ts | cut -d: -f1 | sort -un | tr '\n' ' ')
if [ -n "$want" ] && [ "$got" = "$want" ]; then
    pass "tsc flags exactly the ERR lines of fail.ts ($want)"
else
    fail "tsc flagged lines [$got], want [$want]:"; sed 's/^/    /' fail.log
fi
grep -q "nme" fail.log && pass "the misspelt field is named in the error" ||
    fail "no error names 'nme'"
echo "$fails failed"
[ "$fails" -eq 0 ]
