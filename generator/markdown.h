/* Markdown chapters → CommonMark XML trees, through cmark-gfm. */
#ifndef GEN_MARKDOWN_H
#define GEN_MARKDOWN_H

#include <stddef.h>
#include <libxml/tree.h>

/* Namespace of the chapter trees, shared with cmark's own XML renderer. */
#define CM_NS "http://commonmark.org/xml/1.0"

/* Registers cmark-gfm's extensions. Call once before markdown_parse. */
void markdown_init(void);

/*
 * Checks that text is UTF-8 without NUL bytes or control characters other
 * than tab, line feed and carriage return; a leading byte-order mark is
 * allowed. Reports up to a few problems at file:line:col. Returns 0 when
 * the text is clean, -1 otherwise.
 */
int markdown_check_text(const char *file, const char *text, size_t len);

/*
 * Parses a chapter and returns a new document whose root is the CommonMark
 * <document> element, or NULL after reporting errors. Raw HTML is dropped
 * with a warning; link targets outside http, https, mailto and relative
 * paths are errors; headings get a unique "id" attribute derived from their
 * text; fenced blocks with the info string "diagram NAME" become <diagram>
 * elements with <label key="..."> children. Every element keeps a
 * "sourcepos" attribute ("line:col"). Free with xmlFreeDoc.
 */
xmlDoc *markdown_parse(const char *file, const char *text, size_t len);

/*
 * Parses a translated unit (a catalog's msgstr) the same way, without
 * footnotes, tables or task lists. Problems are warnings reported at
 * file:line (the catalog entry). Returns NULL when the text has a
 * forbidden link or image; free the result with xmlFreeDoc.
 */
xmlDoc *markdown_parse_fragment(const char *file, int line, const char *text);

/*
 * Writes the identifier of a heading with the given text into a new string:
 * letters and digits lower-cased, spaces and hyphens as '-', the rest
 * dropped. Never returns an empty string. The caller frees the result.
 */
char *markdown_slug(const char *text);

/* Returns 1 when n is the CommonMark element called name. */
int markdown_is_element(const xmlNode *n, const char *name);

/* How a link target may be used. */
enum link_kind { LINK_EXTERNAL, LINK_INTERNAL, LINK_FORBIDDEN };

/* Classifies a link target: http(s) and mailto, relative, or forbidden. */
enum link_kind markdown_link_kind(const char *dest);

#endif
