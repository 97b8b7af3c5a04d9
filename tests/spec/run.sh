#!/bin/sh
# The spec corpus: each tests/spec/CASE/ is a small book and what the
# generator must make of it, like cmark's spec.txt or lowdown's regress/.
#
#   CASE/in.md       the chapter under test (other *.md: more chapters)
#   CASE/book.xml    the manifest (optional: a one-chapter book in English)
#   CASE/TAG.po      a catalog (optional): the book is then built in TAG
#   CASE/out.xml     expected: the book document the theme receives
#   CASE/out.html    expected: the <main> of in.md's page (default theme),
#                    one block per line
#   CASE/out.stderr  expected: the diagnostics, then "exit status N"
#   CASE/bug         a known bug, in one line: the expected files say what
#                    is right; while the output differs the case is skipped
#                    with this reason (make regen leaves such a case alone)
#
# usage: run.sh DRIVER          compare (make check)
#        run.sh --regen DRIVER  rewrite the expected files (make regen);
#                               review them with git diff
set -u
regen=0
[ "${1:-}" = --regen ] && { regen=1; shift; }
driver=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
theme=$(realpath "$here/../../themes/default")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1700000000
passed=0 failed=0 skipped=0

for dir in "$here"/*/; do
	name=$(basename "$dir")
	rm -rf "$work/p" "$work/got" && mkdir -p "$work/p/content" "$work/p/translations" "$work/got"
	cp "$dir"/*.md "$work/p/content/"
	if [ -f "$dir/book.xml" ]; then
		cp "$dir/book.xml" "$work/p/content/"
	else
		printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' '<book>' \
		    '  <title>Spec</title>' '  <creator>Spec Author</creator>' '  <rights>CC BY 4.0</rights>' '  <language>en</language>' \
		    '  <identifier>urn:uuid:00000000-0000-4000-8000-000000000002</identifier>' \
		    '  <chapters>' '    <chapter file="in.md"/>' '  </chapters>' '</book>' \
		    > "$work/p/content/book.xml"
	fi
	for po in "$dir"/*.po; do [ -f "$po" ] && cp "$po" "$work/p/translations/"; done
	(cd "$work/p" && "$driver" "$theme" "$work/got" 2>"$work/got/stderr")
	echo "exit status $?" >>"$work/got/stderr"
	: >"$work/got/out.xml" >"$work/got/out.html"
	[ -f "$work/got/book.xml" ] && cp "$work/got/book.xml" "$work/got/out.xml"
	[ -f "$work/got/in.html" ] && python3 "$here/main_blocks.py" "$work/got/in.html" >"$work/got/out.html"
	cp "$work/got/stderr" "$work/got/out.stderr"
	ok=1
	for f in out.xml out.html out.stderr; do
		if [ "$regen" = 1 ] && [ ! -f "$dir/bug" ]; then
			if [ -s "$work/got/$f" ]; then cp "$work/got/$f" "$dir/$f"; else rm -f "$dir/$f"; fi
		elif [ -f "$dir/$f" ] || [ -s "$work/got/$f" ]; then
			[ -f "$dir/$f" ] || : >"$work/none"
			if ! diff -u --label "$name/$f" --label "got" \
			    "$( [ -f "$dir/$f" ] && echo "$dir/$f" || echo "$work/none")" "$work/got/$f"; then
				ok=0
			fi
		fi
	done
	if [ "$ok" = 1 ]; then passed=$((passed + 1))
	elif [ -f "$dir/bug" ]; then echo "SKIP spec $name: known bug: $(cat "$dir/bug")"; skipped=$((skipped + 1))
	else echo "FAIL $name"; failed=$((failed + 1)); fi
done
echo "spec: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
