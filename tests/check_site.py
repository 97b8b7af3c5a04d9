#!/usr/bin/env python3
"""Checks a built handbook tree the way a reader's browser and e-reader
would meet it: every page well-formed enough to parse, every internal link
landing on an existing file and id, the structure each page promises
(lang, dir, skip link, table of contents, previous/next), and each EPUB's
container rules. Prints one line per problem; exits 1 if there were any.

usage: check_site.py DIST LOCALE[:dir]...
"""
import html.parser
import os
import re
import sys
import urllib.parse
import xml.etree.ElementTree as ET
import zipfile

problems = []


def problem(where, msg):
    problems.append(f"{where}: {msg}")


class Page(html.parser.HTMLParser):
    """Collects ids, links, resources and a few landmarks of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.dup_ids = set(), set()
        self.links, self.resources, self.tags = [], [], []
        self.html_attrs, self.title, self._in_title = {}, "", False
        self.rels, self.metas = {}, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "html":
            self.html_attrs = a
        if "id" in a:
            (self.dup_ids if a["id"] in self.ids else self.ids).add(a["id"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
            if "rel" in a:
                self.rels[a["rel"]] = a["href"]
        if tag in ("link", "script", "img", "iframe", "source"):
            src = a.get("href") or a.get("src")
            if src:
                self.resources.append(src)
        if tag == "meta":
            self.metas.append(a)
        if tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def parse_page(path):
    p = Page()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    return p


pages = {}


def page(path):
    if path not in pages:
        pages[path] = parse_page(path)
    return pages[path]


def is_external(href):
    return re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href) is not None


def check_links(path, p, root):
    for href in p.links:
        if is_external(href):
            if not re.match(r"^(https?|mailto):", href):
                problem(path, f"link with a forbidden scheme: {href}")
            continue
        url = urllib.parse.urlsplit(href)
        target = path if url.path == "" else os.path.normpath(
            os.path.join(os.path.dirname(path), urllib.parse.unquote(url.path)))
        if not target.startswith(root):
            problem(path, f"link leaves the folder: {href}")
            continue
        if not os.path.isfile(target):
            problem(path, f"link to a missing file: {href}")
            continue
        frag = urllib.parse.unquote(url.fragment)
        if frag and target.endswith(".html") and frag not in page(target).ids:
            problem(path, f"link to a missing id: {href}")


def check_html_page(path, locale, direction, root, dist):
    p = page(path)
    if p.dup_ids:
        problem(path, f"duplicate ids: {sorted(p.dup_ids)}")
    if p.html_attrs.get("lang") != locale:
        problem(path, f"<html lang> is {p.html_attrs.get('lang')!r}, want {locale!r}")
    if p.html_attrs.get("dir") != direction:
        problem(path, f"<html dir> is {p.html_attrs.get('dir')!r}, want {direction!r}")
    if not p.title.strip():
        problem(path, "empty <title>")
    if not any(m.get("http-equiv") == "Content-Security-Policy" for m in p.metas):
        problem(path, "no Content-Security-Policy")
    if "main" not in p.ids or "#main" not in p.links:
        problem(path, "no skip link to #main")
    for r in p.resources:
        if is_external(r) or r.startswith("//"):
            problem(path, f"resource from the network: {r}")
        elif not os.path.isfile(os.path.join(os.path.dirname(path), r)):
            problem(path, f"missing resource: {r}")
    # Links may reach the other locales (the language switcher); resources
    # above must stay inside the locale's own folder.
    check_links(path, p, dist)


def check_locale(dist, locale, direction):
    d = os.path.join(dist, locale)
    home = os.path.join(d, "index.html")
    if not os.path.isfile(home):
        return problem(d, "no index.html")
    # The home page's table of contents gives the chapter order.
    chapters = []
    for href in page(home).links:
        if re.match(r"^[^/#:]+\.html$", href) and href not in (
                "index.html", "print.html", "search.html", "leave.html") \
                and href not in chapters:
            chapters.append(href)
    if not chapters:
        problem(home, "no chapters in the table of contents")
    for name in ["index.html", "print.html"] + chapters:
        path = os.path.join(d, name)
        if not os.path.isfile(path):
            problem(path, "missing page")
            continue
        check_html_page(path, locale, direction, d, dist)
    for i, name in enumerate(chapters):
        p = page(os.path.join(d, name))
        want_prev = chapters[i - 1] if i > 0 else None
        want_next = chapters[i + 1] if i + 1 < len(chapters) else None
        if p.rels.get("prev") != want_prev:
            problem(name, f"previous link {p.rels.get('prev')!r}, want {want_prev!r}")
        if p.rels.get("next") != want_next:
            problem(name, f"next link {p.rels.get('next')!r}, want {want_next!r}")
        for c in chapters:
            if c not in p.links:
                problem(os.path.join(d, name), f"table of contents lacks {c}")
    pr = page(os.path.join(d, "print.html"))
    for c in chapters:
        if c[:-5] not in pr.ids:
            problem("print.html", f"chapter {c} is missing")
    check_epub(os.path.join(d, f"handbook-{locale}.epub"), locale, direction, len(chapters))


XMLNS = {"opf": "http://www.idpf.org/2007/opf",
         "dc": "http://purl.org/dc/elements/1.1/",
         "c": "urn:oasis:names:tc:opendocument:xmlns:container",
         "x": "http://www.w3.org/1999/xhtml",
         "epub": "http://www.idpf.org/2007/ops"}


def check_epub(path, locale, direction, nchapters):
    if not os.path.isfile(path):
        return problem(path, "missing EPUB")
    z = zipfile.ZipFile(path)
    infos = z.infolist()
    if infos[0].filename != "mimetype" or infos[0].compress_type != zipfile.ZIP_STORED \
            or z.read("mimetype") != b"application/epub+zip" or infos[0].extra:
        problem(path, "mimetype must come first, stored, without extra field")
    names = set(z.namelist())
    container = ET.fromstring(z.read("META-INF/container.xml"))
    opf_path = container.find(".//c:rootfile", XMLNS).get("full-path")
    opf = ET.fromstring(z.read(opf_path))
    base = os.path.dirname(opf_path)
    meta = opf.find("opf:metadata", XMLNS)
    if meta.findtext("dc:language", namespaces=XMLNS) != locale:
        problem(path, "dc:language differs from the locale")
    for field in ("dc:identifier", "dc:title", "dc:rights"):
        if not (meta.findtext(field, namespaces=XMLNS) or "").strip():
            problem(path, f"no {field}")
    modified = [m.text for m in meta.findall("opf:meta", XMLNS)
                if m.get("property") == "dcterms:modified"]
    if len(modified) != 1 or not re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", modified[0]):
        problem(path, f"dcterms:modified is {modified}")
    items = {i.get("id"): i for i in opf.find("opf:manifest", XMLNS)}
    for item in items.values():
        if os.path.normpath(os.path.join(base, item.get("href"))) not in names:
            problem(path, f"manifest item missing: {item.get('href')}")
    spine = opf.find("opf:spine", XMLNS)
    if spine.get("page-progression-direction") != direction:
        problem(path, "page-progression-direction differs from the locale")
    refs = [r.get("idref") for r in spine]
    if any(r not in items for r in refs):
        problem(path, "spine refers to a missing item")
    if len(refs) < nchapters:
        problem(path, f"spine has {len(refs)} items for {nchapters} chapters")
    navs = [i for i in items.values() if "nav" in (i.get("properties") or "").split()]
    if len(navs) != 1:
        return problem(path, "there must be exactly one navigation document")
    nav = ET.fromstring(z.read(os.path.join(base, navs[0].get("href"))))
    types = {n.get("{http://www.idpf.org/2007/ops}type") for n in nav.iter("{%s}nav" % XMLNS["x"])}
    if not {"toc", "landmarks"} <= types:
        problem(path, f"navigation lacks toc or landmarks: {types}")
    # Every link between the book's XHTML files must land on an id.
    docs = {}
    for n in names:
        if n.endswith(".xhtml"):
            docs[n] = ET.fromstring(z.read(n))
    ids = {n: {e.get("id") for e in d.iter() if e.get("id")} for n, d in docs.items()}
    for n, d in docs.items():
        for a in d.iter("{%s}a" % XMLNS["x"]):
            href = a.get("href", "")
            if is_external(href):
                continue
            u = urllib.parse.urlsplit(href)
            t = n if not u.path else os.path.normpath(os.path.join(os.path.dirname(n), u.path))
            if t not in names:
                problem(f"{path}!{n}", f"link to a missing file: {href}")
            elif u.fragment and u.fragment not in ids.get(t, ()):
                problem(f"{path}!{n}", f"link to a missing id: {href}")


def main():
    dist = sys.argv[1]
    locales = [a.split(":") + ["ltr"] for a in sys.argv[2:]]
    chooser = os.path.join(dist, "index.html")
    if not os.path.isfile(chooser):
        problem(chooser, "no language chooser")
    else:
        p = page(chooser)
        for tag, _d, *_ in locales:
            if f"{tag}/index.html" not in p.links:
                problem(chooser, f"does not list {tag}")
        check_links(chooser, p, dist)
    for tag, direction, *_ in locales:
        check_locale(dist, tag, direction)
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
