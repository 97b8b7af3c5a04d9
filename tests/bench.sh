#!/bin/sh
# make bench: speed, memory and size of the real handbook, beside pandoc.
# Prints figures; asserts nothing (timing belongs here, not in the tests).
set -u
cd "$(dirname "$0")/.." || exit 1
export LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1700000000}"
unset MAKEFLAGS MFLAGS MAKELEVEL # the make runs below are measured as typed
hb=./build/handbook
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
runs=5

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# measure NAME COMMAND...: median wall seconds, CPU seconds, peak RSS (kB).
measure() {
	name=$1; shift
	: > "$work/m"
	for i in $(seq $runs); do
		/usr/bin/time -f '%e %U %S %M' -o "$work/t" "$@" >/dev/null 2>&1
		tail -n 1 "$work/t" >> "$work/m" # after "Command exited with …"
	done
	wall=$(awk '{print $1}' "$work/m" | median)
	cpu=$(awk '{print $2 + $3}' "$work/m" | median)
	rss=$(awk '{print $4}' "$work/m" | median)
	printf '%-36s wall %6.3f s   cpu %6.3f s   peak %6.1f MB\n' "$name" "$wall" "$cpu" "$(echo "$rss / 1024" | bc -l)"
}

echo "== Full build: every locale, every format ($runs runs, medians)"
locales=$(ls translations/*.po 2>/dev/null | wc -l)
measure "build, $((locales + 1)) locales" $hb build --output "$work/dist"
echo
echo "== Stages (handbook build --timings)"
$hb build --output "$work/dist" --timings 2>&1 | sed 's/^timing: /  /'
bytes=$(cat content/*.md | wc -c)
parse_ms=$($hb build --output "$work/dist" --timings 2>&1 | awk '/parse/ {print $3}')
printf '  Markdown: %d bytes of chapters; parse and check %.1f ms (%.1f MB/s)\n' \
    "$bytes" "$parse_ms" "$(echo "$bytes / 1048576 / ($parse_ms / 1000)" | bc -l)"
echo
echo "== Output sizes per locale"
printf '  %-8s %10s %10s %12s %12s %10s\n' locale "page KB" "assets KB" "index KB" "text KB" "EPUB KB"
for d in "$work"/dist/*/; do
	l=$(basename "$d")
	page=$(wc -c < "$d/02-attachment.html")
	assets=$(cat "$d/assets/handbook.css" "$d/assets/exit.js" | wc -c)
	index=$(wc -c < "$d/search-index.js")
	text=$(cat "$d"/[0-9]*.html | sed 's/<[^>]*>//g' | wc -c)
	epub=$(wc -c < "$d/handbook-$l.epub")
	printf '  %-8s %10.1f %10.1f %12.1f %12.1f %10.1f\n' "$l" "$(echo "$page/1024" | bc -l)" \
	    "$(echo "$assets/1024" | bc -l)" "$(echo "$index/1024" | bc -l)" \
	    "$(echo "$text/1024" | bc -l)" "$(echo "$epub/1024" | bc -l)"
done
echo "  (page: a chapter's HTML; assets: CSS and JS a reading page loads; index: loaded only on search;"
echo "   text: the locale's visible chapter text, for comparison with the index)"
echo
echo "== A slow phone, simulated: Chromium, CPU slowed 6x, from file:// (medians of 5 runs)"
if [ -x /usr/bin/chromium ] && [ -d node_modules/playwright-core ]; then
	node tests/bench-reader.js "$work/dist" $(cd "$work/dist" && for d in */; do
		d=${d%/}; case $d in en) echo en=trauma;; hi) echo 'hi=आघात';; *) echo "$d";; esac; done)
else
	echo "  skipped: Chromium or playwright-core is missing (make deps)"
fi
echo
echo "== Reviews, covers, feed, booklet (one locale each; $runs runs, medians)"
measure "stats --json, every catalog" $hb stats --json
measure "review ar (the review edition)" $hb review ar --output "$work/rv"
measure "build --release (refused)" $hb build --release --locale ar --output "$work/rel"
measure "cover ar (SVG)" $hb cover --locale ar -o "$work/ar.svg"
if command -v rsvg-convert >/dev/null 2>&1; then
	measure "rsvg-convert cover, 1200 x 1800" rsvg-convert -w 1200 -h 1800 "$work/ar.svg" -o "$work/ar.png"
	printf '  cover PNG: %.1f KB\n' "$(echo "$(wc -c < "$work/ar.png") / 1024" | bc -l)"
fi
measure "build --root-only (chooser, opds.xml)" $hb build --root-only --output "$work/dist"
if command -v weasyprint >/dev/null 2>&1 && /usr/bin/python3 -c 'import pypdf' 2>/dev/null; then
	runs_saved=$runs; runs=1
	measure "booklet en (WeasyPrint A5 + pypdf)" tests/make-booklet.sh "$work/dist" en
	runs=$runs_saved
fi
echo
if command -v pandoc >/dev/null 2>&1; then
	echo "== Against pandoc (English; pandoc makes only the EPUB; alternating, $runs runs each)"
	: > "$work/ours"; : > "$work/pandoc"
	for i in $(seq $runs); do
		/usr/bin/time -f '%e' -o "$work/t" $hb build --locale en --output "$work/d2" >/dev/null 2>&1
		cat "$work/t" >> "$work/ours"
		/usr/bin/time -f '%e' -o "$work/t" pandoc --metadata title="Healing Attachment Trauma" \
		    -o "$work/p.epub" content/[0-9]*.md >/dev/null 2>&1
		cat "$work/t" >> "$work/pandoc"
	done
	o=$(median < "$work/ours"); p=$(median < "$work/pandoc")
	printf '  handbook (HTML + print + EPUB + search): %.3f s\n  pandoc (EPUB only):                      %.3f s\n  ratio: %.1f times faster\n' \
	    "$o" "$p" "$(echo "$p / $o" | bc -l)"
else
	echo "== pandoc is not installed (apt-get install pandoc) - comparison skipped"
fi
echo
echo "== Scaling: the English chapters repeated (unique ids), English only"
for n in 1 10 100; do
	[ "$n" = 100 ] && [ -z "${BENCH_FULL:-}" ] && { echo "  x100: set BENCH_FULL=1 (takes a minute)"; continue; }
	c="$work/c$n"; mkdir -p "$c"
	{
		echo '<?xml version="1.0" encoding="UTF-8"?><book>'
		sed -n '/<title>/,/<language>/p' content/book.xml
		echo '<chapters>'
		for r in $(seq $n); do
			for f in content/[0-9]*.md; do
				b=$(basename "$f")
				sed -E "s/\]\(([0-9][0-9]-[a-z-]+\.md)/](r$r-\1/g" "$f" > "$c/r$r-$b"
				echo "<chapter file=\"r$r-$b\"/>"
			done
		done
		echo '</chapters></book>'
	} > "$c/book.xml"
	mb=$(cat "$c"/*.md | wc -c)
	measure "x$n ($(echo "$mb / 1048576" | bc -l | cut -c1-5) MB of Markdown)" \
	    $hb build --content "$c" --translations "$work/none" --output "$work/s$n"
done
echo
echo "== Hostile inputs: each must end, with an error naming the file or a result (handbook check;"
echo "   under the default memory ceiling of 1024 MB; peak is the largest process)"
theme_abs="$(pwd)/themes/default"
hb_abs="$(pwd)/$hb"
# hostile NAME SETUP...: the fixture book, SETUP run in it, then a check.
hostile() {
	name=$1; shift
	rm -rf "$work/hostile" && cp -r tests/fixture "$work/hostile"
	(cd "$work/hostile" && "$@")
	(cd "$work/hostile" && /usr/bin/time -f '%e %M' -o "$work/t" \
	    "$hb_abs" check --theme "${HOSTILE_THEME:-$theme_abs}" >/dev/null 2>"$work/herr")
	rc=$?
	printf '  %-30s exit %d %7.2f s %7.1f MB  %s\n' "$name" "$rc" \
	    "$(tail -n 1 "$work/t" | cut -d' ' -f1)" "$(tail -n 1 "$work/t" | awk '{print $2 / 1024}')" \
	    "$(grep -m1 ': error: ' "$work/herr" | sed 's/^[^ ]*: error: //' | cut -c1-44)"
}
# chapter PYTHON-EXPRESSION: the third chapter becomes that text.
chapter() { python3 -c "import sys; sys.stdout.write('# T\n\n' + $1)" > content/three.md; }
huge_chapter() { head -c 52428800 /dev/zero | tr '\0' a > content/three.md; }
huge_catalog() {
	mkdir -p translations
	python3 - > translations/es.po <<'PY'
print('msgid ""\nmsgstr ""\n"Language: es\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
      '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n')
for i in range(100000):
    print('msgid "entry %d"\nmsgstr "entrada %d"\n' % (i, i))
PY
}
hostile "50 MB chapter" huge_chapter
hostile "'![[]()' x 160000" chapter "'![[]()' * 160000"
hostile "'>' x 1e5 + 'a*' x 1e5" chapter "'>' * 100000 + 'a*' * 100000"
hostile "30000 nested list items" chapter "'- ' * 30000 + 'x\n'"
hostile "30000 nested block quotes" chapter "'> ' * 30000 + 'x\n'"
hostile "'- ' x 30000 (a rule)" chapter "'- ' * 30000 + '\n'"
hostile "'[' x 100000" chapter "'[' * 100000"
hostile "'a*' x 100000" chapter "'a*' * 100000"
hostile "3000-column table" chapter "'|a' * 3000 + '|\n' + '|-' * 3000 + '|\n' + '|b' * 3000 + '|\n'"
hostile "100,000-entry catalog" huge_catalog
# The red team's inputs (../shared/reviews/redteam/) and resource bombs.
rtl_catalog() { # a right-to-left paragraph alternating Latin and Arabic words
	mkdir -p translations
	{ printf 'msgid ""\nmsgstr ""\n"Language: ar\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
	  printf '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
	  python3 -c "print('msgid \"A quotation.\"\nmsgstr \"' + 'a \u0628 ' * $1 + '\"')"; } > translations/ar.po
}
hostile "RTL paragraph, 1 MB" rtl_catalog 200000
hostile "RTL paragraph, 4 MB" rtl_catalog 800000
hostile "4000 x '## Same'" chapter "'\n## Same\n\nx\n' * 4000"
hostile "5000-column table, 200k rows" chapter "'|a' * 5000 + '|\n' + '|-' * 5000 + '|\n' + 'x\n' * 200000"
hostile "50,000 footnotes" chapter "''.join('x[^%d]\n\n[^%d]: n\n\n' % (i, i) for i in range(50000))"
HOSTILE_THEME="$(pwd)/tests/hostile" hostile "theme doubling a string 30x" true
echo
echo "== make: one generator run per locale (in a copy of the project; $runs runs, medians)"
proj="$work/proj"
tests/copy-project.sh "$proj"
# make_time NAME PREPARE: PREPARE, then time make there; wall and CPU.
make_time() {
	: > "$work/m"
	for i in $(seq $runs); do
		(cd "$proj" && eval "$2")
		(cd "$proj" && /usr/bin/time -f '%e %U %S' -o "$work/t" make $3 >/dev/null 2>&1)
		tail -n 1 "$work/t" >> "$work/m" # after "Command exited with …"
	done
	printf '  %-34s wall %6.3f s   cpu %6.3f s\n' "$1" \
	    "$(awk '{print $1}' "$work/m" | median)" "$(awk '{print $2 + $3}' "$work/m" | median)"
}
make_time "make, every locale" "rm -rf dist" ""
make_time "make -j2, every locale" "rm -rf dist" "-j2"
make_time "make after one .po changed" "touch translations/fr.po" ""
make_time "make with nothing changed" ":" ""
printf '  (after one .po changed, make ran: %s)\n' \
    "$(cd "$proj" && touch translations/fr.po && make 2>&1 | grep -o 'build --.*' | tr '\n' ';')"
