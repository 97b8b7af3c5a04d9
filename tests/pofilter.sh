#!/bin/sh
# Every catalog through translate-toolkit's pofilter, the checker Weblate
# and Pootle users know: placeholders ({n}, {query}, printf), escapes,
# newlines, plural counts, URLs, e-mail addresses, XML tags and double
# spaces. (Its "brackets" check is left out: translations add the English
# term in brackets on purpose, and Chinese writes full-width ones.) One
# known exception is allowed, with its reason; then a broken copy must be
# caught, so that the suite can fail.
# usage: pofilter.sh [CATALOG...]   (default: translations/*.po)
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0 skipped=0
[ $# -gt 0 ] || set -- "$root"/translations/*.po
if ! command -v pofilter >/dev/null; then
	echo "SKIP pofilter: translate-toolkit is not installed (make deps)"
	echo "pofilter: 0 passed, 0 failed, 1 skipped"
	exit 0
fi
CHECKS="-t variables -t printf -t pythonbraceformat -t escapes -t newlines
    -t nplurals -t urls -t emails -t xmltags -t doublespacing"

# flagged PO: "msgid<TAB>check" per entry pofilter flagged.
flagged() {
	/usr/bin/python3 - "$1" <<'EOF'
import re, sys
import polib
for e in polib.pofile(sys.argv[1]):
    for c in re.findall(r"\(pofilter\) (\w+):", e.tcomment or ""):
        print(e.msgid + "\t" + c)
EOF
}

# Allowed: Arabic's zero, one and two forms of a count may say the number
# as a word ("one section found"), as Arabic writes it; tests/translations.sh
# checks that the generator accepts exactly this.
allowed() {
	case "$1|$2" in
	"ar|{n} section found for “{query}”	pythonbraceformat") return 0 ;;
	esac
	return 1
}

for po; do
	tag=$(basename "$po" .po)
	# shellcheck disable=SC2086
	pofilter --progress=none $CHECKS "$po" "$work/$tag.po" 2>"$work/err"
	bad=0
	if [ -f "$work/$tag.po" ]; then
		flagged "$work/$tag.po" >"$work/$tag.flags"
		while IFS= read -r line; do
			allowed "$tag" "$line" && continue
			echo "FAIL $tag: pofilter flags: $line"
			bad=1
		done <"$work/$tag.flags"
	fi
	if [ -s "$work/err" ]; then
		echo "FAIL $tag: pofilter: $(head -c 300 "$work/err")"
		bad=1
	fi
	if [ $bad = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done

# The suite catches a placeholder a translator broke.
cp "$root/translations/es.po" "$work/broken.po"
sed -i "s/^\"No se encontró nada para «{query}»/\"No se encontró nada para «{consulta}»/" "$work/broken.po"
grep -q '{consulta}' "$work/broken.po" || echo "FAIL the test edit of es.po"
# shellcheck disable=SC2086
pofilter --progress=none $CHECKS "$work/broken.po" "$work/broken.out" 2>/dev/null
if [ -f "$work/broken.out" ] && flagged "$work/broken.out" | grep -q 'pythonbraceformat'; then
	passed=$((passed + 1))
else
	echo "FAIL pofilter does not catch {query} written as {consulta}"
	failed=$((failed + 1))
fi
echo "pofilter: $passed passed, $failed failed, $skipped skipped"
