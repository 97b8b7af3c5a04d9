#!/bin/sh
# make booklet: dist/handbook-<locale>-booklet.pdf, a booklet to print on
# an office printer and staple at a copy shop. WeasyPrint lays the print
# page out on A5 pages (half-letter, 5.5in x 8.5in, with PAPER=letter),
# and tests/impose.py (pypdf) puts them two-up on A4 (US Letter) landscape
# sheets in saddle-stitch order, padded at the end with blank pages to a
# multiple of four. Print double-sided, flipping on the short edge, fold
# the stack in the middle and staple on the fold.
# A right-to-left locale (dir="rtl" on the print page's <html>, as the
# generator wrote it from ICU) is bound on the right: its sides are
# mirrored.
# usage: make-booklet.sh DIST [LOCALE...]
#   PAPER            the sheet: A4 (default) or letter
#   BOOKLET_PYTHON   the Python with pypdf (default /usr/bin/python3,
#                    Debian's, for Debian's python3-pypdf)
set -u
. "$(dirname "$0")/render-pdf.sh"
dist=${1:-dist}
[ $# -gt 0 ] && shift
here=$(dirname "$0")
python=${BOOKLET_PYTHON:-/usr/bin/python3}
case $(echo "${PAPER:-A4}" | tr 'A-Z' 'a-z') in
a4)	sheet=a4 page=A5 ;;
letter)	sheet=letter page='5.5in 8.5in' ;;
*)	echo "handbook: error: make booklet: PAPER=${PAPER} (A4 or letter)" >&2
	exit 1 ;;
esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "@page { size: $page; }" > "$work/size.css"
[ $# -gt 0 ] || set -- $(cd "$dist" && for d in */; do echo "${d%/}"; done)
rc=0
for l in "$@"; do
	[ -f "$dist/$l/print.html" ] || continue
	out="$dist/handbook-$l-booklet.pdf"
	dir=$(sed -n 's/.*<html [^>]*dir="\([a-z]*\)".*/\1/p' "$dist/$l/print.html" | head -n 1)
	rtl=
	[ "$dir" = rtl ] && rtl=--rtl
	if ! render_pdf "$dist/$l/print.html" "$work/pages.pdf" "$work/size.css" "$out"; then
		rc=1
		continue
	fi
	if "$python" "$here/impose.py" $rtl --sheet "$sheet" "$work/pages.pdf" "$out.tmp" >"$work/log" 2>&1; then
		mv "$out.tmp" "$out"
		echo "$out: $(cat "$work/log")"
	else
		echo "handbook: error: $out: imposition failed:" >&2
		cat "$work/log" >&2
		rm -f "$out.tmp"
		rc=1
	fi
done
exit $rc
