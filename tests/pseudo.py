#!/usr/bin/env python3
"""Pseudo-translation: fills a catalog from a template so that every msgstr
is a visibly transformed copy of its msgid (accented vowels, framed with
⟦ ⟧), keeping Markdown syntax, link targets, footnotes and {placeholders}
intact. Then, given a built locale folder, reports every piece of text in
the pages that was not transformed: a string that escaped the catalog.

usage: pseudo.py fill TEMPLATE.pot OUT.po TAG
       pseudo.py scan DIST/TAG
"""
import html.parser
import os
import re
import sys

VOWELS = str.maketrans("aeiouAEIOU", "áéíóúÁÉÍÓÚ")
# Parts of a Markdown msgid that must stay as they are.
PROTECTED = re.compile(r"\]\([^)]*\)|<[a-z]+:[^>]*>|`[^`]*`|\[\^\d+\]|\\.|\{[a-z-]+\}")


def transform(msgid):
    out, pos = [], 0
    for m in PROTECTED.finditer(msgid):
        out.append(msgid[pos:m.start()].translate(VOWELS))
        out.append(m.group(0))
        pos = m.end()
    out.append(msgid[pos:].translate(VOWELS))
    text = "".join(out)
    # A leading block marker escaped in the msgid stays first.
    m = re.match(r"^(\\.|\d+\\\.)", text)
    if m:
        return m.group(0) + "⟦" + text[m.end():] + "⟧"
    return "⟦" + text + "⟧"


def po_unescape(s):
    return s.encode("latin-1", "backslashreplace").decode("unicode_escape") \
        if False else bytes(s, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def po_escape(s):
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def read_pot(path):
    """Yields (msgctxt, msgid, msgid_plural) of each entry but the header."""
    entries, field, cur = [], None, {}
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        m = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
        if m:
            field = m.group(1)
            cur[field] = po_unescape(m.group(2))
        elif line.startswith('"') and field:
            cur[field] += po_unescape(line[1:-1])
        elif not line.strip():
            if cur.get("msgid"):
                entries.append((cur.get("msgctxt"), cur["msgid"], cur.get("msgid_plural")))
            cur, field = {}, None
    if cur.get("msgid"):
        entries.append((cur.get("msgctxt"), cur["msgid"], cur.get("msgid_plural")))
    return entries


def fill(pot, out, tag):
    with open(out, "w", encoding="utf-8") as f:
        f.write('msgid ""\nmsgstr ""\n"Language: %s\\n"\n'
                '"MIME-Version: 1.0\\n"\n'
                '"Content-Type: text/plain; charset=UTF-8\\n"\n'
                '"Content-Transfer-Encoding: 8bit\\n"\n'
                '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n' % tag)
        for ctxt, msgid, plural in read_pot(pot):
            if ctxt is not None:
                f.write('msgctxt "%s"\n' % po_escape(ctxt))
            if plural is None:
                f.write('msgid "%s"\nmsgstr "%s"\n\n' % (po_escape(msgid), po_escape(transform(msgid))))
            else:
                f.write('msgid "%s"\nmsgid_plural "%s"\nmsgstr[0] "%s"\nmsgstr[1] "%s"\n\n' % (
                    po_escape(msgid), po_escape(plural), po_escape(transform(msgid)),
                    po_escape(transform(plural))))


class Scan(html.parser.HTMLParser):
    SKIP = {"code", "pre", "script", "style"}

    def __init__(self, lang):
        super().__init__(convert_charrefs=True)
        self.lang, self.stack, self.found = lang, [], []

    def skipping(self):
        for tag, attrs in self.stack:
            cls = (attrs.get("class") or "").split()
            if tag in self.SKIP or "print-url" in cls or "languages" in cls \
                    or "locales" in cls or "completeness" in cls:
                return True
            if attrs.get("lang") not in (None, self.lang):
                return True
        return False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in ("meta", "link", "br", "hr", "img", "input"):
            self.stack.append((tag, attrs))
        if not self.skipping():
            for name in ("aria-label", "title", "alt"):
                if attrs.get(name):
                    self.check(attrs[name])

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self.skipping():
            self.check(data)

    def check(self, text):
        for word in re.findall(r"[A-Za-z][A-Za-z'’-]{2,}", text):
            if re.search(r"[aeiouAEIOU]", word) and not re.search(r"https?|mailto|www|\.org", text):
                self.found.append(text.strip()[:80])
                return


def scan(folder):
    lang = os.path.basename(os.path.normpath(folder))
    problems = 0
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".html"):
            continue
        s = Scan(lang)
        s.feed(open(os.path.join(folder, name), encoding="utf-8").read())
        for text in dict.fromkeys(s.found):
            print(f"{name}: untranslated text: {text!r}")
            problems += 1
    return 1 if problems else 0


if __name__ == "__main__":
    if sys.argv[1] == "fill":
        fill(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(scan(sys.argv[2]))
