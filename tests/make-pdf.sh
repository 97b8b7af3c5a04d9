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
. "$(dirname "$0")/render-pdf.sh"
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
	if render_pdf "$dist/$l/print.html" "$out" "$size"; then
		echo "$out: $(pdfinfo "$out" 2>/dev/null | awk '/^Pages:/ {print $2}') pages"
	else
		rc=1
	fi
done
exit $rc
