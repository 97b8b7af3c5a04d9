/*
 * Every limit on untrusted input, in one place, each with its reason.
 * Messages are built from these values, never from a copy of them.
 */
#ifndef GEN_BOUNDS_H
#define GEN_BOUNDS_H

/* A chapter: the longest real one is under 30 KB; cmark's memory grows
 * about 100 times its input on hostile text. */
#define CHAPTER_MAX_BYTES (2u << 20)

/* A catalog: eight complete ones are 0.3-0.6 MB each. */
#define CATALOG_MAX_BYTES (32u << 20)

/* book.xml, and each stylesheet or file of a theme. */
#define MANIFEST_MAX_BYTES (1u << 20)
#define THEME_MAX_FILE_BYTES (4u << 20)

/* content/logo.svg (on the cover) and a cover PNG (--covers): the mark is
 * under 1 KB, a 1200 x 1800 cover about 100 KB. */
#define LOGO_MAX_BYTES (1u << 20)
#define COVER_MAX_BYTES (8u << 20)

/* Quotes, lists and emphasis inside each other: the theme's recursion
 * stays far below libxslt's template depth. */
#define MARKDOWN_MAX_NESTING 100

/* cmark pads every table row to the header's width and aborts when its
 * memory runs out; a handbook's largest table has a few hundred cells. */
#define MARKDOWN_MAX_TABLE_CELLS 100000

/* Each footnote costs cmark and the themes about 20 KB. */
#define MARKDOWN_MAX_FOOTNOTES 5000

/* Calls that cannot be cancelled run under a watchdog (watchdog.h): the
 * whole book parses in 12 ms and transforms in under 0.3 s. */
#define WATCHDOG_PARSE_SECONDS 10
#define WATCHDOG_THEME_SECONDS 60

/* libxslt's own limits for a theme: recursion depth and operations. */
#define THEME_MAX_TEMPLATE_DEPTH 1000
#define THEME_MAX_OPERATIONS 20000000
#define THEME_MAX_XPATH_OPERATIONS 200000000

/* Plural tables cover n = 0 .. PLURAL_TABLE_SIZE - 1; past that, themes
 * reuse the form of n % 100 + 100 (every CLDR rule repeats by then). */
#define PLURAL_TABLE_SIZE 200

/* Theme output paths: short enough for FAT file systems on SD cards. */
#define THEME_MAX_PATH 200

/* SOURCE_DATE_EPOCH: zip (DOS) times hold 1980-01-01 to 2107-12-31. */
#define DATE_MIN 315532800LL
#define DATE_MAX 4354819199LL

/* Memory for one build, unless --memory-limit says otherwise: a 2 GB
 * laptop keeps room for its system and a browser. */
#define MEMORY_LIMIT_DEFAULT_MB 1024

/* A review trail (translations/TAG.reviews) is a few lines per chapter;
 * a reviewer's name and role fit on a printed line. */
#define REVIEW_MAX_BYTES (1u << 20)
#define REVIEW_MAX_TEXT 200

#endif
