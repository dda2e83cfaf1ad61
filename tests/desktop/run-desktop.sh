#!/bin/sh
# run-desktop.sh DTEST PAGE - runs one tests/desktop page on a private
# Xvfb display (run-xvfb.sh), with what the page needs:
#  - DTEST_DIR: a temp folder with the files the dialogs "pick";
#  - SASH_TEST_DIALOG: the hook's answers, in the order the page asks
#    (not for page "realdialog", which drives a real GTK dialog);
#  - a fake xdg-open first on PATH, recording what it was asked to open;
#  - page "notify": a private session bus (dbus-run-session) with the test
#    Notifications and FileManager1 services (desktop_services.py).
# Every process started here is stopped by PID.
set -u
here=$(cd "$(dirname "$0")" && pwd)
dtest=$1 page=$2
D=$(mktemp -d) || exit 1
# Canonical: the dialog backend resolves symbolic links (/tmp may be one).
D=$(cd "$D" && pwd -P)
trap 'rm -rf "$D"' EXIT INT TERM
export DTEST_DIR="$D"
printf 'hello from the picked file\n' >"$D/picked.txt"
printf 'other\n' >"$D/other.txt"
printf 'm1\n' >"$D/m1.txt"
printf 'm2\n' >"$D/m2.txt"
printf 'secret\n' >"$D/secret.txt"
mkdir -p "$D/sub/deeper" "$D/out" "$D/bin"
printf 'a\n' >"$D/sub/deeper/a.txt"
cat >"$D/bin/xdg-open" <<EOS
#!/bin/sh
printf '%s\n' "\$*" >>"$D/xdg-open.log"
EOS
chmod +x "$D/bin/xdg-open"
export PATH="$D/bin:$PATH"
# GTK's file chooser saves its settings; keep them in memory, not dconf.
export GSETTINGS_BACKEND=memory
case $page in
dialog)
    export SASH_TEST_DIALOG="[\"$D/picked.txt\", null, [\"$D/m1.txt\", \"$D/m2.txt\"], \"$D/sub\", \"$D/secret.txt\", \"$D/out/export.csv\", true, false, true]" ;;
notify)
    export SASH_TEST_DIALOG="[\"$D/picked.txt\"]" ;;
esac
if [ "$page" = notify ]; then
    # Inside the private bus: start the services, wait for "ready", run.
    exec dbus-run-session -- sh -c '
        python3=/usr/bin/python3
        mkfifo "$DTEST_DIR/ready"
        "$python3" "$1/desktop_services.py" >"$DTEST_DIR/ready" &
        svc=$!
        read -r line <"$DTEST_DIR/ready" || { echo "services did not start" >&2; kill $svc; exit 1; }
        "$1/../integration/run-xvfb.sh" "$2" "$3"
        rc=$?
        kill $svc 2>/dev/null; wait $svc 2>/dev/null
        exit $rc' sh "$here" "$dtest" "$page"
fi
"$here/../integration/run-xvfb.sh" "$dtest" "$page"
