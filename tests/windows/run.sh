#!/bin/sh
# tests/windows/run.sh - the portable core on Windows: cross-builds the core
# and its unit tests (in-memory backend) with mingw-w64 and runs them under
# Wine.  jansson and cmocka have no mingw packages in Debian, so their
# Debian *source* packages (apt-get source, by name) are cross-built once
# into build-win/deps.  Needs: gcc-mingw-w64-x86-64 wine64 dpkg-dev
# (scripts/deps.sh windows), and the host build's sash-embed.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${SASH_WIN_BUILD:-$root/build-win}
deps=$out/deps
export SASH_WIN_PREFIX="$deps/prefix"
export WINEPREFIX="$out/wineprefix" WINEDEBUG=-all
toolchain=$root/cmake/toolchains/mingw-w64.cmake
jobs=$(nproc)

# A private source list: deb-src lines for this run only, the machine's
# apt configuration untouched.
fetch_source() { # fetch_source PACKAGE -> extracts PACKAGE's orig tarball
    mkdir -p "$deps/src" "$deps/apt/lists/partial"
    cat > "$deps/apt/debian.sources" <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    pkg=$1
    set -- -o Dir::Etc::SourceList="$deps/apt/debian.sources" \
        -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists="$deps/apt/lists"
    [ -n "$(ls "$deps/apt/lists" 2>/dev/null | grep Sources)" ] ||
        apt-get "$@" update -qq >/dev/null
    (cd "$deps/src" && apt-get "$@" source --download-only -qq "$pkg" >/dev/null 2>&1)
    set -- "$pkg"
    tarball=$(ls "$deps/src/$1"_*.orig.tar.* | head -n 1)
    tar -xf "$tarball" -C "$deps/src"
}

cross_build() { # cross_build PACKAGE CMAKE_OPTIONS...
    pkg=$1
    shift
    [ -f "$SASH_WIN_PREFIX/lib/pkgconfig/$pkg.pc" ] && return 0
    echo "== windows: building $pkg from its Debian source package"
    fetch_source "$pkg"
    src=$(ls -d "$deps/src/$pkg"-*/ | head -n 1)
    cmake -S "$src" -B "$deps/build-$pkg" -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
        -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$SASH_WIN_PREFIX" \
        "$@" >/dev/null
    cmake --build "$deps/build-$pkg" -j"$jobs" >/dev/null
    cmake --install "$deps/build-$pkg" >/dev/null
}

cross_build jansson -DJANSSON_BUILD_DOCS=OFF -DJANSSON_EXAMPLES=OFF \
    -DJANSSON_WITHOUT_TESTS=ON -DJANSSON_BUILD_SHARED_LIBS=OFF
cross_build cmocka -DWITH_EXAMPLES=OFF -DUNIT_TESTING=OFF

if [ ! -x "$root/build/sash-embed" ]; then
    cmake -S "$root" -B "$root/build" >/dev/null
    cmake --build "$root/build" --target sash-embed >/dev/null
fi

echo "== windows: core and unit tests (mingw-w64, run under Wine)"
cmake -S "$root" -B "$out/sash" -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
    -DSASH_BACKEND=none -DSASH_WERROR=ON -DCMAKE_BUILD_TYPE=Debug \
    -DSASH_HOST_EMBED="$root/build/sash-embed" >/dev/null
cmake --build "$out/sash" -j"$jobs"
ctest --test-dir "$out/sash" --output-on-failure
