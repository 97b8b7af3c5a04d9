#!/bin/sh
# make check: every test of the project, one suite after another. Each
# suite prints "NAME: N passed, N failed, N skipped" as its last line and
# one "SKIP NAME: why" line per skipped case; the skips are shown here, and
# the last line is the total.
set -u
cd "$(dirname "$0")/.." || exit 1
export LC_ALL=C.UTF-8
export ASAN_OPTIONS=detect_leaks=1
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1700000000}"
san=build/san/handbook
out=tests/out
rm -rf "$out" && mkdir -p "$out"
total_passed=0 total_failed=0 total_skipped=0
# Locale folders: those holding their own EPUB (not dist/review/ or
# dist/release/).
locales=$(cd dist && for d in */; do d=${d%/}; [ -f "$d/handbook-$d.epub" ] && echo "$d"; done)

# count SUITE: reads "…: N passed, N failed[, N skipped]" from the suite's
# last line and shows its SKIP lines; a skip that does not say why (fewer
# SKIP lines than skips) is a failure.
count() {
	line=$(tail -n 1 "$out/$1.log")
	nums=$(echo "$line" | sed -nE 's/.* ([0-9]+) passed, ([0-9]+) failed(, ([0-9]+) skipped)?$/\1 \2 \4/p')
	set -- "$1" $nums
	p=${2:-} f=${3:-} s=${4:-}
	skips=$(grep -c '^SKIP ' "$out/$1.log")
	[ -n "$s" ] || s=$skips
	if [ -z "$p" ]; then
		p=0 f=1
		echo "$1: did not finish"
		tail -n 20 "$out/$1.log"
	elif [ "$f" != 0 ]; then
		grep -v ' passed, ' "$out/$1.log" | tail -n 40
	fi
	grep '^SKIP ' "$out/$1.log"
	if [ "$skips" != "$s" ]; then
		echo "FAIL $1: $s skipped, but $skips SKIP lines say why"
		f=$((f + 1))
	fi
	echo "$1: $p passed, $f failed, $s skipped"
	total_passed=$((total_passed + p))
	total_failed=$((total_failed + f))
	total_skipped=$((total_skipped + s))
}

# run SUITE COMMAND...: a command whose exit status is the only result.
result() {
	name=$1
	shift
	if "$@" >"$out/$name.log" 2>&1; then
		echo "$name: 1 passed, 0 failed, 0 skipped" >>"$out/$name.log"
	else
		echo "$name: 0 passed, 1 failed, 0 skipped" >>"$out/$name.log"
	fi
	count "$name"
}

# 1. Unit tests of the stages, under AddressSanitizer and UBSan.
build/san/test_units >"$out/unit.log" 2>&1; count unit

# 1b. Every fuzz corpus input, regression inputs included, replayed under
#     ASan and UBSan (make fuzz runs libFuzzer itself, with clang).
replay() {
	p=0 f=0
	for t in markdown catalog tokenizer manifest reviews; do
		if build/san/replay_$t tests/fuzz/corpus/$t; then p=$((p + 1))
		else echo "FAIL replay_$t"; f=$((f + 1)); fi
	done
	echo "fuzz-replay: $p passed, $f failed, 0 skipped"
}
replay >"$out/fuzz-replay.log" 2>&1; count fuzz-replay

# 1c. The C sources follow .clang-format (make format rewrites them).
formatted() {
	clang-format --dry-run --Werror generator/*.c generator/*.h \
	    tests/unit/*.c tests/spec/*.c
}
if command -v clang-format >/dev/null; then
	result format formatted
else
	{ echo "SKIP format: clang-format is not installed"
	  echo "format: 0 passed, 0 failed, 1 skipped"; } >"$out/format.log"
	count format
fi

# 2. Command line: help, version, usage errors.
cli() {
	p=0 f=0
	t() { if [ "$1" = "$2" ]; then p=$((p + 1)); else echo "FAIL $3: status $1, want $2"; f=$((f + 1)); fi; }
	$san --help >/dev/null 2>&1; t $? 0 "--help"
	$san --help | grep -q 'handbook build'; t $? 0 "--help text"
	$san --version | grep -q '^handbook [0-9]'; t $? 0 "--version"
	$san >/dev/null 2>&1; t $? 2 "no command"
	$san frobnicate >/dev/null 2>&1; t $? 2 "unknown command"
	$san build --no-such-option >/dev/null 2>&1; t $? 2 "unknown option"
	$san build extra-argument >/dev/null 2>&1; t $? 2 "extra argument"
	$san build --root-only --locale en >/dev/null 2>&1; t $? 2 "--root-only with --locale"
	$san stats --root-only >/dev/null 2>&1; t $? 2 "--root-only outside build"
	echo "cli: $p passed, $f failed, 0 skipped"
}
cli >"$out/cli.log" 2>&1; count cli

# 3. Bad input: clear errors, exit status 1, previous output kept.
tests/errors.sh "$san" >"$out/errors.log" 2>&1; count errors

# 3a. The spec corpus: small books with their expected book document, page
#     and diagnostics (make regen rewrites them).
tests/spec/run.sh build/san/spec >"$out/spec.log" 2>&1; count spec

# 3b. Translations: pseudo-locale, round trip, hostile catalogs, new language.
tests/translations.sh "$san" >"$out/translations.log" 2>&1; count translations

# 3c. Regressions of the defects a code review and a red team reproduced,
#     and the memory ceiling (with the build without sanitizers).
tests/defects.sh "$san" build/handbook >"$out/defects.log" 2>&1; count defects

# 3c''. Every catalog through translate-toolkit's pofilter.
tests/pofilter.sh >"$out/pofilter.log" 2>&1; count pofilter

# 3c'. The review trail (stats and pages follow approvals and changes) and
#      the release gate (placeholders, safety-critical chapters).
tests/review.sh "$san" build/handbook >"$out/review.log" 2>&1; count review

# 3d. Every catalog passes gettext's own check and "handbook check
#     --strict" (placeholders, links, footnotes, emphasis, direction marks:
#     any warning fails), and the template is current. Untranslated and
#     fuzzy entries fail too (HANDBOOK_COMPLETE=1, make check's default;
#     make check COMPLETE= while a language is under way).
catalogs() {
	for po in translations/*.po; do
		[ -f "$po" ] || continue
		msgfmt --check -o /dev/null "$po" || return 1
	done
	$san check --strict ${HANDBOOK_COMPLETE:+--complete} || return 1
	./build/handbook extract -o "$out/handbook.pot" 2>/dev/null &&
	    diff -u translations/handbook.pot "$out/handbook.pot"
}
result catalogs catalogs

# 4. The fixture book end to end: structure, links, ids, golden page.
fixture() {
	(cd tests/fixture && ../../$san build --theme ../../themes/default \
	    --output ../out/fixture) 2>"$out/fixture.stderr" || return 1
	diff -u tests/golden/fixture.stderr "$out/fixture.stderr" || return 1
	diff -u tests/golden/fixture-one.html "$out/fixture/en/one.html" || return 1
	# sort="sections": collation order (apple, Émile, Zebra), not byte order.
	order=$(grep -o '<h2 id="[^"]*"' "$out/fixture/en/three.html" | tr '\n' ' ')
	[ "$order" = '<h2 id="apple" <h2 id="émile" <h2 id="zebra" ' ] ||
	    { echo "glossary order: $order"; return 1; }
	python3 tests/check_site.py "$out/fixture" en
}
result fixture fixture

# locale_dirs DIST: "tag:dir" for each locale folder, the direction as the
# generator wrote it from ICU (no list of right-to-left languages here;
# check_site.py checks every page of the locale against it).
locale_dirs() {
	for d in "$1"/*/; do
		d=${d%/}; l=${d##*/}
		[ -f "$d/index.html" ] || continue
		dir=$(sed -n 's/.*<html lang="[^"]*" dir="\([a-z]*\)".*/\1/p' "$d/index.html" | head -n 1)
		echo "$l:$dir"
	done
}

# 5. The real handbook, every locale: structure, links and ids.
result site python3 tests/check_site.py dist $(locale_dirs dist)

# 6. Reproducible: two builds in other time zones and locales, from another
#    working directory, are byte-identical.
repro() {
	TZ=Asia/Tokyo LC_ALL=C ./build/handbook build --output "$out/r1" 2>/dev/null || return 1
	cp -r content themes translations "$out/" 2>/dev/null
	(cd "$out" && TZ=America/Lima ../../build/handbook build --output r2 2>/dev/null) || return 1
	diff -r "$out/r1" "$out/r2" || return 1
	# A rebuild keeps the times of files whose bytes did not change.
	before=$(stat -c %Y "$out/r1/en/02-attachment.html")
	sleep 1
	./build/handbook build --output "$out/r1" 2>/dev/null || return 1
	[ "$(stat -c %Y "$out/r1/en/02-attachment.html")" = "$before" ]
}
result reproducible repro

# 6a. make: one changed catalog rebuilds one locale; -j2; same bytes.
tests/incremental.sh >"$out/incremental.log" 2>&1; count incremental

# 6a'. Make that only reads or tells (-n, -q, help, clean) changes nothing.
tests/build.sh >"$out/build.log" 2>&1; count build

# 6b. An edition theme that imports the default: logo, colours, contacts.
edition() {
	./build/handbook build --theme themes/example-ngo --output "$out/ngo" 2>/dev/null || return 1
	python3 tests/check_site.py "$out/ngo" $(locale_dirs "$out/ngo") || return 1
	for f in "$out/ngo/sw/12-crisis-and-local-help.html" "$out/ngo/sw/print.html"; do
		grep -q 'class="local-contacts" lang="sw"' "$f" || { echo "$f: no Swahili contacts"; return 1; }
	done
	grep -q 'class="local-contacts" lang="en"' "$out/ngo/es/12-crisis-and-local-help.html" ||
	    { echo "no English fallback contacts in es"; return 1; }
	grep -q 'ngo-logo' "$out/ngo/en/index.html" || { echo "no logo"; return 1; }
	unzip -p "$out/ngo/sw/handbook-sw.epub" OEBPS/cover.xhtml | grep -q ngo-logo ||
	    { echo "no logo on the EPUB cover"; return 1; }
	unzip -p "$out/ngo/sw/handbook-sw.epub" OEBPS/12-crisis-and-local-help.xhtml |
	    grep -q 'local-contacts' || { echo "no contacts in the EPUB"; return 1; }
	grep -q 'Placeholder' "$out/ngo/en/12-crisis-and-local-help.html" &&
	    { echo "the default placeholder is still there"; return 1; }
	return 0
}
result edition edition

# 6c. PDFs of the print pages: every font embedded, pages counted.
pdfs() {
	mkdir -p "$out/pdf" && cp -r dist/en dist/ar "$out/pdf/" 2>/dev/null
	[ -d dist/zh-Hans ] && cp -r dist/zh-Hans "$out/pdf/"
	[ -d dist/hi ] && cp -r dist/hi "$out/pdf/"
	# Right-to-left print pages isolate left-to-right runs with RLM, LRI …
	# PDI, not <bdi>: WeasyPrint broke "(Ainsworth et al., 1978)." at a
	# line start into ").Ainsworth et al., 1978(" (looked at, ar page 6).
	grep -q '<bdi' "$out/pdf/ar/print.html" && { echo "ar print page: <bdi> reaches WeasyPrint"; return 1; }
	grep -q "$(printf '\342\200\217\342\201\246Ainsworth')" "$out/pdf/ar/print.html" ||
	    { echo "ar print page: citations not isolated with RLM LRI"; return 1; }
	grep -q '<bdi dir="ltr">Ainsworth' dist/ar/02-attachment.html || { echo "ar page: <bdi> lost on screen"; return 1; }
	tests/make-pdf.sh "$out/pdf" || return 1
	for p in "$out"/pdf/handbook-*.pdf; do
		pdfinfo "$p" >/dev/null 2>&1 || { echo "$p: pdfinfo fails"; return 1; }
		pdffonts "$p" 2>/dev/null | awk 'NR > 2 && $(NF-4) != "yes" {bad = 1} END {exit bad}' ||
		    { echo "$p: a font is not embedded"; return 1; }
		[ "$(pdfinfo "$p" | awk '/^Pages:/ {print $2}')" -gt 20 ] || { echo "$p: too few pages"; return 1; }
	done
	[ "$(ls "$out"/pdf/handbook-*.pdf | wc -l)" = 4 ] || { echo "want 4 PDFs"; return 1; }
	# Rebuilding a locale keeps its PDF; the chooser links the PDFs it is
	# told are current (make's freshness rule: tests/incremental.sh).
	./build/handbook build --locale en --output "$out/pdf" 2>/dev/null &&
	    ./build/handbook build --root-only --pdf en --output "$out/pdf" 2>/dev/null || return 1
	[ -f "$out/pdf/handbook-en.pdf" ] || { echo "rebuilding en removed its PDF"; return 1; }
	grep -q 'href="handbook-en.pdf"' "$out/pdf/index.html" || { echo "chooser: no link to the PDF"; return 1; }
	grep -q 'href="handbook-es.pdf"' "$out/pdf/index.html" && { echo "chooser links a PDF not named"; return 1; }
	return 0
}
result pdf pdfs

# 6c'. Booklets (make booklet), built in a temporary folder: saddle-stitch
#      order left to right and right to left, sheet sizes (A4, Letter), the
#      English and Arabic handbooks end to end, make's rules.
tests/booklet.sh dist >"$out/booklet.log" 2>&1; count booklet

# 6c''. The bilingual review edition (handbook review TAG) of hi and ar:
#       one row per entry, catalog lines, translator comments, fuzzy and
#       untranslated marks, right-to-left cells, reviewed then stale, PDF.
tests/review-edition.sh "$san" >"$out/review-edition.log" 2>&1; count review-edition

# 6d. Kiwix: every locale's ZIM (make zim) passes zimcheck -A, carries its
#     own metadata, and is read through kiwix-serve in headless Chromium.
tests/zim.sh ./build/handbook dist $locales >"$out/zim.log" 2>&1; count zim

# 6e. The OPDS feed (dist/opds.xml) and the EPUB covers: every locale once
#     in its language, addresses inside dist/ with their media types, PDF
#     and ZIM links exactly when current; one cover-image PNG per EPUB, no
#     text past the cover's margins (long titles too), same bytes twice.
/usr/bin/python3 tests/opds.py ./build/handbook dist >"$out/opds.log" 2>&1; count opds

# 7. EPUBs: epubcheck must report nothing at all, for each one.
epubs() {
	p=0 f=0
	for e in dist/*/handbook-*.epub "$out"/fixture/*/handbook-*.epub "$out"/ngo/*/handbook-*.epub \
	    "$out"/pseudo/*/handbook-*.epub "$out"/partial/*/handbook-*.epub; do
		java -jar /usr/share/java/epubcheck.jar "$e" >"$out/epubcheck.txt" 2>&1
		if [ $? = 0 ] && grep -q 'No errors or warnings detected' "$out/epubcheck.txt"; then
			p=$((p + 1))
		else
			echo "FAIL $e"; cat "$out/epubcheck.txt"; f=$((f + 1))
		fi
	done
	echo "epubcheck: $p passed, $f failed, 0 skipped"
}
epubs >"$out/epubcheck.log" 2>&1; count epubcheck

# 8. The Nu HTML checker on every page: one result per page (a page is
#    failed when the checker names it; the checker itself failing without
#    naming a page is one more failure).
nu() {
	dirs="dist $out/fixture $out/pseudo $out/partial $out/ngo"
	java -jar node_modules/vnu-jar/build/dist/vnu.jar --errors-only --skip-non-html \
	    --format gnu $dirs >"$out/vnu.txt" 2>&1
	rc=$?
	cat "$out/vnu.txt"
	pages=$(find $dirs -type f \( -name '*.html' -o -name '*.xhtml' -o -name '*.htm' \) | wc -l)
	f=$(sed -n 's|^"file:\([^"]*\)":.*|\1|p' "$out/vnu.txt" | sort -u | wc -l)
	[ "$rc" != 0 ] && [ "$f" = 0 ] && f=1
	echo "html-checker: $((pages - f)) passed, $f failed, 0 skipped"
}
nu >"$out/html-checker.log" 2>&1; count html-checker

# 9. Real browser from file://: no network, no script error, skip link, axe.
node tests/browser.js dist $locales >"$out/browser.log" 2>&1; count browser
# Search in every locale, from file://, with the locale's own text.
TRANSLATIONS=translations node tests/search.js ./build/handbook dist $locales \
    >"$out/search.log" 2>&1; count search
# A reader on a small phone, in three engines: no sideways scrolling at 320
# and 360 px, the leave control in reach, old CSS and no JavaScript
# (tests/reader.js). Every page in Chromium, a sample in the others; an
# engine that cannot run here is reported as skipped.
node tests/reader.js chromium dist $locales >"$out/reader-chromium.log" 2>&1; count reader-chromium
node tests/reader.js firefox dist --sample $locales >"$out/reader-firefox.log" 2>&1; count reader-firefox
node tests/reader.js webkit dist --sample $(for l in en ar hi zh-Hans; do
	case " $(echo $locales) " in *" $l "*) echo "$l";; esac; done) >"$out/reader-webkit.log" 2>&1; count reader-webkit
# Search relevance: queries a reader would type, in several languages, find
# the pages they mean first; snippets highlight only what matched.
node tests/relevance.js dist $locales >"$out/relevance.log" 2>&1; count relevance
# A partly translated locale: fallback blocks and the translation note.
node tests/browser.js "$out/partial" fr >"$out/browser-partial.log" 2>&1; count browser-partial

echo "$total_passed passed, $total_failed failed, $total_skipped skipped"
[ "$total_failed" = 0 ]
