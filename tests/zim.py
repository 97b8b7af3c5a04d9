#!/usr/bin/python3
"""Packs one locale folder of the handbook (dist/<tag>/) into a ZIM file for
Kiwix, with the locale's own translated metadata.

usage: tests/zim.py META.xml DIST TAG ILLUSTRATION.png OUT.zim

META.xml is what `handbook meta` writes (title, subtitle, description,
creator, publisher, date and the ISO 639-3 code from ICU, per locale).
It runs with Debian's python3 because it uses Debian's python3-libzim, the
openZIM project's own bindings of libzim: zimwriterfs 3.1.3 (Debian 12)
cannot write the LongDescription metadata.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

from libzim.writer import Creator, FileProvider, Hint, Item, StringProvider

# The name's project part: Kiwix names a ZIM "<project>_<lang>_<selection>".
PROJECT = os.environ.get("ZIM_PROJECT", "handbook")
TAGS = "handbook;health;mental-health;_category:other;_pictures:no;_videos:no"
DESCRIPTION_MAX = 80  # characters, the ZIM metadata rule (zimcheck)

MIME = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "application/javascript",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".epub": "application/epub+zip",
    ".pdf": "application/pdf",
    ".woff2": "font/woff2",
}


class Page(Item):
    """One file of the locale folder, at its path relative to the folder."""

    def __init__(self, root, path):
        super().__init__()
        self.root, self.path = root, path
        self.file = os.path.join(root, path)
        self.mime = MIME.get(os.path.splitext(path)[1], "application/octet-stream")

    def get_path(self):
        return self.path

    def get_title(self):
        if self.mime != "text/html":
            return ""
        with open(self.file, encoding="utf-8") as f:
            m = re.search(r"<title>(.*?)</title>", f.read(), re.S)
        return html_text(m.group(1)) if m else ""

    def get_mimetype(self):
        return self.mime

    def get_contentprovider(self):
        if self.mime != "text/html":
            return FileProvider(self.file)
        with open(self.file, encoding="utf-8") as f:
            return StringProvider(kiwix_page(f.read()))

    def get_hints(self):
        # Chapters and the home page are articles (title search, random
        # page); the leave page, the search page and the one-page print
        # edition are not.
        front = self.mime == "text/html" and self.path not in (
            "leave.html", "search.html", "print.html")
        return {Hint.FRONT_ARTICLE: front}


def kiwix_page(html):
    """The page as Kiwix shows it. A ZIM holds one language, and Kiwix
    lists the other languages' ZIMs in its own library: the language
    switcher, whose links lead out of this ZIM, is left out (zimcheck
    fails on links out of bounds, so a changed switcher shows in make
    check)."""
    return re.sub(r'<nav class="languages"[^>]*>.*?</nav>', "", html,
                  count=1, flags=re.S)


def html_text(s):
    s = re.sub(r"<[^>]*>", "", s)
    for a, b in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'),
                 ("&#39;", "'"), ("&amp;", "&")):
        s = s.replace(a, b)
    return " ".join(s.split())


def shorten(text, limit):
    """text, or its first words and an ellipsis, in at most limit
    characters; text without spaces (Chinese, Japanese) is cut anywhere."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.،、，") + "…"


def main(argv):
    if len(argv) != 6:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    meta_file, dist, tag, png, out = argv[1:]
    root = os.path.join(dist, tag)
    ed = ET.parse(meta_file).getroot().find("edition[@tag='%s']" % tag)
    if ed is None:
        sys.stderr.write("handbook: error: no edition '%s' in %s\n" % (tag, meta_file))
        return 1
    get = lambda k: " ".join((ed.findtext(k) or "").split())
    lang3 = ed.get("iso639-3")
    with open(png, "rb") as f:
        illustration = f.read()
    files = []
    for d, dirs, names in os.walk(root):
        dirs.sort()
        for n in sorted(names):
            rel = os.path.relpath(os.path.join(d, n), root)
            # The cover pictures are for the OPDS feed; no page shows them
            # and Kiwix has its own illustration: 100 KB saved per ZIM.
            if rel in ("cover.png", "cover-thumb.png"):
                continue
            files.append(rel)
    tmp = out + ".tmp"
    if os.path.exists(tmp):
        os.remove(tmp)
    with Creator(tmp).config_indexing(True, lang3).config_nbworkers(1) as c:
        c.set_mainpath("index.html")
        c.add_illustration(48, illustration)
        for k, v in (
            ("Name", "%s_%s_all" % (PROJECT, tag.lower())),
            ("Title", get("title")),
            ("Description", shorten(get("subtitle") or get("description"),
                                    DESCRIPTION_MAX)),
            ("LongDescription", get("description")),
            ("Language", lang3),
            ("Creator", get("creator")),
            ("Publisher", get("publisher")),
            ("Date", get("date")),
            ("Tags", TAGS),
            ("Source", get("identifier")),
            ("License", get("rights-url")),
            ("Flavour", ""),
            ("Scraper", ET.parse(meta_file).getroot().get("generator")),
        ):
            # The bindings (python3-libzim 2.1) "pascalize" each key:
            # "LongDescription" would become "Longdescription".
            if v:
                c.add_metadata(re.sub(r"(?<=[a-z])([A-Z])", r"_\1", k).lower(), v)
        for p in files:
            c.add_item(Page(root, p))
    os.replace(tmp, out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
