#!/bin/sh
# deps.sh [test] - makes sure the Debian packages Sash needs are present.
# As root it installs what is missing; otherwise it prints the one apt line
# to run and fails.  "test" adds what the test suite needs.
set -eu
pkgs="build-essential cmake pkg-config libwebkit2gtk-4.1-dev libjansson-dev"
if [ "${1:-}" = test ]; then
    pkgs="$pkgs libcmocka-dev xvfb xauth clang libclang-rt-14-dev python3"
    # The core's Windows build and its tests under Wine (tests/windows).
    pkgs="$pkgs gcc-mingw-w64-x86-64 wine64 xz-utils"
fi
missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
    echo "deps: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
    echo "deps: missing packages. Run:" >&2
    echo "  sudo apt-get install -y$missing" >&2
    exit 1
fi
