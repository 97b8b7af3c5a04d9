#!/bin/sh
# Regressions: one case per defect that a code review or the red team
# reproduced (../shared/reviews/redteam/), and the memory ceiling. Each
# case failed on the generator before its fix.
#
# usage: defects.sh HANDBOOK [PLAIN_HANDBOOK]
#   HANDBOOK        the generator under test (make check: the ASan build)
#   PLAIN_HANDBOOK  a build without sanitizers, for the memory ceiling and
#                   the parallel builds (ASan reserves terabytes of address
#                   space, and is slow); default: HANDBOOK
set -u
hb=$(realpath "$1")
plain=$(realpath "${2:-$1}")
here=$(cd "$(dirname "$0")" && pwd)
theme="$here/../themes/default"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1700000000
passed=0 failed=0 skipped=0
pass() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
skip() { echo "SKIP $*"; skipped=$((skipped + 1)); }
tree_hash() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum; }

# A fresh copy of the fixture book in $work/$1, built once into $work/$1/out.
fresh() {
	rm -rf "$work/$1" && mkdir -p "$work/$1/translations"
	cp -r "$here/fixture/content" "$work/$1/"
	(cd "$work/$1" && "$hb" build --theme "$theme" --locale en --output out 2>/dev/null) ||
	    echo "fixture does not build"
}
# A catalog header for TAG, with an optional Plural-Forms rule.
po_header() {
	printf 'msgid ""\nmsgstr ""\n"Language: %s\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: %s\\n"\n\n' \
	    "$1" "${2:-nplurals=2; plural=(n != 1);}"
}
# run CASE ARGS...: the generator in the case's folder; status in $rc,
# messages (without the fixture's own warnings) in $work/err.
run() {
	d=$1
	shift
	(cd "$work/$d" && "$@" >"$work/out" 2>"$work/err.all")
	rc=$?
	grep -v ': warning: raw HTML' "$work/err.all" >"$work/err"
}
# expect_err CASE STATUS TEXT: the status, and TEXT among the messages.
expect_err() {
	if [ "$rc" != "$2" ]; then
		fail "$1: status $rc, want $2"; cat "$work/err"
	elif ! grep -qF -- "$3" "$work/err"; then
		fail "$1: no message '$3'"; cat "$work/err"
	else
		pass
	fi
}

# 1. The locale zip's place taken by a folder: an error, no crash (it was
#    a use after free, status 139), no temporary file left.
fresh zipdir
rm -f "$work/zipdir/out/handbook-en.zip" && mkdir -p "$work/zipdir/out/handbook-en.zip"
run zipdir "$hb" build --theme "$theme" --locale en --output out
expect_err zip-is-a-folder 1 "out/handbook-en.zip: error: cannot write zip: Is a directory"
[ -z "$(ls -A "$work/zipdir/out" | grep '^\.')" ] && pass || fail "zip-is-a-folder: temporary files left: $(ls -A "$work/zipdir/out")"

# 2. Builds of two books into one folder at once (each locale zip had one
#    fixed temporary name): every build succeeds, none crashes.
fresh par
cp -r "$work/par/content" "$work/par/content2"
sed -i 's/^# .*/# Another title/' "$work/par/content2/one.md"
bad=0
for round in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	for c in content content2 content content2; do
		(cd "$work/par" && "$plain" build --content "$c" --theme "$theme" --locale en \
		    --output shared >/dev/null 2>"$work/par-$round-$c-$$" ; echo $? >>"$work/par-status") &
	done
	wait
done
[ "$(sort -u "$work/par-status")" = 0 ] && pass ||
    fail "parallel builds: statuses $(sort "$work/par-status" | uniq -c | tr '\n' ' ')"
[ -z "$(ls -A "$work/par/shared" | grep '^\.')" ] && pass || fail "parallel builds left temporary files"

# 3. A theme reads only its own folder and the themes it imports: not the
#    folder it sits in (a theme at t/evil/ published t/secret.xml).
mkdir -p "$work/t/evil"
echo '<secret>TOP-SECRET-VALUE</secret>' >"$work/t/secret.xml"
head='<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:hb="urn:x-handbook:1">'
echo "$head"'<xsl:template match="/"><hb:files><hb:file path="x.html"><p><xsl:value-of select="document('"'"'../secret.xml'"'"')"/></p></hb:file></hb:files></xsl:template></xsl:stylesheet>' \
    >"$work/t/evil/handbook.xsl"
fresh sandbox
run sandbox "$hb" build --theme "$work/t/evil" --locale en --output out2
expect_err theme-parent-folder 1 "refused to read"
grep -rq TOP-SECRET "$work/sandbox" "$work/out" "$work/err.all" && fail "theme-parent-folder: the secret was published" || pass
echo "$head"'<xsl:import href="../secret.xml"/><xsl:template match="/"><hb:files/></xsl:template></xsl:stylesheet>' \
    >"$work/t/evil/handbook.xsl"
run sandbox "$hb" build --theme "$work/t/evil" --locale en --output out2
expect_err theme-import-not-a-theme 1 "refused to read"
# Importing another theme still works (themes/example-ngo imports default).
run sandbox "$hb" build --theme "$here/../themes/example-ngo" --locale en --output out3
[ "$rc" = 0 ] && pass || { fail "edition importing the default theme: status $rc"; cat "$work/err"; }

# 4. Search text is never lost: U+FDFA grows 18-fold under NFKC, and the
#    word after ten of them used to vanish from the index.
fresh fdfa
printf '\n%s word\n' "ﷺﷺﷺﷺﷺﷺﷺﷺﷺﷺ" >>"$work/fdfa/content/one.md"
run fdfa "$hb" tokens --theme "$theme" --locale en
grep -q '"word"' "$work/out" && pass || fail "search: the word after U+FDFA x 10 is not in the tokens"

# 5. libxslt's messages: one file:line diagnostic per fault.
mkdir -p "$work/t/xpath"
printf '%s\n<xsl:template match="/">\n<xsl:value-of select="1 +"/>\n</xsl:template></xsl:stylesheet>\n' "$head" \
    >"$work/t/xpath/handbook.xsl"
run sandbox "$hb" build --theme "$work/t/xpath" --locale en --output out2
want="$work/t/xpath/handbook.xsl:3: error: theme: Invalid expression; xsl:value-of : could not compile select expression '1 +' (xsl:value-of)
$work/t/xpath/handbook.xsl: error: the theme does not compile"
[ "$rc" = 1 ] && [ "$(cat "$work/err")" = "$want" ] && pass ||
    { fail "libxslt messages"; printf '%s\n' "$want" | diff - "$work/err"; }

# 6. Right-to-left isolation is linear: a 1 MB paragraph alternating Latin
#    and Arabic words took 9.3 s and 770 MB; 4 MB never ended.
fresh rtl
{ po_header ar; python3 -c 'print("msgid \"A quotation.\"\nmsgstr \"" + "a ب " * 200000 + "\"")'; } \
    >"$work/rtl/translations/ar.po"
run rtl timeout 120 "$plain" build --theme "$theme" --locale ar --output out
[ "$rc" = 0 ] && [ "$(grep -o '<bdi' "$work/rtl/out/ar/one.html" | wc -l)" -ge 200000 ] && pass ||
    { fail "rtl isolation: status $rc"; head -3 "$work/err"; }

# 7. 4000 headings with the same text: ids same, same-1 … same-3999 (was
#    cubic, and stopped by the watchdog).
fresh heads
python3 -c 'print("".join("\n## Same\n\nx\n" for i in range(4000)))' >>"$work/heads/content/two.md"
run heads timeout 120 "$hb" build --theme "$theme" --locale en --output out
[ "$rc" = 0 ] && grep -q 'id="same-3999"' "$work/heads/out/en/two.html" &&
    ! grep -q 'id="same-4000"' "$work/heads/out/en/two.html" && pass ||
    { fail "repeated headings: status $rc"; head -3 "$work/err"; }

# 8. A table cmark would pad to a billion cells (it aborted at 4 GB).
fresh table
python3 -c 'import sys; sys.stdout.write("\n\n" + "|a"*5000 + "|\n" + "|-"*5000 + "|\n" + "x\n"*200000)' \
    >>"$work/table/content/two.md"
before=$(tree_hash "$work/table/out")
run table "$hb" build --theme "$theme" --locale en --output out
expect_err huge-table 1 "content/two.md:"
grep -q 'error: a table of 5000 columns and over 21 rows: more than 100000 cells' "$work/err" && pass ||
    fail "huge-table: message"
[ "$(tree_hash "$work/table/out")" = "$before" ] && pass || fail "huge-table: previous output changed"

# 9. Escapes that gettext turns into bytes that are not UTF-8, control
#    characters, or a NUL that silently cuts the text.
fresh esc
for case in 'Libro\377|es.po:8: error: the byte 0xFF' 'Indice\f|es.po:8: error: the control character U+000C' \
    'Una cita\x00 perdida|es.po:8: error: an escaped NUL character' 'Una cita\000 perdida|es.po:8: error: an escaped NUL character' \
    'Uno\001|es.po:8: error: the control character U+0001'; do
	value=${case%%|*} want=${case#*|}
	{ po_header es; printf 'msgid "A quotation."\nmsgstr "%s"\n' "$value"; } >"$work/esc/translations/es.po"
	run esc "$hb" build --theme "$theme" --locale es --output out
	expect_err "escape '$value'" 1 "translations/$want"
done

# 10. A catalog named for the source language would replace the source.
fresh same
{ po_header en; printf 'msgid "A quotation."\nmsgstr "REPLACED"\n'; } >"$work/same/translations/en.po"
before=$(tree_hash "$work/same/out")
run same "$hb" build --theme "$theme" --output out
expect_err source-tag-catalog 1 "translations/en.po: 'en' is the book's own language"
[ "$(tree_hash "$work/same/out")" = "$before" ] && pass || fail "source-tag-catalog: output changed"

# 11. A theme's file for the top of the output folder, in a subfolder.
mkdir -p "$work/t/rootsub"
cat >"$work/t/rootsub/handbook.xsl" <<'EOF'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:hb="urn:x-handbook:1">
<xsl:param name="part"/>
<xsl:template match="/"><hb:files><xsl:choose>
<xsl:when test="$part = 'root'"><hb:file path="index.html"><html/></hb:file>
<hb:file path="assets/x.css" target="root" method="text">p{}</hb:file></xsl:when>
<xsl:otherwise><hb:file path="index.html"><html/></hb:file></xsl:otherwise></xsl:choose></hb:files></xsl:template>
</xsl:stylesheet>
EOF
fresh rootsub
run rootsub "$hb" build --theme "$work/t/rootsub" --root-only --output out
[ "$rc" = 0 ] && [ -f "$work/rootsub/out/assets/x.css" ] && pass ||
    { fail "root file in a subfolder: status $rc"; head -3 "$work/err"; }

# 12. Deeply nested plural rules: 40 parentheses are valid (they gave form
#     0 for every n); 600 are refused with the header's line.
fresh plural
rule=$(python3 -c 'print("nplurals=2; plural=" + "("*40 + "n != 1" + ")"*40 + ";")')
{ po_header es "$rule"; printf 'msgid "A quotation."\nmsgstr "Una cita."\n'; } >"$work/plural/translations/es.po"
run plural "$hb" build --theme "$theme" --locale es --output out
grep -q 'data-plural="1,0,1,1' "$work/plural/out/es/search.html" && pass || fail "40 nested parentheses: wrong plural table"
rule=$(python3 -c 'print("nplurals=2; plural=" + "("*600 + "n != 1" + ")"*600 + ";")')
{ po_header es "$rule"; printf 'msgid "A quotation."\nmsgstr "Una cita."\n'; } >"$work/plural/translations/es.po"
run plural "$hb" build --theme "$theme" --locale es --output out
expect_err "600 nested parentheses" 1 "the Plural-Forms rule cannot be evaluated"

# 13. SOURCE_DATE_EPOCH outside the range of zip times.
fresh date
for sde in 253402300799 0 315532799 4354819200; do
	(cd "$work/date" && SOURCE_DATE_EPOCH=$sde "$hb" build --theme "$theme" --locale en --output out \
	    >/dev/null 2>"$work/err")
	rc=$?
	expect_err "SOURCE_DATE_EPOCH=$sde" 1 "is outside 315532800-4354819199"
done

# 14. Messages stay one line of readable length: a newline in a chapter's
#     name and a 100,000-character locale.
fresh msgs
sed -i 's|file="one.md"|file="o\&#10;ne.md"|' "$work/msgs/content/book.xml"
run msgs "$hb" build --theme "$theme" --output out
[ "$rc" = 1 ] && [ "$(wc -l <"$work/err")" -ge 1 ] && ! grep -q '^ne.md' "$work/err" && grep -q 'o\\nne.md' "$work/err" && pass ||
    { fail "newline in a chapter name"; cat "$work/err"; }
fresh msgs
run msgs "$hb" build --theme "$theme" --locale "$(python3 -c 'print("x" * 100000)')" --output out
[ "$rc" = 1 ] && [ "$(wc -c <"$work/err")" -lt 1000 ] && pass || fail "100,000-character locale: $(wc -c <"$work/err") bytes of messages"

# 15. The memory ceiling: resource bombs end with status 1, a message that
#     names the input, and the previous output intact.
if "$plain" --version >/dev/null 2>&1 && ! nm "$plain" 2>/dev/null | grep -q __asan_init; then
	fresh bomb
	before=$(tree_hash "$work/bomb/out")
	run bomb "$plain" build --theme "$here/hostile" --locale en --output out --memory-limit 300
	expect_err "theme doubling a string 30 times" 1 \
	    "$here/hostile/handbook.xsl: error: needs more than the memory limit of 300 MB (--memory-limit); stopped, the previous output is kept"
	[ "$(tree_hash "$work/bomb/out")" = "$before" ] && pass || fail "memory bomb: output changed"
	# Emphasis cmark keeps open: 270 MB for a 200 KB chapter.
	python3 -c 'import sys; sys.stdout.write("a*" * 100000 + "\n")' >>"$work/bomb/content/three.md"
	run bomb "$plain" build --theme "$theme" --locale en --output out --memory-limit 100
	expect_err "unclosed emphasis under 100 MB" 1 "content/three.md: error: needs more than the memory limit of 100 MB"
	[ "$(tree_hash "$work/bomb/out")" = "$before" ] && pass || fail "emphasis bomb: output changed"
	# Footnotes: 50,000 cost cmark and the theme over 1 GB.
	fresh fn
	python3 -c 'import sys; sys.stdout.write("".join("x[^%d]\n\n[^%d]: n\n\n" % (i, i) for i in range(6000)))' \
	    >>"$work/fn/content/three.md"
	run fn "$plain" build --theme "$theme" --locale en --output out
	expect_err "6000 footnotes" 1 "error: more than 5000 footnotes in one chapter"
	# The same bombs under the default ceiling still end: no limit given.
	run bomb "$plain" build --theme "$theme" --locale en --output out --memory-limit 0
	[ "$rc" = 0 ] && pass || fail "--memory-limit 0 (no limit): status $rc"
else
	skip "memory ceiling: needs a build without sanitizers (the second argument)"
fi

echo "defects: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
