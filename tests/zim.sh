#!/bin/sh
# The Kiwix ZIM files (make zim): each locale has one; zimcheck -A passes
# on each; its metadata is the locale's own (title, description of at most
# 80 characters, long description, ISO 639-3 language from `handbook
# meta`), with a 48 x 48 PNG illustration, the Kiwix name, the date from
# SOURCE_DATE_EPOCH and the home page as main page. Then kiwix-serve, on a
# loopback port, serves them all to headless Chromium (tests/kiwix.js); a
# kiwix-serve that cannot run here is a skip, with the reason.
# usage: tests/zim.sh HANDBOOK DIST LOCALE...
set -u
hb=$1 dist=$2
shift 2
out=${OUT:-tests/out}
python=${ZIM_PYTHON:-/usr/bin/python3}
p=0 f=0 s=0
ok() { p=$((p + 1)); }
bad() { echo "FAIL $*"; f=$((f + 1)); }
skip() { echo "SKIP $*"; s=$((s + 1)); }

"$hb" meta -o "$out/zim-meta.xml" || bad "handbook meta"
for l in "$@"; do
	z="$dist/handbook-$l.zim"
	[ -f "$z" ] || { bad "$z: missing (make zim)"; continue; }
	if zimcheck -A "$z" >"$out/zimcheck-$l.txt" 2>&1 &&
	    grep -q 'Overall Test Status: Pass' "$out/zimcheck-$l.txt"; then ok
	else bad "$z: zimcheck -A"; grep -E 'ERROR|WARNING|^  ' "$out/zimcheck-$l.txt" | head -20; fi
	"$python" - "$z" "$out/zim-meta.xml" "$l" <<'EOF' && ok || bad "$z: metadata"
import re, struct, sys, xml.etree.ElementTree as ET
from libzim.reader import Archive
z, meta, tag = sys.argv[1:]
a = Archive(z)
ed = ET.parse(meta).getroot().find("edition[@tag='%s']" % tag)
m = {k: a.get_metadata(k) for k in a.metadata_keys}
t = lambda k: m.get(k, b"").decode("utf-8")
norm = lambda s: " ".join((s or "").split())
errors = []
def want(cond, what):
    if not cond:
        errors.append(what)
want(t("Title") == norm(ed.findtext("title")), "Title %r" % t("Title"))
want(0 < len(t("Description")) <= 80, "Description of %d characters" % len(t("Description")))
want(norm(ed.findtext("subtitle"))[:20] in t("Description"), "Description %r is not the subtitle" % t("Description"))
want(t("LongDescription") == norm(ed.findtext("description")), "LongDescription")
want(t("Language") == ed.get("iso639-3") and re.fullmatch("[a-z]{3}", t("Language")), "Language %r" % t("Language"))
want(t("Name") == "handbook_%s_all" % tag.lower(), "Name %r" % t("Name"))
want(t("Date") == ed.findtext("date") and re.fullmatch(r"\d{4}-\d\d-\d\d", t("Date")), "Date %r" % t("Date"))
for k in ("Creator", "Publisher", "Tags", "Source"):
    want(t(k), "no " + k)
png = m.get("Illustration_48x48@1", b"")
want(png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (48, 48), "Illustration is not a 48x48 PNG")
want(a.main_entry.get_item().path == "index.html", "main page")
want(a.has_fulltext_index, "no full-text index")
# A translated locale's title is not the source's.
src = ET.parse(meta).getroot().find("edition[@tag='%s']" % ET.parse(meta).getroot().get("source-lang"))
if tag != src.get("tag"):
    want(t("Title") != norm(src.findtext("title")), "Title is the source language's")
for e in errors:
    print("  " + e)
sys.exit(1 if errors else 0)
EOF
done

# kiwix-serve on a loopback port, every ZIM at once.
kiwix() {
	command -v kiwix-serve >/dev/null 2>&1 || { echo "kiwix-serve is not installed (Debian package kiwix-tools)"; return 1; }
	port=$((20000 + $$ % 20000))
	kiwix-serve --address=127.0.0.1 --port=$port "$@" >"$out/kiwix-serve.log" 2>&1 &
	pid=$!
	for i in 1 2 3 4 5 6 7 8 9 10; do
		curl -sf "http://127.0.0.1:$port/catalog/v2/entries" >/dev/null 2>&1 && return 0
		kill -0 $pid 2>/dev/null || break
		sleep 0.5
	done
	kill $pid 2>/dev/null
	echo "kiwix-serve did not start: $(tail -n 1 "$out/kiwix-serve.log")"
	return 1
}
zims=$(for l in "$@"; do [ -f "$dist/handbook-$l.zim" ] && echo "$dist/handbook-$l.zim"; done)
if [ -z "$zims" ]; then
	bad "no ZIM to serve"
elif kiwix $zims >"$out/kiwix-why.txt"; then
	node tests/kiwix.js "http://127.0.0.1:$port" "$out/kiwix.png" "$@" >"$out/kiwix.log" 2>&1
	kill $pid 2>/dev/null
	wait $pid 2>/dev/null
	grep -E '^(FAIL|SKIP)' "$out/kiwix.log"
	set -- $(tail -n 1 "$out/kiwix.log" | sed -nE 's/^kiwix: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped$/\1 \2 \3/p')
	if [ $# = 3 ]; then p=$((p + $1)) f=$((f + $2)) s=$((s + $3))
	else bad "kiwix.js did not finish"; tail -n 5 "$out/kiwix.log"; fi
else
	skip "kiwix: $(cat "$out/kiwix-why.txt")"
fi

echo "zim: $p passed, $f failed, $s skipped"
[ "$f" = 0 ]
