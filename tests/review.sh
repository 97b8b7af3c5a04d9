#!/bin/sh
# The review trail and the release gate, on a copy of the real book and
# catalogs (the fixture reviews live in a temporary folder, never in
# translations/): approving a chapter, then changing one of its
# translations, then its English source, each shows the right state in
# `handbook stats` and in the built pages; bad input is refused with its
# place; --release refuses the default edition in every locale and accepts
# the example organisation's edition where the safety-critical chapters
# are reviewed.
#
# usage: review.sh HANDBOOK [PLAIN_HANDBOOK]
#   HANDBOOK        the generator under test (make check: the ASan build)
#   PLAIN_HANDBOOK  a build without sanitizers for the whole-book builds
set -u
hb=$(realpath "$1")
plain=$(realpath "${2:-$1}")
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1700000000
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
# check NAME COMMAND...: passes when the command succeeds.
check() {
	name=$1
	shift
	if "$@"; then pass; else fail "$name"; fi
}
has() { grep -q -- "$2" "$1"; }
lacks() { ! grep -q -- "$2" "$1"; }

cp -r "$root/content" "$root/themes" "$work/"
mkdir "$work/translations"
cp "$root"/translations/*.po "$work/translations/"
cd "$work" || exit 1
crisis=12-crisis-and-local-help.md

# --- recording a review ---------------------------------------------------

"$hb" review sw --approve $crisis --by "Amina Odhiambo" \
    --role "Clinical psychologist" --date 2026-11-30 >out 2>err
check "approve exits 0 ($(cat err))" test $? = 0
check "approve says what it recorded" has out "translations/sw.reviews: $crisis reviewed: Amina Odhiambo (Clinical psychologist), 2026-11-30"
check "the trail names the chapter" has translations/sw.reviews "^\[$crisis\]$"
check "the trail holds the source hash" grep -Eq '^source: [0-9a-f]{64}$' translations/sw.reviews
check "the trail holds the translation hash" grep -Eq '^translation: [0-9a-f]{64}$' translations/sw.reviews

"$hb" stats --chapters --locale sw >stats 2>&1
check "stats: locale share" grep -Eq '^sw .* 1 of 14 chapters$' stats
check "stats: reviewed chapter" grep -Eq '^  12-crisis-and-local-help .*reviewed: Amina Odhiambo \(Clinical psychologist\), 2026-11-30$' stats
check "stats: other chapters draft" grep -Eq '^  02-attachment .* draft$' stats

"$hb" stats --json --locale sw >stats.json 2>&1
state() { # state FILE CHAPTER: the chapter's review state in stats --json
	python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
print([c["review"] for c in d["locales"][0]["chapters"] if c["chapter"] == sys.argv[2]][0])' "$1" "$2"
}
check "stats --json is JSON with the reviewed chapter" test "$(state stats.json $crisis)" = reviewed
check "stats --json: a draft chapter" test "$(state stats.json 02-attachment.md)" = draft
check "stats --json names the reviewer" python3 -c 'import json,sys
c = [c for c in json.load(open("stats.json"))["locales"][0]["chapters"] if c.get("by")]
sys.exit(not (len(c) == 1 and c[0]["by"] == "Amina Odhiambo" and c[0]["date"] == "2026-11-30"))'

"$plain" build --locale sw --output out1 2>err
check "build with a trail ($(head -c 300 err))" test $? = 0
page=out1/sw/12-crisis-and-local-help.html
check "page: reviewed note" grep -q 'data-review="reviewed">Tafsiri imekaguliwa na <bdi>Amina Odhiambo</bdi> (<bdi>Clinical psychologist</bdi>), 30 Novemba 2026.</p>' $page
check "page: draft note on another chapter" grep -q 'data-review="draft">Tafsiri hii bado haijakaguliwa na mtaalamu wa afya ya akili.</p>' out1/sw/02-attachment.html
check "home page: reviewed share" grep -q 'class="review-share" lang="sw" dir="ltr" data-review="partial">Sura zilizokaguliwa na mtaalamu wa afya ya akili: 1 kati ya 14<' out1/sw/index.html
unzip -p out1/sw/handbook-sw.epub OEBPS/12-crisis-and-local-help.xhtml >chapter.xhtml
check "EPUB chapter: reviewed note" has chapter.xhtml 'data-review="reviewed"'
check "print page: one reviewed note, 13 draft" test "$(grep -o 'data-review="reviewed"' out1/sw/print.html | wc -l) $(grep -o 'data-review="draft"' out1/sw/print.html | wc -l)" = "1 13"
"$plain" build --locale en --output out1 2>/dev/null
check "English (the source): no review note" test "$(cat out1/en/*.html | grep -c 'data-review=')" = 0

# A locale in another script and calendar: its digits and month names.
"$hb" review ar --approve $crisis --by "Test Reviewer" --role "Psychiatrist" --date 2026-11-30 >/dev/null 2>&1
"$plain" build --locale ar --output out1 2>/dev/null
check "Arabic page: the date in Arabic" grep -q 'data-review="reviewed">.*بتاريخ ٣٠ نوفمبر ٢٠٢٦' out1/ar/12-crisis-and-local-help.html
check "Arabic home page: Arabic digits" grep -q 'lang="ar" dir="rtl" data-review="partial">[^<]*: ١ من ١٤<' out1/ar/index.html

# The chooser shows each locale's share.
"$plain" build --root-only --output out1 2>/dev/null
check "chooser: two locales partly reviewed" test "$(grep -o 'data-review="partial"' out1/index.html | wc -l)" = 2
check "chooser: Arabic's share in Arabic" grep -q '<p class="review-share" lang="ar" dir="rtl" data-review="partial">[^<]*: ١ من ١٤</p>' out1/index.html
check "chooser: a draft locale in its language" grep -q '<p class="review-share" lang="fr" dir="ltr" data-review="draft">Cette traduction n’a pas encore été relue' out1/index.html

# --- a review goes stale by itself ----------------------------------------

cp translations/sw.po sw.po.orig
# One translation in the crisis chapter changes.
python3 - <<'EOF'
import re
p = "translations/sw.po"
s = open(p, encoding="utf-8").read()
old = 'msgstr "Hali ya shida kubwa na msaada wa karibu"'
assert old in s, "crisis chapter title not found"
open(p, "w", encoding="utf-8").write(s.replace(old, 'msgstr "Hali ya shida kubwa na msaada wa karibu nawe"', 1))
EOF
"$hb" stats --json --locale sw >stale.json 2>&1
check "edited translation: stale in stats" test "$(state stale.json $crisis)" = stale
"$hb" stats --chapters --locale sw >stale.txt 2>&1
check "stats text: stale with the old reviewer" grep -Eq '^  12-crisis-and-local-help .*stale: Amina Odhiambo' stale.txt
check "edited translation: 0 of 14" grep -Eq '^sw .* 0 of 14 chapters$' stale.txt
"$plain" build --locale sw --output out2 2>/dev/null
check "edited translation: page says stale" grep -q 'data-review="stale">Tafsiri hii bado haijakaguliwa' out2/sw/12-crisis-and-local-help.html
check "edited translation: no reviewed note left" lacks out2/sw/12-crisis-and-local-help.html 'data-review="reviewed"'

# Undone, the review matches again: the hash is of the text itself.
cp sw.po.orig translations/sw.po
"$hb" stats --json --locale sw >back.json 2>&1
check "restored translation: reviewed again" test "$(state back.json $crisis)" = reviewed

# The English source of the chapter changes: one sentence more.
printf '\nOne more sentence in the English source.\n' >>content/$crisis
"$hb" stats --json --locale sw >src.json 2>&1
check "changed source: stale" test "$(state src.json $crisis)" = stale
"$plain" build --locale sw --output out3 2>/dev/null
check "changed source: page says stale" has out3/sw/12-crisis-and-local-help.html 'data-review="stale"'
"$hb" review sw --approve $crisis --by "Amina Odhiambo" --role "Clinical psychologist" >out 2>err
check "approving a chapter with an untranslated entry is refused" test $? = 1
check "… saying how many are missing" grep -Eq "translations/sw.po: 1 of the [0-9]+ entries of $crisis are not translated" err
cp "$root/content/$crisis" content/$crisis

# --- bad input: a clear message, and nothing lost ----------------------------

cp translations/sw.reviews sw.reviews.keep
"$hb" review sw --approve 99-nothing.md --by A --role B >/dev/null 2>err
check "unknown chapter: exit 1" test $? = 1
check "unknown chapter: message" has err "the book has no chapter '99-nothing.md'"
"$hb" review sw --approve $crisis --by "" --role B >/dev/null 2>err
check "empty name refused" has err "\-\-by: the name is empty"
"$hb" review sw --approve $crisis --by "$(printf 'A\033[2JB')" --role B >/dev/null 2>err
check "control character refused" has err "\-\-by: the name holds a control character"
"$hb" review sw --approve $crisis --by A --role B --date 2026-02-30 >/dev/null 2>err
check "impossible date refused" has err "\-\-date '2026-02-30' must be a real date"
"$hb" review sw --approve $crisis --by A >/dev/null 2>err
check "no --role: usage error" test $? = 2
"$hb" review --approve $crisis >/dev/null 2>err
check "no locale: usage error" test $? = 2
check "refusals left the trail as it was" cmp -s translations/sw.reviews sw.reviews.keep

# A damaged trail: file:line:col, and the locale's previous output kept.
"$plain" build --locale sw --output out4 2>/dev/null
before=$(find out4/sw -type f -exec sha256sum {} + | sort | sha256sum)
sed -i 's/^date: 2026-11-30$/date: 30.11.2026/' translations/sw.reviews
"$plain" build --locale sw --output out4 2>err
check "damaged trail: exit 1" test $? = 1
check "damaged trail: file:line:col" grep -Eq '^translations/sw.reviews:[0-9]+:7: error: the date must be a real date' err
after=$(find out4/sw -type f -exec sha256sum {} + | sort | sha256sum)
check "damaged trail: previous output kept" test "$before" = "$after"
printf '[%s]\nby: X\nfoo: bar\n' 02-attachment.md >>translations/sw.reviews
"$hb" stats --locale sw >/dev/null 2>err
check "unknown key and missing lines reported" grep -q "unknown key 'foo'" err
check "… and the block's missing lines" grep -q "the review of '02-attachment.md' has no 'role:' line" err
cp sw.reviews.keep translations/sw.reviews

# --- the release gate -------------------------------------------------------

# The default edition: refused in every locale, nothing written.
"$plain" build --release --output rel 2>rel.err
check "default edition: release refused" test $? = 1
for tag in en $(cd translations && ls *.po | sed 's/\.po$//'); do
	grep -q "release of '$tag': the placeholder section 'local-contacts' is still shown" rel.err ||
	    fail "default edition: no placeholder refusal for $tag"
done
pass
check "the placeholder refusal has its place" grep -q "^content/$crisis:80:1: error: release of 'en'" rel.err
check "unreviewed safety-critical chapter named" grep -q "translations/fr.po: error: release of 'fr': 01-before-you-begin.md is safety-critical and its translation is not reviewed" rel.err
check "release refused: nothing written" test ! -e rel/en/index.html -a ! -e rel/index.html

# The example organisation's edition replaces the placeholder: English
# (the source counts as reviewed) is accepted; Swahili only with both
# safety-critical chapters reviewed.
"$plain" build --release --theme themes/example-ngo --locale en --output ngo 2>err
check "NGO edition, English: released ($(head -c 300 err))" test $? = 0
"$plain" build --release --theme themes/example-ngo --locale sw --output ngo 2>err
check "NGO edition, Swahili, one chapter reviewed: refused" test $? = 1
check "… naming the unreviewed chapter" has err "release of 'sw': 01-before-you-begin.md is safety-critical"
check "… and not the reviewed one" lacks err "release of 'sw': $crisis"
check "… and no placeholder" lacks err "placeholder"
"$hb" review sw --approve 01-before-you-begin.md --by "Amina Odhiambo" --role "Clinical psychologist" --date 2026-12-01 >/dev/null 2>&1
"$plain" build --release --theme themes/example-ngo --locale sw --output ngo 2>err
check "NGO edition, Swahili, both reviewed: released ($(head -c 300 err))" test $? = 0
check "… with the edition's contacts" has ngo/sw/12-crisis-and-local-help.html 'class="local-contacts"'
check "… and no placeholder text" lacks ngo/sw/12-crisis-and-local-help.html 'data-placeholder'
# A stale safety-critical chapter is refused again.
sed -i 's/msgstr "Hali ya shida kubwa na msaada wa karibu"/msgstr "Hali ya shida kubwa"/' translations/sw.po
"$plain" build --release --theme themes/example-ngo --locale sw --output ngo 2>err
check "stale safety-critical chapter: refused" has err "$crisis is safety-critical and its translation is stale"
cp sw.po.orig translations/sw.po

# make release: the Makefile's target refuses the default edition.
cd "$root" || exit 1
unset MAKEFLAGS MFLAGS MAKELEVEL
make -s release RELEASE_DIR="$work/mk" >"$work/mk.out" 2>&1
check "make release (default edition) fails" test $? != 0
check "make release names the refusals" grep -q "release of 'en': the placeholder section" "$work/mk.out"
check "make release wrote no PDF" test ! -e "$work/mk/handbook-en.pdf"

echo "review: $passed passed, $failed failed, 0 skipped"
