#!/bin/sh
# make review-pdf: DIST/review/handbook-<locale>-review.pdf from each review
# edition (handbook review TAG), with WeasyPrint as in make-pdf.sh: the
# same Noto fonts, A4 pages (review.css; PAPER=letter for US Letter), one
# table row per catalog entry, never split across pages.
# usage: make-review-pdf.sh DIST [LOCALE...] (default: every review edition)
set -u
. "$(dirname "$0")/render-pdf.sh"
dist=${1:-dist}
shift
size=$(mktemp --suffix=.css)
trap 'rm -f "$size"' EXIT
[ "${PAPER:-A4}" = A4 ] || echo "@page { size: $PAPER; }" > "$size"
[ $# -gt 0 ] || set -- $(cd "$dist/review" 2>/dev/null &&
	for f in handbook-*-review.html; do
		[ -f "$f" ] || continue
		f=${f#handbook-}; echo "${f%-review.html}"
	done)
rc=0
for l in "$@"; do
	html="$dist/review/handbook-$l-review.html"
	out="$dist/review/handbook-$l-review.pdf"
	if [ ! -f "$html" ]; then
		echo "handbook: error: $html: no review edition (handbook review $l)" >&2
		rc=1
		continue
	fi
	if render_pdf "$html" "$out" "$size"; then
		echo "$out: $(pdfinfo "$out" 2>/dev/null | awk '/^Pages:/ {print $2}') pages"
	else
		rc=1
	fi
done
exit $rc
