#!/bin/sh
# deps.sh [test] - makes sure the Debian packages Sash needs are present.
# As root it installs what is missing; otherwise it prints the one apt line
# to run and fails.  "test" adds what the test suite needs.
set -eu
pkgs="build-essential cmake pkg-config libwebkit2gtk-4.1-dev libjansson-dev zlib1g-dev"
# The sql plugin (src/plugins/sql) links the system SQLite.
pkgs="$pkgs libsqlite3-dev"
if [ "${1:-}" = test ]; then
    pkgs="$pkgs libcmocka-dev xvfb xauth clang libclang-rt-14-dev python3"
    # The CLI tests (tests/cli): `file` checks a binary is stripped;
    # imagemagick makes the icons of sash bundle and the template screenshots;
    # dpkg-dev has dpkg-shlibdeps (sash bundle).
    pkgs="$pkgs file binutils imagemagick dpkg-dev"
    # Windows under a window manager (tests/integration/wtest.c): openbox,
    # xdotool to press the close button's Alt+F4, xprop (x11-utils) to read
    # what the window manager set.
    pkgs="$pkgs openbox xdotool x11-utils"
    # The core's Windows build and its tests under Wine (tests/windows).
    pkgs="$pkgs gcc-mingw-w64-x86-64 wine64 xz-utils rpm"
    # Menus and tray (tests/integration mtest, run-tray.sh): xdotool types
    # and clicks; the tray library (opened at run time, not linked) and a
    # private session bus for the StatusNotifier test.
    pkgs="$pkgs xdotool libayatana-appindicator3-1 dbus-daemon"
    # Desktop surface (dialogs, clipboard, notifications, opener): xdotool
    # drives a real file dialog, xclip is a second X clipboard client,
    # python3-gi runs the test D-Bus services, dbus-daemon has dbus-run-session.
    pkgs="$pkgs xdotool xclip python3-gi gir1.2-glib-2.0 dbus-daemon"
    # sash dev's hot swap (tests/hotswap): Ninja rebuilds the command module
    # in a third of make's time (sash dev uses it when it is installed).
    pkgs="$pkgs ninja-build"
    # The GTK4 backend's build and tests (build-gtk4, SASH_BACKEND=gtk4)
    # and the GTK4 floor of the benchmark.
    pkgs="$pkgs libwebkitgtk-6.0-dev"
    # End to end through WebDriver (tests/e2e, @sash/e2e): WebKitWebDriver.
    pkgs="$pkgs webkit2gtk-driver"
    # GTK4 windows on Wayland (contract.gtk4_wayland): a headless weston,
    # and libx11-dev for the GTK4 backend's X11 window placement.
    pkgs="$pkgs weston libx11-dev"
fi
# Node.js and npm build the JS packages (js/) and the app templates.  Vite 7
# and jsdom need Node >= 20.19: Debian 13's nodejs package, or NodeSource's
# nodejs 20/22 on Debian 12 (whose own nodejs is 18).  Required by "test",
# a warning otherwise.
node_ok=1
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    node_ok=0
    echo "deps: node and npm are needed for the JS packages (js/) and app templates." >&2
elif ! node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)'; then
    node_ok=0
    echo "deps: node $(node --version) is too old: the JS packages need Node >= 20.19." >&2
fi
if [ "$node_ok" = 0 ]; then
    echo "  Debian 13:  sudo apt-get install -y nodejs npm" >&2
    echo "  Debian 12:  install nodejs 20 or 22 from NodeSource (Debian 12's nodejs is 18)" >&2
    [ "${1:-}" = test ] && exit 1
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
