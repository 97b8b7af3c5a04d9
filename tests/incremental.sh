#!/bin/sh
# make's incremental and parallel builds, in a copy of the project:
# nothing rebuilt when nothing changed; one changed catalog rebuilds only
# its locale and the chooser; a new catalog rebuilds every locale (each
# page lists the languages); per-locale runs give the bytes of one full
# `handbook build`; `make -j2` gives the same bytes again.
set -u
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1700000000}"
# make check's own flags (-s would hide the commands counted here).
unset MAKEFLAGS MFLAGS MAKELEVEL
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
p=0 f=0
ok() { p=$((p + 1)); }
bad() { echo "FAIL $*"; f=$((f + 1)); }

# Outside the repository, so that make takes SOURCE_DATE_EPOCH from the
# environment and git sees nothing. The built generator is copied with its
# times, so make does not compile again.
"$root/tests/copy-project.sh" "$work"
cd "$work" || exit 1

# runs: the generator runs make printed, one per line, sorted.
runs() { grep -o '^\./build/handbook build.*' "$1" | sort; }

make >"$work/m1" 2>&1 || { bad "make"; cat "$work/m1"; }
n=$(runs "$work/m1" | wc -l)
want=$(($(ls translations/*.po | wc -l) + 2))
[ "$n" = "$want" ] && ok || bad "first make: $n generator runs, want $want"

make >"$work/m2" 2>&1
[ -z "$(runs "$work/m2")" ] && ok || { bad "make with nothing changed rebuilt:"; runs "$work/m2"; }

# One catalog changes: fr and the chooser, nothing else. (A rebuilt
# locale folder is a new folder: its inode tells.)
es_inode=$(stat -c %i dist/es)
en_inode=$(stat -c %i dist/en)
sed -i 's/^msgstr "Sommaire"$/msgstr "Sommaire du manuel"/' translations/fr.po
grep -q '^msgstr "Sommaire du manuel"$' translations/fr.po || bad "test edit of fr.po"
make >"$work/m3" 2>&1 || { bad "make after changing fr.po"; cat "$work/m3"; }
got=$(runs "$work/m3" | tr '\n' '|')
[ "$got" = "./build/handbook build --locale fr --covers build/covers|./build/handbook build --root-only --covers build/covers|" ] && ok ||
    bad "after changing fr.po make ran: $got"
grep -q 'Sommaire du manuel' dist/fr/index.html && ok || bad "dist/fr lacks the changed translation"
[ "$(stat -c %i dist/es)" = "$es_inode" ] && ok || bad "dist/es was rewritten"
[ "$(stat -c %i dist/en)" = "$en_inode" ] && ok || bad "dist/en was rewritten"

# PDFs (make pdf) are linked from the chooser only while newer than
# their locale's build: make decides and says so with --pdf.
touch dist/handbook-es.pdf dist/handbook-fr.pdf dist/handbook-es.zim
rm -f dist/.stamp-root
make >"$work/m3b" 2>&1 || { bad "make with PDFs"; cat "$work/m3b"; }
grep -q 'href="handbook-es.pdf"' dist/index.html && ok || bad "chooser: no link to a current PDF"
grep -q 'href="handbook-de.pdf"' dist/index.html && bad "chooser links a PDF that does not exist" || ok
grep -q 'href="handbook-es.zim"' dist/opds.xml && ok || bad "opds.xml: no link to a current ZIM"
grep -q 'href="handbook-fr.zim"' dist/opds.xml && bad "opds.xml links a ZIM that does not exist" || ok
sed -i 's/^msgstr "Sommaire du manuel"$/msgstr "Sommaire"/' translations/fr.po
make >"$work/m3c" 2>&1 || { bad "make after changing fr.po"; cat "$work/m3c"; }
grep -q 'href="handbook-fr.pdf"' dist/index.html && bad "chooser links a stale PDF" || ok
grep -q 'href="handbook-es.pdf"' dist/index.html && ok || bad "chooser lost a current PDF"
rm -f dist/handbook-es.pdf dist/handbook-fr.pdf dist/handbook-es.zim

# A new catalog: every locale lists it, so every locale is rebuilt.
msginit --no-translator -l ca -i translations/handbook.pot \
    -o translations/ca.po >/dev/null 2>&1 || bad "msginit"
sed -i 's/^"Plural-Forms: .*/"Plural-Forms: nplurals=2; plural=(n != 1);\\n"/' translations/ca.po
make >"$work/m4" 2>&1 || { bad "make after adding ca.po"; cat "$work/m4"; }
n=$(runs "$work/m4" | wc -l)
want=$(($(ls translations/*.po | wc -l) + 2))
[ "$n" = "$want" ] && ok || bad "after adding ca.po: $n generator runs, want $want"
grep -q 'hreflang="ca"' dist/es/index.html && ok || bad "es does not list ca"

# Per-locale runs = one full build, byte for byte (with the covers make
# made).
./build/handbook build --covers build/covers --output full 2>/dev/null || bad "full build"
diff -r -x '.stamp*' full dist >"$work/d1" && ok ||
    { bad "per-locale builds differ from the full build"; head -5 "$work/d1"; }

# Two at a time: same bytes.
rm -rf dist
make -j2 >"$work/m5" 2>&1 || { bad "make -j2"; cat "$work/m5"; }
diff -r -x '.stamp*' full dist >"$work/d2" && ok ||
    { bad "make -j2 differs from the full build"; head -5 "$work/d2"; }

# A theme that shows every locale's completeness on a locale's pages: a
# locale built alone must still equal the full build, so the generator
# gives completeness only to the root part.
mkdir -p themes/percent
cat > themes/percent/handbook.xsl <<'XSL'
<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../default/handbook.xsl"/>
  <xsl:template name="extra-head">
    <meta name="x-percent" content="{/book/locales/locale[@tag = 'fr']/@percent}"/>
  </xsl:template>
</xsl:stylesheet>
XSL
./build/handbook build --theme themes/percent --output pfull 2>/dev/null || bad "full build, percent theme"
./build/handbook build --theme themes/percent --locale es --output pone 2>/dev/null || bad "es alone, percent theme"
diff -r pfull/es pone/es >/dev/null && ok || bad "es alone differs from es in the full build (completeness leaked)"
grep -q 'name="x-percent" content=""' pone/es/index.html && ok || bad "a locale page saw another catalog's completeness"

echo "incremental: $p passed, $f failed, 0 skipped"
