#!/bin/sh
# make booklet (tests/make-booklet.sh, tests/impose.py), built into a
# temporary folder:
#  - a small numbered book ("page 1" … "page 10" on A5 pages), left to
#    right and right to left (dir="rtl" on <html>, as the generator writes
#    it): every side of every sheet holds the pages saddle stitching wants
#    (read back from each half of the sheet with pdftotext), padded with
#    blanks at the end; A4 landscape sheets, and US Letter with half-letter
#    pages for PAPER=letter; any other PAPER is refused;
#  - the real handbook in English and in Arabic, end to end: A4 landscape
#    sheets, ceil(pages / 4) * 2 sides for the A5 edition's page count,
#    and the first and a middle sheet hold the A5 edition's pages;
#  - the same pages give the same bytes; the booklet keeps the book's title;
#  - make's rules, in a copy of the project: a booklet is made again when
#    its locale was rebuilt or the paper changed, and not otherwise.
# usage: tests/booklet.sh [DIST]   (DIST, default dist: the built handbook)
set -u
unset MAKEFLAGS MFLAGS MAKELEVEL
root=$(cd "$(dirname "$0")/.." && pwd)
dist=$(cd "${1:-$root/dist}" 2>/dev/null && pwd)
python=${BOOKLET_PYTHON:-/usr/bin/python3}
export BOOKLET_PYTHON="$python"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1700000000}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
p=0 f=0 s=0
ok() { p=$((p + 1)); }
bad() { echo "FAIL $*"; f=$((f + 1)); }
skip() { echo "SKIP booklet: $*"; s=$((s + 1)); }
done_() { echo "booklet: $p passed, $f failed, $s skipped"; [ "$f" = 0 ]; exit; }

for tool in weasyprint pdfinfo pdftotext; do
	command -v "$tool" >/dev/null 2>&1 || { skip "$tool is not installed (make deps)"; done_; }
done
"$python" -c 'import pypdf' 2>/dev/null || { skip "pypdf is not installed for $python (make deps)"; done_; }
echo '@page { size: A5; }' > "$work/a5.css"

# pages PDF: its page count.
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }
# sizes PDF W H: every page is W x H points, within 1 pt.
sizes() {
	pdfinfo -f 1 -l 100000 "$1" 2>/dev/null | awk -v w="$2" -v h="$3" '
	    /^Page +[0-9]+ size:/ { n++; dw = $4 - w; dh = $6 - h
		if (dw < -1 || dw > 1 || dh < -1 || dh > 1) { print "page " $2 ": " $4 " x " $6; bad = 1 } }
	    END { exit bad || !n }'
}
# half PDF SIDE left|right W H: the text on that half of the side, its
# white space squeezed to single spaces.
half() {
	hw=$(( $4 / 2 ))
	x=0
	[ "$3" = right ] && x=$hw
	pdftotext -q -f "$2" -l "$2" -x "$x" -y 0 -W "$hw" -H "$5" "$1" - | tr -s ' \n\f' '   ' |
	    sed 's/^ //; s/ $//'
}
# text PDF PAGE: a page's text the same way ("" past the end).
text() {
	[ "$2" -le "$(pages "$1")" ] || return 0
	pdftotext -q -f "$2" -l "$2" "$1" - | tr -s ' \n\f' '   ' | sed 's/^ //; s/ $//'
}
# expect N SIDE RTL: "LEFT RIGHT", the pages (1-based) on side SIDE
# (1-based: sheet (SIDE - 1) / 2, front on odd sides) of N pages, written
# out here from the saddle-stitch rule, not taken from impose.py.
expect() {
	n=$1 sh=$(( ($2 - 1) / 2 ))
	if [ $(( $2 % 2 )) = 1 ]; then l=$((n - 2 * sh)) r=$((2 * sh + 1))
	else l=$((2 * sh + 2)) r=$((n - 2 * sh - 1)); fi
	if [ "$3" = rtl ]; then echo "$r $l"; else echo "$l $r"; fi
}
# order BOOKLET PAGES W H RTL SIDES...: each side's halves hold the text of
# the pages expect names (PAGES, a PDF, or "numbered:COUNT" for "page K").
order() {
	b=$1 src=$2 w=$3 h=$4 dir=$5
	shift 5
	case $src in numbered:*) count=${src#numbered:} ;; *) count=$(pages "$src") ;; esac
	n=$(( (count + 3) / 4 * 4 ))
	bad_=0
	for side; do
		set -- $(expect "$n" "$side" "$dir")
		for pos in left right; do
			k=$1
			shift
			if [ "$k" -gt "$count" ]; then want=
			elif [ "${src#numbered:}" != "$src" ]; then want="page $k"
			else want=$(text "$src" "$k"); fi
			got=$(half "$b" "$side" "$pos" "$w" "$h")
			[ "$got" = "$want" ] || {
				echo "$b: side $side, $pos half: want page $k ($(echo "$want" | cut -c1-60)), got: $(echo "$got" | cut -c1-60)"
				bad_=1
			}
		done
	done
	return $bad_
}

# --- a small numbered book, left to right and right to left ---------------

# numbered DIR LANG DIR-ATTR COUNT: DIR/print.html, COUNT pages, "page K"
# alone near the top left corner of page K: 10 mm (28.35 pt) from the
# left edge, none from the top, so that where a page lands is measurable.
numbered() {
	mkdir -p "$1"
	{
		printf '<!DOCTYPE html><html lang="%s" dir="%s" class="print"><head><meta charset="utf-8">' "$2" "$3"
		printf '<style>@page { margin: 0 0 0 10mm } body { margin: 0 } p { margin: 0; font: 24pt/1 serif; page-break-after: always }</style></head><body>'
		k=1
		while [ "$k" -le "$4" ]; do printf '<p dir="ltr">page %d</p>' "$k"; k=$((k + 1)); done
		printf '</body></html>\n'
	} > "$1/print.html"
}
syn=$work/syn
numbered "$syn/lt" en ltr 10
numbered "$syn/rt" ar rtl 10
if PAPER=A4 "$root/tests/make-booklet.sh" "$syn" lt rt >"$work/log" 2>&1; then ok
else bad "make-booklet.sh on the numbered book:"; cat "$work/log"; fi
for l in lt rt; do
	b=$syn/handbook-$l-booklet.pdf
	[ -f "$b" ] || { bad "$b: not written"; continue; }
	sizes "$b" 842 595 && ok || bad "$l: sides are not A4 landscape (842 x 595)"
	# 10 pages: 12 with 2 blanks, 3 sheets, 6 sides.
	[ "$(pages "$b")" = 6 ] && ok || bad "$l: $(pages "$b") sides, want 6"
	dir=ltr
	[ $l = rt ] && dir=rtl
	order "$b" numbered:10 842 595 $dir 1 2 3 4 5 6 && ok || bad "$l ($dir): page order"
done
grep -q 'handbook-lt-booklet.pdf: 10 pages (2 blank) on 3 sheets' "$work/log" && ok ||
    { bad "make-booklet.sh does not say pages, blanks and sheets:"; cat "$work/log"; }
# The same pages give the same bytes (SOURCE_DATE_EPOCH, as make sets it).
cp "$syn/handbook-lt-booklet.pdf" "$work/first.pdf"
PAPER=A4 "$root/tests/make-booklet.sh" "$syn" lt >/dev/null 2>&1
cmp -s "$syn/handbook-lt-booklet.pdf" "$work/first.pdf" && ok || bad "two booklets of the same pages differ"

# Where a page lands: "page 1", at its page's top left corner, is at the
# top of the right half (an A5 page fills half an A4 sheet).
# corner PDF SIDE X: the first word right of X - 2 starts at X (within
# 2 pt) and at the top (its box starts above the line: the font's ascent).
corner() {
	pdftotext -q -bbox -f "$2" -l "$2" "$1" - | awk -v x="$3" '
	    /<word / { for (i = 1; i <= NF; i++) { split($i, kv, "\""); v[substr($i, 1, 4)] = kv[2] }
		if (v["xMin"] < x - 2) next
		dx = v["xMin"] - x; y = v["yMin"]; found = 1; exit }
	    END { if (!found || dx < -2 || dx > 2 || y < -8 || y > 8) { print "first word at " v["xMin"] ", " v["yMin"]; exit 1 } }'
}
corner "$syn/handbook-lt-booklet.pdf" 1 $((421 + 28)) && ok || bad "A4: page 1 is not at the right half's top left corner"

# US Letter: half-letter pages (5.5in x 8.5in) two-up on Letter landscape.
numbered "$syn/lt8" en ltr 8
if PAPER=letter "$root/tests/make-booklet.sh" "$syn" lt8 >"$work/log" 2>&1; then ok
else bad "PAPER=letter make-booklet.sh:"; cat "$work/log"; fi
b=$syn/handbook-lt8-booklet.pdf
if [ -f "$b" ]; then
	sizes "$b" 792 612 && ok || bad "letter: sides are not US Letter landscape (792 x 612)"
	[ "$(pages "$b")" = 4 ] && ok || bad "letter: $(pages "$b") sides, want 4"
	order "$b" numbered:8 792 612 ltr 1 2 3 4 && ok || bad "letter: page order"
	# An A5 page would be scaled down and centred (25 pt from the top).
	corner "$b" 1 $((396 + 28)) && ok || bad "letter: page 1 is not a half-letter page at the right half's corner"
else bad "$b: not written"; fi
if PAPER=A3 "$root/tests/make-booklet.sh" "$syn" lt >"$work/log" 2>&1; then
	bad "PAPER=A3 accepted"
else grep -q 'A4 or letter' "$work/log" && ok || { bad "PAPER=A3: no clear error"; cat "$work/log"; }; fi

# --- the real handbook, end to end ----------------------------------------

real() {
	l=$1 dir=$2
	[ -f "$dist/$l/print.html" ] || { skip "$l: $dist/$l/print.html is not built (make)"; return; }
	mkdir -p "$work/real"
	ln -s "$dist/$l" "$work/real/$l"
	start=$(date +%s)
	if ! PAPER=A4 "$root/tests/make-booklet.sh" "$work/real" "$l" >"$work/log" 2>&1; then
		bad "$l: make-booklet.sh:"; cat "$work/log"; return
	fi
	echo "$l: $(cat "$work/log") ($(( $(date +%s) - start )) s)"
	b=$work/real/handbook-$l-booklet.pdf
	weasyprint -q -s "$work/a5.css" "$dist/$l/print.html" "$work/$l-a5.pdf" 2>/dev/null ||
	    { bad "$l: weasyprint on A5"; return; }
	count=$(pages "$work/$l-a5.pdf")
	sides=$(pages "$b")
	echo "$l: $count A5 pages, $sides sides"
	sizes "$b" 842 595 && ok || bad "$l: sides are not A4 landscape"
	title=$(pdfinfo "$work/$l-a5.pdf" | sed -n 's/^Title: *//p')
	[ -n "$title" ] && [ "$(pdfinfo "$b" | sed -n 's/^Title: *//p')" = "$title" ] && ok ||
	    bad "$l: the booklet does not keep the title ($title)"
	[ "$sides" = $(( (count + 3) / 4 * 2 )) ] && ok || bad "$l: $sides sides for $count pages"
	# The first sheet and a middle one, front and back.
	mid=$(( (count + 3) / 8 * 2 + 1 ))
	order "$b" "$work/$l-a5.pdf" 842 595 "$dir" 1 2 "$mid" $((mid + 1)) && ok || bad "$l ($dir): page order"
}
real en ltr
real ar rtl

# --- make's rules, in a copy of the project -------------------------------

# The copy's locale is built (its stamp newer than what it is built from),
# its booklet newer still: nothing to do; a rebuilt locale or another
# paper makes it again, and nothing else.
"$root/tests/copy-project.sh" "$work/proj" && cp -a "$root/tests/make-booklet.sh" \
    "$root/tests/impose.py" "$root/tests/render-pdf.sh" "$work/proj/tests/" && mkdir -p "$work/proj/dist" || bad "copy-project.sh"
cd "$work/proj" || done_
: > build/.deps-booklet && : > dist/.stamp-en
echo A4 > build/paper
touch -d '+1 minute' dist/.stamp-en
touch -d '+2 minutes' dist/handbook-en-booklet.pdf
remakes() { make -n "$@" dist/handbook-en-booklet.pdf 2>&1 | grep -c 'make-booklet.sh dist en$'; }
[ "$(remakes PAPER=A4)" = 0 ] && ok || { bad "make: a current booklet is made again:"; make -n dist/handbook-en-booklet.pdf; }
[ "$(remakes PAPER=letter)" = 1 ] && ok || bad "make: PAPER=letter does not make the booklet again"
touch -d '+3 minutes' dist/.stamp-en
[ "$(remakes PAPER=A4)" = 1 ] && ok || bad "make: a rebuilt locale does not make its booklet again"
make -n booklet 2>/dev/null | grep -c 'make-booklet.sh dist ' | grep -qx "$(ls translations/*.po | wc -l | awk '{print $1 + 1}')" && ok ||
    bad "make -n booklet: not one booklet per locale"
cd "$root" || exit 1

done_
