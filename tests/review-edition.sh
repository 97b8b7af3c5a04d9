#!/bin/sh
# The bilingual review edition (handbook review TAG): one left-to-right
# locale (hi) and one right-to-left (ar), built from copies of their
# catalogs into a temporary folder. Checks the file, its HTML, one row per
# entry of every chapter (each distinct msgid once, as handbook stats
# counts), catalog line numbers, translator comments, fuzzy and
# untranslated marks, the terminology note in safe mode, right-to-left
# cells, the review summary (reviewed, then stale) and the PDF.
# usage: review-edition.sh [HANDBOOK]   (run from the repository's top;
# REVIEW_NO_PDF=1 skips the PDF, 20 seconds of WeasyPrint)
set -u
hb=${1:-build/handbook}
case $hb in /*) ;; *) hb=$(pwd)/$hb ;; esac
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
p=0 f=0 s=0
pass() { p=$((p + 1)); }
fail() { echo "FAIL $*"; f=$((f + 1)); }
skip() { echo "SKIP $*"; s=$((s + 1)); }
# t NAME COMMAND...: one check, passed when the command succeeds.
t() { name=$1; shift; if "$@"; then pass; else fail "$name"; fi; }

tr=$tmp/translations
out=$tmp/out
mkdir -p "$tr/terminology"
cp translations/hi.po translations/ar.po "$tr/"
cp translations/terminology/ar.md "$tr/terminology/"
# hi's note also carries raw HTML and a javascript: link, which the
# edition must not pass on (cmark-gfm's safe mode).
{ cat translations/terminology/hi.md
  printf '\n<script>alert(1)</script>\n\n<div onclick="x()">raw</div>\n\n'
  printf '[bad link](javascript:alert(1)) and [good link](https://example.org/)\n'
} >"$tr/terminology/hi.md"

# In hi.po: a translator's comment on "The Strange Situation", that entry
# made fuzzy, and the next one-line entry of chapter 02 untranslated.
untranslated=$($py - "$tr/hi.po" <<'EOF'
import re, sys
path = sys.argv[1]
blocks = open(path, encoding='utf-8').read().split('\n\n')
done = None
for i, b in enumerate(blocks):
    if '\nmsgid "The Strange Situation"\n' in '\n' + b + '\n':
        b = b.replace('#: ', '# Check: is the English name needed here?\n#, fuzzy\n#: ', 1)
        blocks[i] = b
        done = i
    elif done is not None and '#: content/02-attachment.md' in b and \
            re.search(r'^msgid "[^"]+"\nmsgstr "[^"]+"$', b, re.M):
        blocks[i] = re.sub(r'^msgstr "[^"]+"$', 'msgstr ""', b, flags=re.M)
        print(re.search(r'^msgid "([^"]+)"$', b, re.M).group(1))
        break
open(path, 'w', encoding='utf-8').write('\n\n'.join(blocks))
EOF
)
line=$(grep -n '^msgid "The Strange Situation"$' "$tr/hi.po" | cut -d: -f1)

# --- hi: the edition --------------------------------------------------------
"$hb" review hi --translations "$tr" --output "$out" >"$tmp/hi.stdout" 2>"$tmp/hi.stderr"
t "hi: handbook review exits 0" [ $? = 0 ]
html=$out/review/handbook-hi-review.html
t "hi: $html written and named on stdout" grep -qx "$out/review/handbook-hi-review.html" "$tmp/hi.stdout"
t "hi: the style sheet beside it" [ -s "$out/review/handbook-review.css" ]

# rows.py HTML: per section id, its rows, for the checks below.
cat >"$tmp/rows.py" <<'EOF'
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.section = None; self.rows = {}; self.cells = []; self.row = None
        self.td = None; self.depth = 0
    def handle_starttag(self, tag, a):
        a = dict(a)
        if tag == 'section': self.section = a.get('id')
        if tag == 'tr' and 'unit' in (a.get('class') or '').split():
            self.row = {'class': a['class'], 'cells': []}
            self.rows.setdefault(self.section, []).append(self.row)
        if tag == 'td' and self.row is not None:
            self.td = {'attrs': a, 'text': ''}; self.row['cells'].append(self.td)
    def handle_endtag(self, tag):
        if tag == 'tr': self.row = None
        if tag == 'td': self.td = None
    def handle_data(self, d):
        if self.td is not None: self.td['text'] += d
p = P(); p.feed(open(sys.argv[1], encoding='utf-8').read())
import json; json.dump(p.rows, open(sys.argv[2], 'w'))
EOF
$py "$tmp/rows.py" "$html" "$tmp/hi.json"
"$hb" stats --json --locale hi --translations "$tr" >"$tmp/hi.stats" 2>/dev/null
counts() {
	$py - "$1" "$2" <<'EOF'
import json, sys
rows = json.load(open(sys.argv[1])); stats = json.load(open(sys.argv[2]))
bad = 0
for c in stats['locales'][0]['chapters']:
    want = c['translated'] + c['fuzzy'] + c['untranslated']
    got = len(rows.get(c['chapter'][:-3], []))
    if got != want:
        print('%s: %d rows, stats counts %d entries' % (c['chapter'], got, want)); bad = 1
if len(rows.get('book-metadata', [])) != 5:
    print('book metadata: %d rows, want 5' % len(rows.get('book-metadata', []))); bad = 1
sys.exit(bad)
EOF
}
t "hi: one row per entry of every chapter and of the metadata" counts "$tmp/hi.json" "$tmp/hi.stats"

# row_has JSON SECTION SOURCE TEXT...: the row of SOURCE shows every TEXT.
row_has() {
	$py - "$@" <<'EOF'
import json, sys
rows = json.load(open(sys.argv[1]))[sys.argv[2]]
for r in rows:
    if r['cells'][0]['text'].strip().endswith(sys.argv[3]):
        all_text = ' '.join(c['text'] for c in r['cells']) + ' class=' + r['class']
        missing = [w for w in sys.argv[4:] if w not in all_text]
        if missing: print('missing %s in %r' % (missing, all_text))
        sys.exit(1 if missing else 0)
print('no row for %r' % sys.argv[3]); sys.exit(1)
EOF
}
t "hi: the catalog line ($tr/hi.po:$line) beside its source" \
    row_has "$tmp/hi.json" 02-attachment "The Strange Situation" "hi.po:$line" "02-attachment.md:27"
t "hi: the translator's comment is shown" \
    row_has "$tmp/hi.json" 02-attachment "The Strange Situation" "Translator's note" "Check: is the English name needed here?"
t "hi: the fuzzy entry is marked, with its draft text" \
    row_has "$tmp/hi.json" 02-attachment "The Strange Situation" "class=unit fuzzy" "Fuzzy: not shown to readers" "स्ट्रेंज सिचुएशन"
t "hi: the untranslated entry is marked ($untranslated)" \
    row_has "$tmp/hi.json" 02-attachment "$untranslated" "class=unit untranslated" "Not translated"
t "hi: the summary counts 1 fuzzy and 1 untranslated in chapter 02" \
    grep -q 'href="#02-attachment">2. Attachment</a>.*<td class="num">50</td><td class="num">48</td><td class="num">1</td><td class="num">1</td>' "$html"
t "hi: the source text keeps its Markdown exactly" \
    grep -qF '[internal working models](13-glossary.md#internal-working-model) (Bowlby, 1973)' "$html"
t "hi: the terminology note is rendered once, with its tables" \
    $py -c "import re, sys; h = open(sys.argv[1], encoding='utf-8').read(); \
sys.exit(not (h.count('<section class=\"terminology\"') == 1 and \
re.search(r'<table>\s*<thead>\s*<tr>\s*<th>English</th>', h)))" "$html"
t "hi: no raw HTML, script or javascript: link from the note" \
    sh -c "! grep -qiE '<script|onclick|javascript:|<div onclick' '$html' && grep -q 'good link (https://example.org/)' '$html'"
t "hi: the ruled remarks column" grep -q '<td class="remarks"></td>' "$html"

# A paragraph repeated in a chapter: one row (one catalog entry), naming
# the other line.
cp -r content "$tmp/content"
sed -n '35p' content/02-attachment.md >"$tmp/para"
grep -q '^The Strange Situation is a research tool' "$tmp/para" || fail "content/02-attachment.md:35 moved: update this test"
last=$(( $(wc -l <content/02-attachment.md) + 2 ))
{ echo; cat "$tmp/para"; } >>"$tmp/content/02-attachment.md"
"$hb" review hi --content "$tmp/content" --translations "$tr" --output "$tmp/dup" >/dev/null 2>&1
$py "$tmp/rows.py" "$tmp/dup/review/handbook-hi-review.html" "$tmp/dup.json"
"$hb" stats --json --locale hi --content "$tmp/content" --translations "$tr" >"$tmp/dup.stats" 2>/dev/null
t "hi: a repeated paragraph is one row" counts "$tmp/dup.json" "$tmp/dup.stats"
t "hi: the row names the repeat's line ($last)" \
    row_has "$tmp/dup.json" 02-attachment "Results also vary between countries, and between studies in the same country (van IJzendoorn & Kroonenberg, 1988)." "02-attachment.md:35 (also on line $last)"

# --- ar: right to left ----------------------------------------------------------
"$hb" review ar --translations "$tr" --output "$out" >/dev/null 2>"$tmp/ar.stderr"
t "ar: handbook review exits 0" [ $? = 0 ]
ar=$out/review/handbook-ar-review.html
$py "$tmp/rows.py" "$ar" "$tmp/ar.json"
"$hb" stats --json --locale ar --translations "$tr" >"$tmp/ar.stats" 2>/dev/null
t "ar: one row per entry of every chapter" counts "$tmp/ar.json" "$tmp/ar.stats"
dirs() {
	$py - "$1" <<'EOF'
import json, sys
bad = 0
for sec, rows in json.load(open(sys.argv[1])).items():
    for r in rows:
        s, t = r['cells'][0]['attrs'], r['cells'][1]['attrs']
        if (s.get('lang'), s.get('dir')) != ('en', 'ltr') or (t.get('lang'), t.get('dir')) != ('ar', 'rtl'):
            print(sec, s, t); bad = 1
sys.exit(bad)
EOF
}
t "ar: source cells lang=en dir=ltr, translation cells lang=ar dir=rtl" dirs "$tmp/ar.json"
t "ar: a citation is isolated (RLM LRI … PDI RLM), its characters kept" \
    grep -q "$(printf '\342\200\217\342\201\246(Bowlby, 1973)\342\201\251\342\200\217')" "$ar"
t "ar: no terminology note is missing" sh -c "! grep -q 'no terminology note' '$ar'"

# --- the Nu HTML checker ------------------------------------------------------
vnu=node_modules/vnu-jar/build/dist/vnu.jar
if command -v java >/dev/null && [ -f "$vnu" ]; then
	java -jar "$vnu" --errors-only --format gnu "$html" "$ar" >"$tmp/vnu.txt" 2>&1
	t "hi, ar: the Nu HTML checker reports nothing" [ $? = 0 ] || cat "$tmp/vnu.txt"
else
	skip "html-checker: java or $vnu is missing (make deps)"
fi

# --- the review trail: reviewed, then stale -------------------------------------
"$hb" review hi --approve 01-before-you-begin.md --by "Asha Verma" --role "Clinical psychologist" \
    --date 2026-03-01 --translations "$tr" >/dev/null 2>&1
t "approve: exits 0" [ $? = 0 ]
"$hb" review hi --translations "$tr" --output "$out" >/dev/null 2>&1
t "summary: chapter 01 reviewed, by whom, role and date" \
    grep -q 'href="#01-before-you-begin">.*<span class="state state-reviewed">reviewed</span> <span class="by">(by <bdi>Asha Verma</bdi>, <bdi>Clinical psychologist</bdi>, 2026-03-01)' "$html"
t "summary: 1 of 14 chapters reviewed" grep -q ' 1 of 14 chapters reviewed' "$html"
# One translation of chapter 01 changes: the review is stale.
$py - "$tr/hi.po" <<'EOF'
import re, sys
path = sys.argv[1]
blocks = open(path, encoding='utf-8').read().split('\n\n')
for i, b in enumerate(blocks):
    if '#: content/01-before-you-begin.md' in b and re.search(r'^msgstr "[^"]+"$', b, re.M):
        blocks[i] = re.sub(r'^msgstr "([^"]+)"$', r'msgstr "\1 "', b, count=1, flags=re.M)
        break
open(path, 'w', encoding='utf-8').write('\n\n'.join(blocks))
EOF
"$hb" review hi --translations "$tr" --output "$out" >/dev/null 2>&1
t "summary: chapter 01 stale after a translation changed" \
    grep -q 'href="#01-before-you-begin">.*<span class="state state-stale">stale: changed since the review</span> <span class="by">(reviewed by <bdi>Asha Verma</bdi>' "$html"
t "summary: how to record a review" grep -qF 'handbook review hi --approve CHAPTER --by NAME --role ROLE' "$html"

# --- errors ----------------------------------------------------------------
"$hb" review xx --translations "$tr" --output "$out" >/dev/null 2>"$tmp/xx.stderr"
t "a locale without a catalog: exit 1 and a message" \
    sh -c "[ $? = 1 ] && grep -q 'xx' '$tmp/xx.stderr'"

# --- the PDF (WeasyPrint, as make review-pdf) -----------------------------------
if [ -n "${REVIEW_NO_PDF:-}" ]; then
	skip "pdf: REVIEW_NO_PDF is set"
elif command -v weasyprint >/dev/null && command -v pdftotext >/dev/null; then
	tests/make-review-pdf.sh "$out" hi >"$tmp/pdf.log" 2>&1
	t "pdf: make-review-pdf.sh exits 0" [ $? = 0 ] || cat "$tmp/pdf.log"
	pdf=$out/review/handbook-hi-review.pdf
	pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
	t "pdf: $pages pages, more than the 14 chapters" [ "${pages:-0}" -gt 14 ]
	pdftotext "$pdf" "$tmp/hi.txt" 2>/dev/null
	# pdftotext scrambles Devanagari vowel signs: compare without marks.
	same_page() {
		$py - "$tmp/hi.txt" "$1" "$2" <<'EOF'
import sys, unicodedata
def bare(s): return ''.join(c for c in s if not unicodedata.category(c).startswith('M') and not c.isspace())
en, tr = sys.argv[2], bare(sys.argv[3])
if len(tr) < 10: sys.exit(1)
pages = open(sys.argv[1], encoding='utf-8').read().split('\f')
sys.exit(0 if any(en in p.replace('\n', ' ') and tr in bare(p) for p in pages) else 1)
EOF
	}
	# The first line of the translation of a paragraph of chapter 02.
	sentence=$($py - "$tr/hi.po" <<'EOF'
import sys
text = open(sys.argv[1], encoding='utf-8').read()
block = [b for b in text.split('\n\n') if '"The Strange Situation is a research tool.' in b][0]
print(' '.join(block.split('msgstr ""\n"', 1)[1].split('"', 1)[0].split()[:3]))
EOF
)
	t "pdf: an English sentence and its translation ($sentence) on one page" \
	    same_page "The Strange Situation is a research tool." "$sentence"
else
	skip "pdf: weasyprint or pdftotext is missing (make deps)"
fi

echo "review-edition: $p passed, $f failed, $s skipped"
[ "$f" = 0 ]
