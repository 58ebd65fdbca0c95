#!/bin/sh
# Every layer of MAPS_DIR must open with GDAL's ogrinfo (a second, independent reader).
# Exit 77 (skipped) without ogrinfo.
command -v ogrinfo >/dev/null 2>&1 || { echo "ogrinfo not installed: skipped"; exit 77; }
status=0
n=0
for shp in "$1"/*.shp; do
    [ -e "$shp" ] || { echo "no shapefiles in $1"; exit 1; }
    n=$((n + 1))
    if ! ogrinfo -ro -so -al "$shp" >/dev/null 2>&1; then
        echo "$shp: ogrinfo cannot open it"
        status=1
    fi
done
echo "$n layers checked"
exit $status
