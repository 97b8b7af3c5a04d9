#!/bin/sh
# make pdf: dist/handbook-<locale>.pdf from each print page, with
# WeasyPrint (page numbers, running heads, contents with page numbers, PDF
# bookmarks; Noto fonts shape Arabic, Devanagari and Chinese).
# PAPER=letter makes US Letter pages; the default is A4.
# The PDFs sit beside the locale zips, outside the locale folders, so that
# rebuilding a locale does not remove them; `handbook build --root-only`
# then links them from the language chooser.
# usage: make-pdf.sh DIST [LOCALE...]
set -u
dist=${1:-dist}
shift
paper=${PAPER:-A4}
size=$(mktemp --suffix=.css)
trap 'rm -f "$size"' EXIT
echo "@page { size: $paper; }" > "$size"
[ $# -gt 0 ] || set -- $(cd "$dist" && for d in */; do echo "${d%/}"; done)
rc=0
for l in "$@"; do
	[ -f "$dist/$l/print.html" ] || continue
	out="$dist/handbook-$l.pdf"
	if weasyprint -q -s "$size" "$dist/$l/print.html" "$out.tmp" 2>"$out.log"; then
		mv "$out.tmp" "$out"
		rm -f "$out.log"
		echo "$out: $(pdfinfo "$out" 2>/dev/null | awk '/^Pages:/ {print $2}') pages"
	else
		echo "handbook: error: $out: weasyprint failed:" >&2
		cat "$out.log" >&2
		rm -f "$out.tmp" "$out.log"
		rc=1
	fi
done
exit $rc
