#!/bin/sh
# A recipe whose shape is empty on land must fail, and the message must name the feature id.
# The maps are one small square of land written by mapkit-write, so the test takes a second,
# not the minute the full-detail countries take to union.
overlay=$1 write=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/maps"
printf '> id=LD|name=Testland\n60 30\n70 30\n70 40\n60 40\n60 30\n' |
    "$write" --type polygon --field id:C:8 --field name:C:40 "$tmp/maps/countries.shp" >/dev/null ||
    { echo "cannot write the test land"; exit 1; }
cat >"$tmp/recipes.json" <<'JSON'
{ "features": [ { "properties": { "id": "sea-only", "kind": "claim", "name": "Sea" },
  "shape": { "polygon": [[62.0, 20.0], [64.0, 20.0], [64.0, 21.0], [62.0, 21.0]] } } ] }
JSON
if "$overlay" "$tmp/recipes.json" "$tmp/maps" "$tmp/out.geojson" 2>"$tmp/err"; then
    echo "an empty overlay was accepted"
    exit 1
fi
cat "$tmp/err"
grep -q "sea-only" "$tmp/err" || { echo "the error does not name the feature"; exit 1; }
[ ! -e "$tmp/out.geojson" ] || { echo "output written despite the error"; exit 1; }
