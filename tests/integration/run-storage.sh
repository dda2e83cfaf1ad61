#!/bin/sh
# run-storage.sh ITEST - web storage on the app scheme: runs the app twice
# on one Xvfb display and one data folder (run-xvfb.sh gives both), writing
# in the first run and reading back after the restart in the second.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/run-xvfb.sh" sh -c '"$1" storage-write && "$1" storage-read' sh "$1"
