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

# sash bundle (one template is enough: the packaging does not depend on it).
if [ "$T" = vanilla ]; then
    # A deep-link scheme (sash.json bundle.deepLinks): the .desktop file
    # must register it and pass the URL (%u).
    python3 -c 'import json,sys; p=sys.argv[1]; c=json.load(open(p)); c.setdefault("bundle", {})["deepLinks"]=["app-vanilla"]; json.dump(c, open(p, "w"), indent=2)' sash.json
    expect 0 '\.deb  [0-9]+ bytes' "sash bundle" -- "$sash" bundle
    d=build/bundle/root/usr/share/applications/dev.sash.app-vanilla.desktop
    grep -qx 'MimeType=x-scheme-handler/app-vanilla;' "$d" && grep -qx 'Exec=app-vanilla %u' "$d" &&
        pass ".desktop registers the deep-link scheme" || fail ".desktop deep links: $(cat "$d")"
    deb=$(ls build/bundle/*.deb)
    tgz=$(ls build/bundle/*.tar.gz)
    rpm=$(ls build/bundle/*.rpm)
    rpm -qpR "$rpm" 2>/dev/null | grep -q 'libwebkit2gtk-4.1.so' &&
        pass ".rpm Requires (rpmbuild) names WebKitGTK" || fail ".rpm Requires: $(rpm -qpR "$rpm" 2>&1 | tr '\n' ' ')"
    dpkg-deb -f "$deb" Depends | grep -q 'libwebkit2gtk-4.1-0' &&
        pass ".deb Depends (dpkg-shlibdeps) names WebKitGTK" || fail ".deb Depends: $(dpkg-deb -f "$deb" Depends)"
    for f in usr/bin/app-vanilla usr/share/applications/dev.sash.app-vanilla.desktop \
             usr/share/icons/hicolor/256x256/apps/dev.sash.app-vanilla.png \
             usr/share/icons/hicolor/32x32/apps/dev.sash.app-vanilla.png; do
        dpkg-deb -c "$deb" | grep -q " ./$f\$" && tar -tzf "$tgz" | grep -qx "$f" &&
            rpm -qpl "$rpm" 2>/dev/null | grep -qx "/$f" &&
            pass "bundles hold $f" || fail "$f missing from the .deb, .rpm or .tar.gz"
    done
    file -b "$(pwd)/build/bundle/root/usr/share/icons/hicolor/48x48/apps/dev.sash.app-vanilla.png" |
        grep -q '48 x 48' && pass "48x48 icon is 48x48" || fail "icon size"
    # Run the packaged binary.  dpkg -i only when allowed (it changes the
    # system): SASH_TEST_DPKG_INSTALL=1; else from the unpacked .deb.
    if [ "${SASH_TEST_DPKG_INSTALL:-0}" = 1 ] && [ "$(id -u)" = 0 ]; then
        dpkg -i "$deb" >/dev/null
        run=/usr/bin/app-vanilla
    else
        rm -rf unpacked && dpkg-deb -x "$deb" unpacked
        run=$(pwd)/unpacked/usr/bin/app-vanilla
    fi
    expect 0 'sash-smoke: ok greeting="Hello, smoke! \(from C\)"' \
        "the packaged app runs ($run)" -- env SASH_SMOKE=1 timeout 120 \
        "$src/tests/integration/run-xvfb.sh" "$run"
    [ "$run" = /usr/bin/app-vanilla ] && dpkg -r app-vanilla >/dev/null
fi
finish
