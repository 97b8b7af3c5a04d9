#!/bin/sh
# The translation workflow on the fixture book and the real handbook:
# pseudo-locale (no string escapes the catalog), round trip through
# extract and msgmerge, hostile catalogs, and a language added as a
# contributor would add it.
#
# usage: translations.sh HANDBOOK
set -u
handbook=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
theme="$root/themes/default"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1700000000
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL $*"; failed=$((failed + 1)); }
hb() { "$handbook" "$@" --theme "$theme"; }
# The fixture has raw HTML on purpose: its warnings are not news here.
quiet() { "$@" 2>&1 | grep -v ': warning: raw HTML'; return 0; }

# 1. Pseudo-locale on the real handbook: every msgstr transformed; any
#    untransformed text in the pages escaped the catalog.
# Outputs kept for the HTML checker, epubcheck and the browser in run-all.sh.
keep="$root/tests/out"
mkdir -p "$work/pseudo"
(cd "$root" && hb extract -o "$work/handbook.pot" 2>/dev/null) || bad "extract"
python3 "$root/tests/pseudo.py" fill "$work/handbook.pot" "$work/pseudo/en-XA.po" en-XA
(cd "$root" && hb build --translations "$work/pseudo" --locale en-XA \
    --output "$keep/pseudo" 2>"$work/err") || { bad "pseudo build"; cat "$work/err"; }
ln -sfn "$keep/pseudo" "$work/pseudo-dist"
if python3 "$root/tests/pseudo.py" scan "$work/pseudo-dist/en-XA" >"$work/scan"; then ok
else bad "pseudo-locale: text escaped the catalog"; head -20 "$work/scan"; fi
(cd "$root" && hb stats --translations "$work/pseudo") | grep -q '^en-XA .* 0 *100%  ' &&
    ok || bad "pseudo-locale is not 100% translated"
# Fully translated: no element falls back to English. Occurrences, not
# lines (a page is two lines); the language switcher's link to English has
# hreflang between lang and dir, so it is not counted.
fallbacks() { cat "$@" | grep -o ' lang="en" dir="ltr"' | wc -l; }
n=$(fallbacks "$work"/pseudo-dist/en-XA/*.html)
[ "$n" = 0 ] && ok || bad "pseudo-locale pages still have $n fallback blocks"

# 2. Round trip on the fixture: extract, fill, build; re-wrap a paragraph,
#    extract, msgmerge: the translation survives, not even fuzzy.
cp -r "$root/tests/fixture" "$work/fx"
cd "$work/fx" || exit 1
mkdir -p translations
hb extract 2>/dev/null || bad "fixture extract"
python3 "$root/tests/pseudo.py" fill translations/handbook.pot translations/en-XA.po en-XA
hb stats 2>/dev/null | grep -q '^en-XA .* 0 *100%  ' && ok || bad "fixture pseudo not 100%"
hb build --output "$work/fx-dist" 2>/dev/null || bad "fixture build with catalog"
python3 "$root/tests/pseudo.py" scan "$work/fx-dist/en-XA" >"$work/scan" && ok ||
    { bad "fixture pseudo-locale: text escaped"; head "$work/scan"; }
# Re-wrap the opening paragraph of one.md (one line per word).
python3 - <<'PY'
import re
p = "content/one.md"; s = open(p).read()
start = s.index("An opening"); end = s.index("\n\n", start)
s = s[:start] + re.sub(r" +", "\n", s[start:end]) + s[end:]
open(p, "w").write(s)
PY
hb extract 2>/dev/null || bad "extract after re-wrap"
msgmerge --quiet --update --backup=none translations/en-XA.po translations/handbook.pot
hb stats 2>/dev/null | grep -q '^en-XA .* 0 *100%  ' && ok || { bad "translation lost after re-wrap"; hb stats; }
# Two extractions are byte-identical (no timestamp churn).
cp translations/handbook.pot "$work/pot1"; hb extract 2>/dev/null
cmp -s translations/handbook.pot "$work/pot1" && ok || bad "extract is not deterministic"

# 3. Hostile catalogs. Each entry is replaced in a copy of the pseudo catalog.
hostile() { # NAME MSGID MSGSTR WANT_STATUS WANT_MESSAGE [OUTPUT_MUST_NOT_MATCH]
	python3 - "$2" "$3" <<'PY'
import sys
msgid, msgstr = sys.argv[1], sys.argv[2]
s = open("translations/en-XA.po").read()
key = 'msgid "%s"\nmsgstr "' % msgid
i = s.index(key); j = s.index('"\n', i + len(key))
open("translations/xx-hostile.po", "w").write(s[:i + len(key)] + msgstr + s[j:])
PY
	mkdir -p "$work/h" && mv translations/xx-hostile.po "$work/h/en-XA.po"
	rm -rf "$work/h-dist"
	hb build --translations "$work/h" --output "$work/h-dist" >/dev/null 2>"$work/err"
	rc=$?
	if [ "$rc" != "$4" ]; then bad "$1: status $rc, want $4"; cat "$work/err"
	elif ! grep -q -- "$5" "$work/err"; then bad "$1: no message '$5'"; cat "$work/err"
	elif [ -n "${6:-}" ] && grep -rq -- "$6" "$work/h-dist" 2>/dev/null; then
		bad "$1: output contains '$6'"
	else ok; fi
}
hostile raw-html "Chapter three" '<script>alert(1)</script>Cápítúló <img src=x onerror=alert(1)>' 0 \
    "en-XA.po:[0-9]*: warning: raw HTML is not passed through" '<script>alert'
hostile javascript-link "Chapter three" '[clíck](javascript:alert(1))' 0 \
    "en-XA.po:[0-9]*: warning: link target 'javascript:alert(1)' is not allowed" 'javascript:'
hostile new-target "The last chapter, with a [link to the first](one.md)." \
    'Thé lást [línk](https://evil.example/).' 0 \
    "en-XA.po:[0-9]*: warning: the translation links to 'https://evil.example/', which its source does not" \
    'evil.example'
hostile new-footnote "Chapter three" 'Cápítúló[^7]' 0 \
    "warning: the translation adds footnote '\[^7\]'"
hostile block-markup "Chapter three" '# Cápítúló' 0 "must be one paragraph"
hostile syntax-error "Chapter three" 'un"terminated' 1 "en-XA.po:[0-9]*:[0-9]*: error:"
# Mistakes that readers would see, which "check" reports at the entry's
# line: placeholders are errors; the rest are warnings (exit 0) that
# --strict makes errors (exit 1).
mistake() { # NAME PLAIN_STATUS MESSAGE MSGID INDEX MSGSTR
	python3 - "$4" "$5" "$6" <<'PY'
import sys
msgid, index, msgstr = sys.argv[1], int(sys.argv[2]), sys.argv[3]
s = open("translations/nowrap.po").read()
key = 'msgid "%s"\n' % msgid
i = s.index(key)
field = 'msgstr "' if index < 0 else 'msgstr[%d] "' % index
i = s.index(field, i) + len(field); j = s.index('"\n', i)
open("translations/xx.po", "w").write(s[:i] + msgstr + s[j:])
PY
	mkdir -p "$work/m" && mv translations/xx.po "$work/m/en-XA.po"
	line=$(grep -n "^msgid \"$(printf '%s' "$4" | sed 's/[][\\.*^$]/\\&/g')\"$" "$work/m/en-XA.po" | cut -d: -f1)
	hb check --translations "$work/m" >/dev/null 2>"$work/err"; plain=$?
	hb check --strict --translations "$work/m" >/dev/null 2>"$work/err2"; strict=$?
	if [ "$plain" != "$2" ] || [ "$strict" != 1 ]; then
		bad "$1: status $plain (strict $strict), want $2 (strict 1)"; cat "$work/err2"
	elif ! grep -q -- "en-XA.po:$line: error: $3" "$work/err2"; then
		bad "$1: no 'en-XA.po:$line: error: $3'"; cat "$work/err2"
	else ok; fi
	rm -rf "$work/m"
}
msgcat --no-wrap translations/en-XA.po -o translations/nowrap.po
# The fixture's raw HTML warns on purpose; --strict would stop at it.
cp content/one.md "$work/one.md"
sed -i -e 's/<b onclick="alert(1)">\(this\)<\/b>/\1/' -e '/^<script>/d' content/one.md
PCT="This chapter is {percent} translated. The rest is shown in {language}."
QRY="Nothing found for “{query}”. Try fewer words, shorter words or another spelling."
CNT="{n} section found for “{query}”"
LNK="The last chapter, with a [link to the first](one.md)."
ONE="An opening paragraph with *emphasis*, **strong text**, ~~struck text~~ and \`code\`. It links to [the second chapter's section](two.md#a-section-in-two) and to [the whole third chapter](three.md)."
FTN="A footnote reference[^1] and an external link to <https://example.org/page> and [a mail address](mailto:someone@example.org). Raw HTML such as this is dropped."
mistake percent-deleted 1 "the translation lacks the placeholder '{percent}'" "$PCT" -1 "Thís cháptér ís tránslátéd ín {language}."
mistake percent-misspelled 1 "the translation has the placeholder '{precent}', which its source does not have (the source has '{percent}')" \
    "$PCT" -1 "Thís cháptér ís {precent} tránslátéd ín {language}."
mistake printf-for-brace 1 "the translation has the placeholder '%s', which its source does not have (the source has '{query}')" \
    "$QRY" -1 "Nóthíng fóúnd fór «%s»."
mistake n-missing-in-plural 1 "the translation lacks the placeholder '{n}'" "$CNT" 1 "séctíóns fóúnd fór “{query}”"
mistake link-dropped 0 "the translation drops the link to 'one.md' of its source" "$LNK" -1 "Thé lást cháptér."
mistake link-changed 0 "the translation links to 'one.md#nowhere', which its source does not" "$LNK" -1 "Thé lást [cháptér](one.md#nowhere)."
mistake rlm-in-link 0 "an invisible direction mark (U+200F) inside a link" "$LNK" -1 "Thé lást [cháptér]‏(one.md)."
mistake rlm-in-target 0 "an invisible direction mark (U+200E) inside a link" "$LNK" -1 "Thé lást [cháptér](‎one.md)."
mistake unbalanced-strong 0 "unbalanced '\*\*' in the translation" "$ONE" -1 \
    "Án *émphásís*, **stróng téxt, ~~strúck~~ \`code\` [thé sécónd](two.md#a-section-in-two) [thírd](three.md)."
mistake footnote-dropped 0 "the translation drops the footnote marker '\[^1\]'" "$FTN" -1 \
    "Á fóótnóté ánd <https://example.org/page> ánd [máíl](mailto:someone@example.org)."
mistake number-changed 0 "the translation has the number '2' where its source has '1'" "$FTN" -1 \
    "Á fóótnóté[^2] ánd <https://example.org/page> ánd [máíl](mailto:someone@example.org)."
mistake url-dropped 0 "the translation drops the link to 'https://example.org/page'" "$FTN" -1 \
    "Á fóótnóté[^1] ánd [máíl](mailto:someone@example.org)."
# Arabic's zero, one and two forms may write the number as a word.
sed -e 's/^"Plural-Forms: .*/"Plural-Forms: nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 \&\& n%100<=10 ? 3 : n%100>=11 ? 4 : 5);\\n"/' \
    -e 's/^msgstr\[1\] \(.*\)/msgstr[1] \1\nmsgstr[2] \1\nmsgstr[3] \1\nmsgstr[4] \1\nmsgstr[5] \1/' \
    -e '/^msgid "{n} section found/,/^$/s/^msgstr\[1\] [^\n]*/msgstr[1] "one “{query}”"/' \
    translations/nowrap.po >"$work/six.po"
mkdir -p "$work/m" && cp "$work/six.po" "$work/m/en-XA.po"
hb check --strict --translations "$work/m" >/dev/null 2>"$work/err" && ok ||
    { bad "a one-number plural form without {n} is refused"; cat "$work/err"; }
rm -rf "$work/m"
# --complete: an untranslated entry fails, at its line.
mkdir -p "$work/m"
python3 - "$LNK" <<'PY'
import sys
s = open("translations/nowrap.po").read()
key = 'msgid "%s"\nmsgstr "' % sys.argv[1]
i = s.index(key) + len(key); j = s.index('"\n', i)
open("translations/xx.po", "w").write(s[:i] + s[j:])
PY
mv translations/xx.po "$work/m/en-XA.po"
hb check --strict --translations "$work/m" >/dev/null 2>&1 && ok || bad "an untranslated entry fails --strict without --complete"
hb check --strict --complete --translations "$work/m" >/dev/null 2>"$work/err"
[ $? = 1 ] && grep -q "en-XA.po:[0-9]*: error: 1 entries are untranslated or fuzzy" "$work/err" && ok ||
    { bad "--complete"; cat "$work/err"; }
rm -rf "$work/m" translations/nowrap.po
cp "$work/one.md" content/one.md
# Structural faults of the file itself.
cp translations/en-XA.po "$work/h/en-XA.po"
sed -i 's/charset=UTF-8/charset=ISO-8859-1/' "$work/h/en-XA.po"
hb build --translations "$work/h" --output "$work/h-dist" >/dev/null 2>"$work/err"
[ $? = 1 ] && grep -q "must be UTF-8" "$work/err" && ok || { bad "wrong charset"; cat "$work/err"; }
cp translations/en-XA.po "$work/h/en-XA.po"
printf 'msgid "Chapter three"\nmsgstr "again"\n' >> "$work/h/en-XA.po"
first=$(grep -n '^msgid "Chapter three"$' translations/en-XA.po | cut -d: -f1)
hb build --translations "$work/h" --output "$work/h-dist" >/dev/null 2>"$work/err"
[ $? = 1 ] && grep -q "en-XA.po:[0-9]*: error: duplicate message definition; the first is on line $first\$" "$work/err" &&
    ok || { bad "duplicate entry"; cat "$work/err"; }
cp translations/en-XA.po "$work/h/en-XA.po"
sed -i 's/^"Language: en-XA\\n"$/"Language: fr\\n"/' "$work/h/en-XA.po"
hb build --translations "$work/h" --output "$work/h-dist" >/dev/null 2>"$work/err"
[ $? = 1 ] && grep -q "Language 'fr' but the file is named for 'en-XA'" "$work/err" &&
    ok || { bad "language header mismatch"; cat "$work/err"; }
cp translations/en-XA.po "$work/h/en-XA.po"
sed -i 's/nplurals=2; plural=(n != 1);/nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);/' "$work/h/en-XA.po"
pline=$(grep -n '^"Plural-Forms' "$work/h/en-XA.po" | cut -d: -f1)
eline=$(grep -n '^msgid_plural' "$work/h/en-XA.po" | head -n 1 | cut -d: -f1)
eline=$((eline - 1))
hb build --translations "$work/h" --output "$work/h-dist" >/dev/null 2>"$work/err"
[ $? = 1 ] && grep -q "en-XA.po:$pline: error: Plural-Forms says nplurals = 3, but some messages have only 2 plural forms, such as the entry on line $eline; for English.* write \`nplurals=2; plural=(n != 1);\`" "$work/err" && ok ||
    { bad "plural forms mismatch"; cat "$work/err"; }
# A new language's header mistakes, as msginit and editors make them:
# each names its line and says what to write.
as_fa() { sed -e 's/^"Language: en-XA\\n"$/"Language: fa\\n"/' -e "$1" translations/en-XA.po; }
header_case() { # NAME WANT_MESSAGE
	hb build --translations "$work/h" --output "$work/h-dist" >/dev/null 2>"$work/err"
	rc=$?
	[ "$rc" = 1 ] && grep -q -- "$2" "$work/err" && ok || { bad "$1: status $rc"; cat "$work/err"; }
}
rm -f "$work/h/en-XA.po"
as_fa 's/nplurals=2; plural=(n != 1);/nplurals=INTEGER; plural=EXPRESSION;/' >"$work/h/fa.po"
pline=$(grep -n '^"Plural-Forms' "$work/h/fa.po" | cut -d: -f1)
header_case placeholder "fa.po:$pline: error: Plural-Forms still has the template placeholder; for Persian write \`nplurals=2; plural=(n > 1);\`"
[ "$(grep -c 'error:' "$work/err")" = 1 ] && ok || { bad "placeholder: more than one message"; cat "$work/err"; }
as_fa '/^"Plural-Forms/d' >"$work/h/fa.po"
header_case no-plural-forms "fa.po:[0-9]*: error: the header has no Plural-Forms field; for Persian write"
grep -q 'line 0' "$work/err" && bad "no-plural-forms: line 0" || ok
as_fa 's/^"Language: fa\\n"$/"Language: fa_IR\\n"/' >"$work/h/fa.po"
lline=$(grep -n '^"Language: fa_IR' "$work/h/fa.po" | cut -d: -f1)
header_case gettext-language "fa.po:$lline: error: the header says Language 'fa_IR' but the file is named for 'fa'; write \`Language: fa\`"
as_fa '' | iconv -f UTF-8 -t UTF-16 >"$work/h/fa.po"
header_case utf-16 "fa.po:1:1: error: the catalog is saved as UTF-16 (little-endian); save it as UTF-8"
as_fa '' | iconv -f UTF-8 -t ISO-8859-1//TRANSLIT >"$work/h/fa.po"
header_case latin-1 "fa.po:[0-9]*:[0-9]*: error: the catalog is not UTF-8 (byte 0x.. here is not UTF-8.*save it as UTF-8"
[ "$(grep -c 'error:' "$work/err")" = 1 ] && ok || { bad "latin-1: more than one message"; cat "$work/err"; }
rm -f "$work/h/fa.po"
cp translations/en-XA.po "$work/h/fa_IR.po"
header_case gettext-file-name "fa_IR.po: error: 'fa_IR' is not a BCP 47 language tag (it is written the gettext way): use 'fa' (Persian.*'fa-IR'"
rm -f "$work/h/fa_IR.po"; cp translations/en-XA.po "$work/h/xx-INVALID.po"
hb build --translations "$work/h" --output "$work/h-dist" >/dev/null 2>"$work/err"
[ $? = 1 ] && grep -q "xx-INVALID.po: error: .*xx-INVALID" "$work/err" && ok ||
    { bad "invalid locale tag"; cat "$work/err"; }
rm -rf "$work/h"

# 4. A new language, as a contributor adds it: one .po file, nothing else.
msginit --no-translator --locale=fr_FR.UTF-8 -i translations/handbook.pot \
    -o translations/fr.po >/dev/null 2>&1
python3 - <<'PY'
s = open("translations/fr.po").read()
s = s.replace('msgid "Chapter two"\nmsgstr ""', 'msgid "Chapter two"\nmsgstr "Chapitre deux"')
open("translations/fr.po", "w").write(s)
PY
rm -rf "$keep/partial"
hb build --output "$keep/partial" 2>/dev/null || bad "build with fr"
ln -sfn "$keep/partial" "$work/fr-dist"
[ -f "$work/fr-dist/fr/index.html" ] && [ -f "$work/fr-dist/fr/handbook-fr.epub" ] && ok || bad "fr not built"
grep -q 'href="fr/index.html" lang="fr"[^>]*>Français' "$work/fr-dist/index.html" && ok ||
    bad "fr not in the chooser by its own name"
grep -q '<h1 id="top">Chapitre deux</h1>' "$work/fr-dist/fr/two.html" && ok || bad "fr translation not applied"
grep -q '<p lang="en" dir="ltr">' "$work/fr-dist/fr/two.html" && ok || bad "fr fallback not marked"
grep -q 'translation-note' "$work/fr-dist/fr/two.html" && ok || bad "fr partial chapter not announced"
hb stats 2>/dev/null | grep -q '^fr ' && ok || bad "fr not in stats"
# Untranslated chapter titles in the contents, the navigation and the
# EPUB's navigation carry the source's lang and dir; translated ones not.
grep -q '<a href="one.html" lang="en" dir="ltr">' "$work/fr-dist/fr/index.html" && ok ||
    bad "fr contents: untranslated title without lang"
grep -q '<a href="two.html" lang' "$work/fr-dist/fr/index.html" && bad "fr contents: translated title marked English" || ok
grep -q '<a href="one.html" lang="en" dir="ltr"' "$work/fr-dist/fr/two.html" && ok ||
    bad "fr navigation: untranslated title without lang"
unzip -p "$work/fr-dist/fr/handbook-fr.epub" OEBPS/nav.xhtml | grep -q '<a href="one.xhtml" lang="en" dir="ltr">' &&
    ok || bad "fr EPUB navigation: untranslated title without lang"

# 5. handbook init: a language nobody has added yet, started as the README
#    says, builds with make at once, in the direction ICU gives its script
#    (Pashto, right to left: no catalog of the project's has it).
"$handbook" init uk >"$work/out" 2>"$work/err" && ok || { bad "init uk"; cat "$work/err"; }
grep -q '^"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0' translations/uk.po &&
    ok || bad "init uk: not the three-form rule"
grep -A4 '^msgid_plural' translations/uk.po | grep -q '^msgstr\[2\] ""' && ok ||
    bad "init uk: plural entries lack msgstr[2]"
grep -q '^"Language: uk\\n"$' translations/uk.po && ! grep -q '^#, fuzzy' translations/uk.po &&
    grep -q '^# Machine-assisted draft; needs review' translations/uk.po && ok ||
    bad "init uk: header incomplete"
msgfmt --check -o /dev/null translations/uk.po 2>"$work/err" && [ ! -s "$work/err" ] && ok ||
    { bad "init uk: msgfmt --check complains"; cat "$work/err"; }
msgcat translations/uk.po | cmp -s - translations/uk.po && ok || bad "init uk: msgcat changes the file"
cp translations/uk.po "$work/uk.po"
"$handbook" init uk >/dev/null 2>"$work/err"
[ $? = 1 ] && grep -q "uk.po: error: the catalog already exists" "$work/err" &&
    cmp -s translations/uk.po "$work/uk.po" && ok || { bad "init overwrote a catalog"; cat "$work/err"; }
"$handbook" init fa_IR >/dev/null 2>"$work/err"
[ $? = 2 ] && grep -q "'fa_IR' is written the gettext way.*use 'fa' (Persian.*'fa-IR'" "$work/err" &&
    [ ! -e translations/fa_IR.po ] && ok || { bad "init fa_IR"; cat "$work/err"; }
"$handbook" init zh_CN >/dev/null 2>"$work/err"
[ $? = 2 ] && grep -q "use 'zh-Hans'" "$work/err" && ok || { bad "init zh_CN"; cat "$work/err"; }
"$handbook" init en >/dev/null 2>"$work/err"
[ $? = 2 ] && grep -q "'en' is the language of the source text" "$work/err" && ok ||
    { bad "init of the source language"; cat "$work/err"; }
hb build --locale uk --output "$work/uk-dist" 2>"$work/err" && ok || { bad "build uk"; cat "$work/err"; }
rm -f translations/uk.po
proj="$work/proj"
"$root/tests/copy-project.sh" "$proj"
(cd "$proj" && "$handbook" init ps >/dev/null) 2>"$work/err" || { bad "init ps"; cat "$work/err"; }
python3 - "$proj/translations/ps.po" <<'PY'
import sys
s = open(sys.argv[1]).read()
s = s.replace('msgid "Next chapter"\nmsgstr ""', 'msgid "Next chapter"\nmsgstr "بل څپرکی"', 1)
open(sys.argv[1], "w").write(s)
PY
make -C "$proj" -j2 >"$work/make.log" 2>&1 && ok || { bad "make with a new ps.po"; tail "$work/make.log"; }
grep -q '<html lang="ps" dir="rtl">' "$proj/dist/ps/index.html" 2>/dev/null && ok ||
    bad "ps: not built right to left"
grep -q 'بل څپرکی' "$proj/dist/ps/02-attachment.html" 2>/dev/null && ok || bad "ps: translation not used"
grep -q 'href="ps/index.html"' "$proj/dist/index.html" 2>/dev/null && ok || bad "ps: not in the chooser"

echo "translations: $passed passed, $failed failed, 0 skipped"
[ "$failed" = 0 ]
