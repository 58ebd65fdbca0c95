#!/bin/sh
# A recipe whose shape is empty on land must fail, and the message must name the feature id.
overlay=$1 maps=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/recipes.json" <<'JSON'
{ "features": [ { "properties": { "id": "sea-only", "kind": "claim", "name": "Sea" },
  "shape": { "polygon": [[62.0, 20.0], [64.0, 20.0], [64.0, 21.0], [62.0, 21.0]] } } ] }
JSON
if "$overlay" "$tmp/recipes.json" "$maps" "$tmp/out.geojson" 2>"$tmp/err"; then
    echo "an empty overlay was accepted"
    exit 1
fi
cat "$tmp/err"
grep -q "sea-only" "$tmp/err" || { echo "the error does not name the feature"; exit 1; }
[ ! -e "$tmp/out.geojson" ] || { echo "output written despite the error"; exit 1; }
