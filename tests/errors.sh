#!/bin/sh
# Bad input: each case breaks a copy of the fixture book in one way and
# expects exit status 1, the exact diagnostics (file:line:col), and the
# previous output left exactly as it was.
#
# usage: errors.sh HANDBOOK
#        errors.sh --enospc SMALL FIXTURE HANDBOOK THEME  (run by itself)
set -u
tree_hash() {
	(cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum
}

# A full disk, for real: a 1 MB tmpfs in a private mount namespace (user
# namespaces, or root), holding a good build, filled up, then rebuilt. The
# build must fail with the system's message and leave the previous output
# and no temporary folder behind.
enospc() { # SMALL FIXTURE HANDBOOK THEME
	mount -t tmpfs -o size=1m tmpfs "$1" || return 3
	(cd "$2" && "$3" build --theme "$4" --output "$1/dist" 2>/dev/null) || return 4
	before=$(tree_hash "$1/dist")
	head -c 2000000 /dev/zero > "$1/filler" 2>/dev/null
	err=$(cd "$2" && "$3" build --theme "$4" --output "$1/dist" 2>&1 >/dev/null)
	rc=$?
	rm -f "$1/filler"
	echo "$err"
	[ "$rc" = 1 ] || { echo "exit status $rc, want 1"; return 1; }
	echo "$err" | grep -q "No space left on device" || { echo "no ENOSPC message"; return 1; }
	[ "$(tree_hash "$1/dist")" = "$before" ] || { echo "previous output changed"; return 1; }
	[ -z "$(ls -A "$1/dist" | grep '^\.')" ] || { echo "temporary files left:"; ls -A "$1/dist"; return 1; }
}
# Run inside the namespace by the case at the end of this file.
if [ "${1:-}" = --enospc ]; then
	shift
	enospc "$@"
	exit $?
fi

handbook=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
theme="$here/../themes/default"
work=$(mktemp -d)
export SOURCE_DATE_EPOCH=1700000000
trap 'rm -rf "$work"' EXIT
passed=0 failed=0 skipped=0


# A good build first: the output every failing build must leave alone.
cp -r "$here/fixture" "$work/good"
(cd "$work/good" && "$handbook" build --theme "$theme" --output "$work/dist" 2>/dev/null) || {
	echo "errors: the fixture does not build"; exit 1; }
good_hash=$(tree_hash "$work/dist")

# expect NAME WANT_STATUS WANT_STDERR MUTATION [ARGS...]
expect() {
	name=$1 want_rc=$2 want_err=$3 mutation=$4
	shift 4
	rm -rf "$work/case"
	cp -r "$here/fixture" "$work/case"
	(cd "$work/case" && eval "$mutation")
	(cd "$work/case" && "$handbook" build --theme "$theme" --output "$work/dist" "$@" \
	    >"$work/out" 2>"$work/err")
	rc=$?
	grep -v ': warning: ' "$work/err" > "$work/errors"
	got_hash=$(tree_hash "$work/dist")
	if [ "$rc" != "$want_rc" ]; then
		echo "FAIL $name: exit status $rc, want $want_rc"; cat "$work/err"
		failed=$((failed + 1))
	elif [ "$(cat "$work/errors")" != "$want_err" ]; then
		echo "FAIL $name: diagnostics differ"
		printf '%s\n' "$want_err" | diff -u - "$work/errors"
		failed=$((failed + 1))
	elif [ "$got_hash" != "$good_hash" ]; then
		echo "FAIL $name: the previous output was changed"
		failed=$((failed + 1))
	else
		passed=$((passed + 1))
	fi
}

expect missing-chapter 1 \
"content/book.xml:12: error: missing chapter 'four.md': No such file or directory" \
'sed -i "s|<chapter file=\"two.md\"/>|&<chapter file=\"four.md\"/>|" content/book.xml'

expect chapter-twice 1 \
"content/book.xml:12: error: chapter 'one.md' is listed twice (first on line 11)" \
'sed -i "s|<chapter file=\"two.md\"/>|&<chapter file=\"one.md\"/>|" content/book.xml'

expect chapter-outside 1 \
"content/book.xml:12: error: chapter file name '../../etc/passwd.md' must be letters a-z, digits and hyphens ending in '.md', inside the content folder" \
'sed -i "s|<chapter file=\"two.md\"/>|&<chapter file=\"../../etc/passwd.md\"/>|" content/book.xml'

expect chapter-absolute 1 \
"content/book.xml:12: error: chapter file name '/etc/passwd.md' must be letters a-z, digits and hyphens ending in '.md', inside the content folder" \
'sed -i "s|<chapter file=\"two.md\"/>|&<chapter file=\"/etc/passwd.md\"/>|" content/book.xml'

expect chapter-symlink 1 \
"content/three.md: error: cannot read chapter: Too many levels of symbolic links" \
'rm content/three.md && ln -s /etc/hostname content/three.md'

expect broken-link-chapter 1 \
"content/three.md:3:26: error: link to missing chapter 'missing.md'" \
'sed -i "s|(one.md)|(missing.md)|" content/three.md'

expect broken-link-section 1 \
"content/two.md:3:16: error: link to missing section 'no-such-heading' in 'one.md'" \
'sed -i "s|one.md#repeated-heading-1|one.md#no-such-heading|" content/two.md'

expect invalid-utf8 1 \
"content/two.md:9:5: error: invalid UTF-8 byte 0xff" \
'printf "Bad \377 byte\n" >> content/two.md'

expect nul-byte 1 \
"content/three.md:17:4: error: NUL byte in text" \
'printf "\nabc\000def\n" >> content/three.md'

expect forbidden-link 1 \
"content/three.md:17:1: error: link target 'javascript:alert(1)' is not allowed (only http, https, mailto and links to chapters)" \
'printf "\n[x](javascript:alert(1))\n" >> content/three.md'

expect no-title 1 \
"content/three.md:1:1: error: a chapter must begin with its title as a level-1 heading ('# Title')" \
'sed -i "1d" content/three.md'

expect theme-missing 1 \
"no-theme/handbook.xsl: error: the theme has no entry stylesheet: No such file or directory" \
':' --theme no-theme

expect unknown-locale 1 \
"handbook: error: no locale 'xx': no usable translations/xx.po" \
':' --locale xx

expect bad-manifest 1 \
"content/book.xml:4: error: unknown element <titel>" \
'sed -i "s|<subtitle>|<titel>x</titel>&|" content/book.xml'

expect doctype 1 \
"content/book.xml:2: error: a document type declaration (<!DOCTYPE>) is not allowed" \
'sed -i "1a <!DOCTYPE book [<!ENTITY x SYSTEM \"/etc/passwd\">]>" content/book.xml'

expect deep-nesting 1 \
"content/three.md:3:201: error: more than 100 levels of quotes, lists or emphasis inside each other" \
'python3 -c "import sys; sys.stdout.write(\"# Deep\\n\\n\" + \"> \" * 30000 + \"x\\n\")" > content/three.md'

expect deep-lists 1 \
"content/three.md:3:101: error: more than 100 levels of quotes, lists or emphasis inside each other" \
'python3 -c "import sys; sys.stdout.write(\"# Deep\\n\\n\" + \"- \" * 30000 + \"x\\n\")" > content/three.md'

# Hostile themes: each is refused, reveals nothing, writes nothing.
expect_theme() { # NAME WANT_IN_STDERR STYLESHEET
	rm -rf "$work/badtheme" && mkdir -p "$work/badtheme"
	printf '%s\n' "$3" > "$work/badtheme/handbook.xsl"
	(cd "$work/good" && "$handbook" build --theme "$work/badtheme" --output "$work/dist" \
	    >"$work/out" 2>"$work/err")
	rc=$?
	if [ "$rc" != 1 ]; then echo "FAIL theme-$1: status $rc, want 1"; cat "$work/err"; failed=$((failed + 1))
	elif ! grep -q -- "$2" "$work/err"; then echo "FAIL theme-$1: no '$2'"; cat "$work/err"; failed=$((failed + 1))
	elif grep -rq 'root:x:0' "$work/err" "$work/out" "$work/dist"; then echo "FAIL theme-$1: secret leaked"; failed=$((failed + 1))
	elif [ -e "$work/pwned" ]; then echo "FAIL theme-$1: a file was written"; rm -f "$work/pwned"; failed=$((failed + 1))
	elif [ "$(tree_hash "$work/dist")" != "$good_hash" ]; then echo "FAIL theme-$1: output changed"; failed=$((failed + 1))
	else passed=$((passed + 1)); fi
}
head='<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:hb="urn:x-handbook:1" xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">'
expect_theme read-passwd "refused to read '/etc/passwd'" "$(echo "$head"'<xsl:template match="/"><hb:files><hb:file path="x.html"><p><xsl:value-of select="document('"'"'/etc/passwd'"'"')"/></p></hb:file></hb:files></xsl:template></xsl:stylesheet>')"
expect_theme write-file "File write for $work/pwned refused" "$(echo "$head"'<xsl:template match="/"><exsl:document href="'"$work/pwned"'" method="text">x</exsl:document><hb:files/></xsl:template></xsl:stylesheet>')"
expect_theme xxe "document type declaration" "$(echo '<!DOCTYPE x [<!ENTITY pw SYSTEM "/etc/passwd">]>'"$head"'<xsl:template match="/"><hb:files><hb:file path="x.html"><p>&pw;</p></hb:file></hb:files></xsl:template></xsl:stylesheet>')"
expect_theme network-import "Network file read for http://example.org/evil.xsl refused" "$(echo "$head"'<xsl:import href="http://example.org/evil.xsl"/><xsl:template match="/"><hb:files/></xsl:template></xsl:stylesheet>')"
expect_theme recursion "infinite template recursion" "$(echo "$head"'<xsl:template match="/"><xsl:call-template name="r"/></xsl:template><xsl:template name="r"><xsl:call-template name="r"/></xsl:template></xsl:stylesheet>')"
expect_theme javascript-href "has a href address in 'JavaScript:alert(1)'" "$(echo "$head"'<xsl:template match="/"><hb:files><hb:file path="x.html"><a href="JavaScript:alert(1)">x</a></hb:file></hb:files></xsl:template></xsl:stylesheet>')"
expect_theme event-handler "event handler 'onclick'" "$(echo "$head"'<xsl:template match="/"><hb:files><hb:file path="x.html"><p onclick="alert(1)">x</p></hb:file></hb:files></xsl:template></xsl:stylesheet>')"
expect_theme inline-script "not a file of the theme" "$(echo "$head"'<xsl:template match="/"><hb:files><hb:file path="x.html"><script>alert(1)</script></hb:file></hb:files></xsl:template></xsl:stylesheet>')"
expect_theme path-escape "unsafe output path" "$(echo "$head"'<xsl:template match="/"><hb:files><hb:file path="../escape.html"><p/></hb:file></hb:files></xsl:template></xsl:stylesheet>')"

# A chapter Debian's cmark-gfm parses in quadratic time is stopped by the
# watchdog (10 s), with the chapter named, not left to run.
rm -rf "$work/case" && cp -r "$here/fixture" "$work/case"
python3 -c "import sys; sys.stdout.write('# Slow\n\n' + '![[]()' * 160000)" > "$work/case/content/three.md"
(cd "$work/case" && timeout 120 "$handbook" build --theme "$theme" --output "$work/dist" >/dev/null 2>"$work/err")
rc=$?
if [ "$rc" = 1 ] && grep -q '^content/three.md: error: took longer than 10 s' "$work/err" &&
    [ "$(tree_hash "$work/dist")" = "$good_hash" ]; then passed=$((passed + 1))
else echo "FAIL pathological-chapter: status $rc"; cat "$work/err"; failed=$((failed + 1)); fi

# A write that fails half way (a file size limit stands in for a full
# disk): error, and the previous output is kept.
(cd "$work/good" && ulimit -f 8 && "$handbook" build --theme "$theme" --output "$work/dist" \
    >/dev/null 2>"$work/err")
rc=$?
if [ "$rc" = 1 ] && grep -q "File too large" "$work/err" && [ "$(tree_hash "$work/dist")" = "$good_hash" ]; then
	passed=$((passed + 1))
else echo "FAIL disk-full: status $rc"; cat "$work/err"; failed=$((failed + 1)); fi

# Hostile sizes: a 50 MB chapter is refused at once, by its size.
rm -rf "$work/case" && cp -r "$here/fixture" "$work/case"
head -c 52428800 /dev/zero | tr '\0' 'a' > "$work/case/content/three.md"
(cd "$work/case" && "$handbook" build --theme "$theme" --output "$work/dist" >/dev/null 2>"$work/err")
rc=$?
if [ "$rc" = 1 ] && grep -q "three.md: error: cannot read chapter: larger than 2 MB" "$work/err"; then
	passed=$((passed + 1))
else echo "FAIL huge-chapter: status $rc"; cat "$work/err"; failed=$((failed + 1)); fi

# Accepted, not errors: a byte-order mark and CRLF line ends.
expect_same() {
	name=$1 mutation=$2
	rm -rf "$work/case" "$work/dist2"
	cp -r "$here/fixture" "$work/case"
	(cd "$work/case" && eval "$mutation" &&
	    "$handbook" build --theme "$theme" --output "$work/dist2" 2>/dev/null)
	if [ $? = 0 ] && [ "$(tree_hash "$work/dist2")" = "$good_hash" ]; then
		passed=$((passed + 1))
	else
		echo "FAIL $name: output differs from the plain build"
		failed=$((failed + 1))
	fi
}
expect_same crlf 'for f in content/*.md; do sed -i "s/\$/\r/" "$f"; done'
expect_same bom 'printf "\357\273\277" | cat - content/one.md > x && mv x content/one.md'

# An output folder that cannot be created (a file is in the way).
: > "$work/afile"
(cd "$work/good" && "$handbook" build --theme "$theme" --output "$work/afile/dist" \
    >/dev/null 2>"$work/err")
if [ $? = 1 ] && grep -q "^$work/afile/dist: error: cannot create output folder: Not a directory" "$work/err"; then
	passed=$((passed + 1))
else
	echo "FAIL output-not-a-folder"; cat "$work/err"; failed=$((failed + 1))
fi

# An output folder that cannot be written: error, nothing else touched.
# Root writes anywhere, so as root the build runs as nobody, with its own
# copies of the generator and theme (the checkout may be closed to others).
rm -rf "$work/ro" && mkdir "$work/ro" && chmod 555 "$work/ro" && chmod 755 "$work"
cp "$handbook" "$work/hb" && cp -r "$theme" "$work/theme" && chmod -R a+rX "$work/hb" "$work/theme" "$work/good"
as_user=""
[ "$(id -u)" = 0 ] && as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
(cd "$work/good" && $as_user "$work/hb" build --theme "$work/theme" --output "$work/ro" \
    >/dev/null 2>"$work/err")
if [ $? = 1 ] && grep -q "^$work/ro: error: cannot write in output folder: Permission denied" "$work/err" &&
    [ -z "$(ls -A "$work/ro")" ]; then
	passed=$((passed + 1))
else
	echo "FAIL read-only output"; cat "$work/err"; failed=$((failed + 1))
fi

mkdir -p "$work/small"
ns="" why="unshare: no private mount namespace (neither as a user nor as root)"
for try in "unshare -rm" "unshare -m"; do
	$try true 2>"$work/unshare" && { ns=$try; break; }
	why="$try: $(head -n 1 "$work/unshare")"
done
if [ -n "$ns" ]; then
	$ns sh "$here/errors.sh" --enospc "$work/small" "$work/good" "$handbook" "$theme" >"$work/enospc" 2>&1
	rc=$?
	why="mount of a 1 MB tmpfs denied: $(head -n 1 "$work/enospc")"
else
	rc=3
fi
if [ "$rc" = 0 ]; then
	passed=$((passed + 1))
elif [ "$rc" = 3 ]; then
	echo "SKIP enospc: $why (the file-size case above stands in)"
	skipped=$((skipped + 1))
else
	echo "FAIL disk-full (ENOSPC)"; cat "$work/enospc"; failed=$((failed + 1))
fi

echo "errors: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
