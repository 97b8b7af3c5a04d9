#!/usr/bin/python3
"""The OPDS feed (dist/opds.xml) and the EPUB covers.

usage: tests/opds.py HANDBOOK DIST

opds.xml: well-formed (xmllint), an Atom feed with id, title, updated
(the EPUBs' date), author, self and start links; one entry per locale
folder, exactly once, with its title and summary in its own language
(those of its EPUB), dc:language, id, updated, author; every address
relative, inside DIST and existing, with the right media type (and the
file's magic number); PDF and ZIM links exactly when the root pass was
told (--pdf, --zim; in DIST, make's rule: newer than the locale's stamp).
Each EPUB: exactly one cover-image item, a 1200 x 1800 PNG in the EPUB,
shown on cover.xhtml, the same bytes as DIST/TAG/cover.png. Covers:
nothing drawn in the side margins (no text overflows), also for a long
title and a long Chinese one; two renderings give the same bytes.
Prints "opds: N passed, N failed, N skipped".
"""
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
import zlib

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/terms/}"
OPF = "{http://www.idpf.org/2007/opf}"
DCE = "{http://purl.org/dc/elements/1.1/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OPDS_TYPE = "application/atom+xml;profile=opds-catalog;kind=acquisition"
ACQ = "http://opds-spec.org/acquisition"
IMAGE = "http://opds-spec.org/image"
THUMB = "http://opds-spec.org/image/thumbnail"
TYPES = {".epub": "application/epub+zip", ".zip": "application/zip",
         ".pdf": "application/pdf", ".zim": "application/x-zim",
         ".png": "image/png", ".html": "text/html"}
MAGIC = {".epub": b"PK\x03\x04", ".zip": b"PK\x03\x04", ".pdf": b"%PDF-",
         ".zim": b"ZIM\x04", ".png": b"\x89PNG\r\n\x1a\n"}
COVER_SIZE = (1200, 1800)
THUMB_SIZE = (200, 300)
# The cover's flat colours (cover.xsl): the background and the band.
BACKGROUND = {(0x1d, 0x5c, 0x63), (0xf2, 0xc1, 0x4e)}

passed = failed = skipped = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL " + what)
    return ok


def skip(why):
    global skipped
    skipped += 1
    print("SKIP " + why)


def png_size(data):
    if data[:8] != MAGIC[".png"] or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def png_rows(data):
    """The rows of an 8-bit RGB or RGBA non-interlaced PNG, as bytes."""
    w, h = png_size(data)
    depth, ctype, interlace = data[24], data[25], data[28]
    if depth != 8 or ctype not in (2, 6) or interlace:
        raise ValueError("PNG of depth %d, colour type %d" % (depth, ctype))
    bpp = 3 if ctype == 2 else 4
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + n]
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        rows.append(bytes(line))
        prev = line
    return rows, bpp


def margins_clear(data, name):
    """Nothing but the flat colours in the 90 px side margins and in the
    20 rows above the band: no text ran over."""
    rows, bpp = png_rows(data)
    w = len(rows[0]) // bpp
    bad = None
    for y, row in enumerate(rows):
        xs = list(range(0, 90)) + list(range(w - 90, w))
        if 1540 <= y < 1560:
            xs = range(w)
        for x in xs:
            px = tuple(row[x * bpp:x * bpp + 3])
            if px not in BACKGROUND:
                bad = (x, y)
                break
        if bad:
            break
    return check(bad is None, "%s: drawn outside the text area at %s "
                 "(text overflows)" % (name, bad))


def rasterise(svg, png, size=COVER_SIZE):
    subprocess.run(["rsvg-convert", "-w", str(size[0]), "-h", str(size[1]),
                    svg, "-o", png], check=True)


def epub_parts(path):
    z = zipfile.ZipFile(path)
    opf_path = ET.fromstring(z.read("META-INF/container.xml")).find(
        ".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile"
    ).get("full-path")
    return z, opf_path, ET.fromstring(z.read(opf_path))


def check_epub(dist, tag):
    path = os.path.join(dist, tag, "handbook-%s.epub" % tag)
    z, opf_path, opf = epub_parts(path)
    base = os.path.dirname(opf_path)
    items = [i for i in opf.iter(OPF + "item")
             if "cover-image" in (i.get("properties") or "").split()]
    if not check(len(items) == 1, "%s: %d cover-image items, want 1"
                 % (path, len(items))):
        return
    item = items[0]
    name = os.path.normpath(os.path.join(base, item.get("href")))
    check(item.get("media-type") == "image/png",
          "%s: cover-image is %s" % (path, item.get("media-type")))
    if not check(name in z.namelist(), "%s: no %s" % (path, name)):
        return
    png = z.read(name)
    check(png_size(png) == COVER_SIZE, "%s: cover %s is not a %dx%d PNG"
          % (path, name, *COVER_SIZE))
    cover_page = z.read(os.path.join(base, "cover.xhtml")).decode()
    check('src="%s"' % item.get("href") in cover_page,
          "%s: cover.xhtml does not show the cover" % path)
    site = os.path.join(dist, tag, "cover.png")
    check(os.path.isfile(site) and open(site, "rb").read() == png,
          "%s: not the EPUB's cover" % site)
    thumb = os.path.join(dist, tag, "cover-thumb.png")
    check(os.path.isfile(thumb) and
          png_size(open(thumb, "rb").read()) == THUMB_SIZE,
          "%s: not a %dx%d PNG" % (thumb, *THUMB_SIZE))
    margins_clear(png, path + " cover")


def epub_meta(dist, tag):
    _, _, opf = epub_parts(os.path.join(dist, tag, "handbook-%s.epub" % tag))
    md = opf.find(OPF + "metadata")
    modified = [m.text for m in md.iter(OPF + "meta")
                if m.get("property") == "dcterms:modified"]
    return {"title": md.findtext(DCE + "title"),
            "description": md.findtext(DCE + "description"),
            "modified": modified[0] if modified else None}


def resolve(dist, href):
    """The file href names inside dist, or None when it leaves dist."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href) or href.startswith("/"):
        return None
    root = os.path.realpath(dist)
    full = os.path.realpath(os.path.join(root, href))
    return full if full.startswith(root + os.sep) else None


def check_feed(feed_path, dist, tags, pdfs, zims, meta, source, date=None):
    """The feed at feed_path; its files are checked in dist when dist is
    given (a root-only build elsewhere has only the feed); its date is
    date when given (the build's SOURCE_DATE_EPOCH)."""
    r = subprocess.run(["xmllint", "--noout", feed_path],
                       capture_output=True, text=True)
    if not check(r.returncode == 0, "%s: not well-formed: %s"
                 % (feed_path, r.stderr.strip()[:200])):
        return
    feed = ET.parse(feed_path).getroot()
    if not check(feed.tag == ATOM + "feed", "%s: root is %s, not an Atom feed"
                 % (feed_path, feed.tag)):
        return
    fid = feed.findtext(ATOM + "id") or ""
    check(fid.startswith("urn:"), "feed id %r is not a URN" % fid)
    check(feed.findtext(ATOM + "title"), "feed: no title")
    updated = feed.findtext(ATOM + "updated") or ""
    check(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)",
                       updated), "feed updated %r is not RFC 3339" % updated)
    if date:
        check(updated == date, "feed updated %r is not the build date %r"
              % (updated, date))
    check(feed.findtext(ATOM + "author/" + ATOM + "name"), "feed: no author")
    for rel in ("self", "start"):
        links = [l for l in feed.findall(ATOM + "link") if l.get("rel") == rel]
        check(len(links) == 1 and links[0].get("type") == OPDS_TYPE and
              links[0].get("href") == os.path.basename(feed_path),
              "feed: no %s link to itself of type %s" % (rel, OPDS_TYPE))
    entries = feed.findall(ATOM + "entry")
    langs = [e.findtext(DC + "language") for e in entries]
    for tag in tags:
        check(langs.count(tag) == 1, "feed: locale %s in %d entries, want 1"
              % (tag, langs.count(tag)))
    check(sorted(langs) == sorted(tags),
          "feed: entries %s, locales %s" % (sorted(langs), sorted(tags)))
    ids = [e.findtext(ATOM + "id") for e in entries]
    check(len(set(ids)) == len(ids), "feed: entry ids repeat")
    for e in entries:
        tag = e.findtext(DC + "language")
        if tag not in meta:
            continue
        what = "feed entry %s" % tag
        check(e.get(XML_LANG) == tag, "%s: xml:lang %r" % (what, e.get(XML_LANG)))
        check((e.findtext(ATOM + "id") or "").startswith(fid),
              "%s: id does not start with the feed's" % what)
        check(e.findtext(ATOM + "updated") == updated, "%s: updated" % what)
        check(e.findtext(ATOM + "author/" + ATOM + "name"), "%s: no author" % what)
        # Its own language's title and summary: those of its EPUB.
        check(e.findtext(ATOM + "title") == meta[tag]["title"],
              "%s: title %r, its EPUB's is %r"
              % (what, e.findtext(ATOM + "title"), meta[tag]["title"]))
        if tag != source and meta[tag]["title"] != meta[source]["title"]:
            check(e.findtext(ATOM + "title") != meta[source]["title"],
                  "%s: title in the source language" % what)
        check(e.findtext(ATOM + "summary") == meta[tag]["description"],
              "%s: summary is not its EPUB's description" % what)
        links = e.findall(ATOM + "link")
        acq = {}
        for l in links:
            href, rel, typ = l.get("href") or "", l.get("rel"), l.get("type")
            ext = os.path.splitext(href)[1]
            check(TYPES.get(ext) == typ, "%s: %s has type %r, want %r"
                  % (what, href, typ, TYPES.get(ext)))
            if rel == ACQ:
                acq.setdefault(ext, []).append(href)
            if dist is None:
                continue
            full = resolve(dist, href)
            if not check(full is not None, "%s: %s leaves %s" % (what, href, dist)):
                continue
            if not check(os.path.isfile(full), "%s: %s does not exist" % (what, href)):
                continue
            if ext in MAGIC:
                with open(full, "rb") as f:
                    check(f.read(8).startswith(MAGIC[ext]),
                          "%s: %s is not a %s file" % (what, href, ext))
        check(len(acq.get(".epub", [])) == 1 and len(acq.get(".zip", [])) == 1,
              "%s: want one EPUB and one zip acquisition link" % what)
        check(len(acq.get(".pdf", [])) == (tag in pdfs),
              "%s: %d PDF links, want %d" % (what, len(acq.get(".pdf", [])), tag in pdfs))
        check(len(acq.get(".zim", [])) == (tag in zims),
              "%s: %d ZIM links, want %d" % (what, len(acq.get(".zim", [])), tag in zims))
        rels = [l.get("rel") for l in links]
        if os.path.isfile(os.path.join(dist or "", tag, "cover.png")) or dist is None:
            check(rels.count(IMAGE) == 1 and rels.count(THUMB) == 1,
                  "%s: want one image and one thumbnail link" % what)


def newer(a, b):
    return os.path.exists(a) and os.path.exists(b) and \
        os.stat(a).st_mtime_ns > os.stat(b).st_mtime_ns


def stress_covers(hb, work):
    """Covers of a long title, a long word and a long Chinese title, and
    two renderings of the same cover."""
    content = os.path.join(work, "content")
    shutil.copytree("content", content)
    book = os.path.join(content, "book.xml")
    text = open(book, encoding="utf-8").read()
    # A word wider than a line is cut between characters.
    long_title = ("Donaudampfschifffahrtsgesellschaftskapitän: Healing "
                  "Attachment Trauma, Understanding Early Relational Wounds "
                  "and Their Echoes in Adult Life")
    text = text.replace("<title>Healing Attachment Trauma</title>",
                        "<title>%s</title>" % long_title)
    open(book, "w", encoding="utf-8").write(text)
    po_dir = os.path.join(work, "translations")
    os.mkdir(po_dir)
    with open(os.path.join(po_dir, "zh-Hans.po"), "w", encoding="utf-8") as f:
        f.write('msgid ""\nmsgstr ""\n"Language: zh-Hans\\n"\n'
                '"Content-Type: text/plain; charset=UTF-8\\n"\n'
                '"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
                'msgid "%s"\nmsgstr "%s"\n' % (long_title, "疗愈依恋创伤" * 9))
    for tag in ("en", "zh-Hans"):
        svg = os.path.join(work, tag + ".svg")
        png = os.path.join(work, tag + ".png")
        r = subprocess.run([hb, "cover", "--content", content, "--translations",
                            po_dir, "--locale", tag, "-o", svg],
                           capture_output=True, text=True)
        if not check(r.returncode == 0, "cover of a long %s title: %s"
                     % (tag, r.stderr.strip()[:300])):
            continue
        rasterise(svg, png)
        margins_clear(open(png, "rb").read(), "cover of a long %s title" % tag)
        lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", open(svg, encoding="utf-8").read())
        check(len(lines) >= 4, "long %s title: %d lines" % (tag, len(lines)))
    # Reproducible: two runs, from other folders and time zones.
    for tag in ("en", "ar", "th"):
        outs = []
        for i, tz in enumerate(("Asia/Tokyo", "America/Lima")):
            svg = os.path.join(work, "%s-%d.svg" % (tag, i))
            png = os.path.join(work, "%s-%d.png" % (tag, i))
            subprocess.run([os.path.abspath(hb), "cover", "--locale", tag, "-o", svg],
                           check=True, env=dict(os.environ, TZ=tz))
            rasterise(svg, png)
            outs.append(open(png, "rb").read())
        check(outs[0] == outs[1], "cover %s: two renderings differ" % tag)


def main():
    hb, dist = sys.argv[1], sys.argv[2]
    tags = sorted(d for d in os.listdir(dist)
                  if os.path.isfile(os.path.join(dist, d, "index.html")))
    source = ET.parse("content/book.xml").getroot().findtext("language").strip()
    meta = {t: epub_meta(dist, t) for t in tags}
    for tag in tags:
        check_epub(dist, tag)
    # dist as make left it: PDFs and ZIMs newer than their locale's stamp.
    feed = os.path.join(dist, "opds.xml")
    if all(os.path.exists(os.path.join(dist, ".stamp-" + t)) for t in tags):
        stamp = lambda t: os.path.join(dist, ".stamp-" + t)
        pdfs = {t for t in tags if newer(os.path.join(dist, "handbook-%s.pdf" % t), stamp(t))}
        zims = {t for t in tags if newer(os.path.join(dist, "handbook-%s.zim" % t), stamp(t))}
        check_feed(feed, dist, tags, pdfs, zims, meta, source)
    else:
        skip("%s: no make stamps, the PDF and ZIM links are not known" % dist)
    html = open(os.path.join(dist, "index.html"), encoding="utf-8").read()
    check(re.search(r'<link rel="alternate" type="%s" href="opds.xml"'
                    % re.escape(OPDS_TYPE), html),
          "%s/index.html does not link opds.xml" % dist)
    work = tempfile.mkdtemp()
    try:
        # The root pass told of some PDFs and ZIMs links exactly those.
        out = os.path.join(work, "root")
        covers = os.path.join(work, "covers")
        os.mkdir(covers)
        r = subprocess.run([hb, "build", "--root-only", "--covers", covers,
                            "--pdf", tags[0], "--zim", tags[-1], "--zim", tags[0],
                            "--output", out], capture_output=True, text=True,
                           env=dict(os.environ, SOURCE_DATE_EPOCH="1700000000"))
        if check(r.returncode == 0, "root-only build: " + r.stderr.strip()[:300]):
            check_feed(os.path.join(out, "opds.xml"), None, tags, {tags[0]},
                       {tags[0], tags[-1]}, meta, source, "2023-11-14T22:13:20Z")
        if shutil.which("rsvg-convert"):
            stress_covers(hb, work)
        else:
            skip("cover renderings: rsvg-convert is not installed (librsvg2-bin)")
    finally:
        shutil.rmtree(work)
    print("opds: %d passed, %d failed, %d skipped" % (passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
