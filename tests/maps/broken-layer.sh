#!/bin/sh
# The checker must fail on a layer that lost its .prj: proves the open check can fail.
check=$1 maps=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
for ext in shp shx dbf cpg; do cp "$maps/wakhan.$ext" "$tmp/" || exit 1; done
if "$check" --check open --maps "$tmp"; then
    echo "mapkit-check accepted a layer without .prj"
    exit 1
fi
echo "mapkit-check rejected the layer without .prj, as it should"
