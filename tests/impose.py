"""Imposes a PDF two-up for saddle stitching (make booklet).

usage: impose.py [--rtl] [--sheet A4|letter] IN.pdf OUT.pdf

The pages of IN (A5, or half-letter) go two on a side of a landscape sheet
(A4, or US Letter), in the order that makes a booklet: print OUT
double-sided, flipping on the short edge, fold the stack in the middle,
staple on the fold, and the pages read in order. Blank pages pad the book
to a multiple of four, at its end.

OUT's pages are the sides of the sheets: sheet s (from 0) is OUT's pages
2s + 1 (front) and 2s + 2 (back). With N pages (1-based, after padding):
  front: left N - 2s,   right 2s + 1
  back:  left 2s + 2,   right N - 2s - 1
A right-to-left book (--rtl) is bound on its right edge, so each side is
mirrored: front left 2s + 1, right N - 2s; back left N - 2s - 1, right
2s + 2.

The work is pypdf's (Debian's python3-pypdf): each page is placed on its
half of a blank sheet with merge_transformed_page. Links are dropped (a
booklet is for paper, and a link would point into IN).
"""
import sys

from pypdf import PdfReader, PdfWriter, PageObject, Transformation

# Landscape sheets, in PostScript points.
SHEETS = {"a4": (841.89, 595.28), "letter": (792.0, 612.0)}


def order(n, rtl=False):
    """The 1-based page numbers on each side, (left, right), sheet by
    sheet, front then back, for n pages (a multiple of four)."""
    sides = []
    for s in range(n // 4):
        front = (n - 2 * s, 2 * s + 1)
        back = (2 * s + 2, n - 2 * s - 1)
        if rtl:
            front, back = front[::-1], back[::-1]
        sides += [front, back]
    return sides


def place(sheet, page, left, width, height):
    """Merges PAGE onto the left or right half of SHEET, scaled to fit and
    centred (an A5 page fills half an A4 sheet; scale 1)."""
    box = page.mediabox
    w, h = float(box.width), float(box.height)
    half = width / 2
    scale = min(half / w, height / h)
    x = (0 if left else half) + (half - w * scale) / 2
    y = (height - h * scale) / 2
    op = (Transformation()
          .translate(-float(box.left), -float(box.bottom))
          .scale(scale, scale)
          .translate(x, y))
    sheet.merge_transformed_page(page, op)


def impose(src, dst, sheet="a4", rtl=False):
    width, height = SHEETS[sheet.lower()]
    reader = PdfReader(src)
    pages = list(reader.pages)
    if not pages:
        raise SystemExit("impose.py: %s has no pages" % src)
    for page in pages:
        if "/Annots" in page:
            del page["/Annots"]
    n = -(-len(pages) // 4) * 4
    writer = PdfWriter()
    for left, right in order(n, rtl):
        side = PageObject.create_blank_page(width=width, height=height)
        for number, is_left in ((left, True), (right, False)):
            if number <= len(pages):
                place(side, pages[number - 1], is_left, width, height)
        writer.add_page(side)
    # The book's title, author and dates (WeasyPrint's, which honour
    # SOURCE_DATE_EPOCH: the same pages give the same bytes).
    info = {k: v for k, v in (reader.metadata or {}).items()
            if k in ("/Title", "/Author", "/Subject", "/Keywords",
                     "/Creator", "/CreationDate", "/ModDate")}
    info["/Producer"] = "handbook impose.py (pypdf)"
    writer.add_metadata(info)
    with open(dst, "wb") as out:
        writer.write(out)
    return len(pages), n


def main(argv):
    args = list(argv)
    rtl = "--rtl" in args
    if rtl:
        args.remove("--rtl")
    sheet = "a4"
    if "--sheet" in args:
        i = args.index("--sheet")
        sheet = args[i + 1] if i + 1 < len(args) else ""
        del args[i:i + 2]
    if len(args) != 2 or sheet.lower() not in SHEETS:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    pages, n = impose(args[0], args[1], sheet, rtl)
    print("%d pages (%d blank) on %d sheets" % (pages, n - pages, n // 4))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
