#!/bin/sh
# Rebuild maps/ from GMT's data into a temporary directory and compare record counts and bounds
# with the committed layers. Exit 77 (skipped) without GMT.
root=$1 bin=$2
command -v gmt >/dev/null 2>&1 || { echo "gmt not installed: skipped"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
MAPKIT_BIN=$bin "$root/tools/build-maps" "$tmp" || exit 1
"$bin/mapkit-check" --check compare --maps "$root/maps" --compare "$tmp"
