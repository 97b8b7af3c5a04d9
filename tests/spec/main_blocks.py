"""Prints the <main> of a page with a line break after each block (and
only there: a line break inside a block is the page's own), so that a
diff of two pages shows the block that changed."""
import re
import sys

page = open(sys.argv[1], encoding="utf-8").read()
main = page[page.index("<main"):page.index("</main>") + len("</main>")]
CLOSE = ("p|h[1-6]|li|ul|ol|blockquote|pre|table|thead|tbody|tr|figure|"
         "figcaption|aside|section|nav|div|dl|dt|dd|svg|article")
OPEN = "ul|ol|table|thead|tbody|tr|blockquote|section|aside|figure|svg|dl|article"
main = re.sub(r"(</(?:%s)>|<(?:%s)(?: [^>]*)?>|<hr>)(?!\n)" % (CLOSE, OPEN),
              "\\1\n", main)
sys.stdout.write(main.rstrip("\n") + "\n")
