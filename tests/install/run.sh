#!/bin/sh
# run.sh BUILD_DIR - installs the built Sash into a temporary prefix and
# builds a user app against it twice: with find_package(Sash) and with
# pkg-config.  Both must build and run.
set -eu
build=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
libdir=$(find "$tmp/prefix" -name sash.pc -printf '%h\n' | head -n 1)

echo "== find_package(Sash)"
cmake -S "$here/consumer" -B "$tmp/cmake" -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/cmake" >/dev/null
"$tmp/cmake/consumer"

echo "== pkg-config sash"
export PKG_CONFIG_PATH="$libdir"
"$tmp/prefix/bin/sash-embed" assets "$here/consumer/ui" "$tmp/assets.c" consumer_assets
cc -std=c11 -o "$tmp/pc" "$here/consumer/main.c" "$tmp/assets.c" \
   $(pkg-config --cflags --libs sash)
"$tmp/pc" # no LD_LIBRARY_PATH: the rpath from sash.pc finds libsash.so

echo "== pkg-config --static sash (libsash linked in)"
libs=$(pkg-config --static --libs sash) # fails if a static closure is missing
cc -std=c11 -o "$tmp/pcs" "$here/consumer/main.c" "$tmp/assets.c" \
   $(pkg-config --cflags sash) $(echo "$libs" | sed 's/-lsash\b/-l:libsash.a/')
if ldd "$tmp/pcs" | grep -q libsash; then
    echo "the static build still needs libsash.so"
    echo "0 passed, 1 failed"
    exit 1
fi
"$tmp/pcs"
echo "1 passed, 0 failed"
