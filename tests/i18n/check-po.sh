#!/bin/sh
# The interface translations are complete and current:
#  - every string marked _(), N_() or ngettext() in src/ is in po/wakhan.pot (a fresh
#    xgettext run compared with msgcmp);
#  - every .po has every message of the template, and msgfmt --check --statistics reports
#    them all translated (no fuzzy, no untranslated).
# Usage: check-po.sh SOURCE_DIR WORK_DIR
set -eu
src=$1
work=$2
mkdir -p "$work"
cd "$src"
find src -name '*.c' | LC_ALL=C sort > "$work/POTFILES"
xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=ngettext:1,2 \
    --files-from="$work/POTFILES" -o "$work/fresh.pot"
if ! msgcmp --use-untranslated po/wakhan.pot "$work/fresh.pot"; then
    echo "FAIL: strings in src/ are missing from po/wakhan.pot: run tools/update-po" >&2
    exit 1
fi
status=0
for lang in zh_CN fa ps; do
    if ! msgcmp "po/$lang.po" po/wakhan.pot; then
        echo "FAIL: po/$lang.po lacks messages of the template: run tools/update-po" >&2
        status=1
    fi
    stats=$(msgfmt --check --statistics -o /dev/null "po/$lang.po" 2>&1)
    echo "$lang: $stats"
    case "$stats" in
    *fuzzy* | *untranslated*)
        echo "FAIL: po/$lang.po is not 100% translated" >&2
        status=1
        ;;
    *" translated message"*) ;;
    *)
        echo "FAIL: msgfmt did not accept po/$lang.po" >&2
        status=1
        ;;
    esac
done
exit $status
