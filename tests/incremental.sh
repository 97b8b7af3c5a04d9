#!/bin/sh
# make's incremental and parallel builds, in a copy of the project:
# nothing rebuilt when nothing changed; one changed catalog rebuilds only
# its locale and the chooser; a new catalog rebuilds every locale (each
# page lists the languages); per-locale runs give the bytes of one full
# `handbook build`; `make -j2` gives the same bytes again.
set -u
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1700000000}"
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
p=0 f=0
ok() { p=$((p + 1)); }
bad() { echo "FAIL $*"; f=$((f + 1)); }

# Outside the repository, so that make takes SOURCE_DATE_EPOCH from the
# environment and git sees nothing. The built generator is copied with its
# times, so make does not compile again.
cp -a "$root/Makefile" "$root/generator" "$root/content" "$root/themes" \
    "$root/translations" "$work/"
mkdir -p "$work/tests" && cp -a "$root/tests/ensure-deps.sh" "$work/tests/"
cp -a "$root/build" "$work/build"
rm -rf "$work/build/san" "$work/build/fuzz"
cd "$work" || exit 1

# runs: the generator runs make printed, one per line, sorted.
runs() { grep -o 'handbook build.*' "$1" | sort; }

make >"$work/m1" 2>&1 || { bad "make"; cat "$work/m1"; }
n=$(runs "$work/m1" | wc -l)
want=$(($(ls translations/*.po | wc -l) + 2))
[ "$n" = "$want" ] && ok || bad "first make: $n generator runs, want $want"

make >"$work/m2" 2>&1
[ -z "$(runs "$work/m2")" ] && ok || { bad "make with nothing changed rebuilt:"; runs "$work/m2"; }

# One catalog changes: fr and the chooser, nothing else.
es_inode=$(stat -c %i dist/es)
en_time=$(stat -c %Y dist/en/index.html)
sed -i '0,/^msgstr "/s//msgstr "Manuel : /' translations/fr.po 2>/dev/null
sleep 1
make >"$work/m3" 2>&1 || { bad "make after changing fr.po"; cat "$work/m3"; }
got=$(runs "$work/m3" | tr '\n' '|')
[ "$got" = "handbook build --locale fr|handbook build --root-only|" ] && ok ||
    bad "after changing fr.po make ran: $got"
[ "$(stat -c %i dist/es)" = "$es_inode" ] && ok || bad "dist/es was rewritten"
[ "$(stat -c %Y dist/en/index.html)" = "$en_time" ] && ok || bad "dist/en was touched"

# A new catalog: every locale lists it, so every locale is rebuilt.
msginit --no-translator -l ca -i translations/handbook.pot \
    -o translations/ca.po >/dev/null 2>&1 || bad "msginit"
sed -i 's/^"Plural-Forms: .*/"Plural-Forms: nplurals=2; plural=(n != 1);\\n"/' translations/ca.po
make >"$work/m4" 2>&1 || { bad "make after adding ca.po"; cat "$work/m4"; }
n=$(runs "$work/m4" | wc -l)
want=$(($(ls translations/*.po | wc -l) + 2))
[ "$n" = "$want" ] && ok || bad "after adding ca.po: $n generator runs, want $want"
grep -q 'hreflang="ca"' dist/es/index.html && ok || bad "es does not list ca"

# Per-locale runs = one full build, byte for byte.
./build/handbook build --output full 2>/dev/null || bad "full build"
diff -r -x '.stamp*' full dist >"$work/d1" && ok ||
    { bad "per-locale builds differ from the full build"; head -5 "$work/d1"; }

# Two at a time: same bytes.
rm -rf dist
make -j2 >"$work/m5" 2>&1 || { bad "make -j2"; cat "$work/m5"; }
diff -r -x '.stamp*' full dist >"$work/d2" && ok ||
    { bad "make -j2 differs from the full build"; head -5 "$work/d2"; }

echo "incremental: $p passed, $f failed"
