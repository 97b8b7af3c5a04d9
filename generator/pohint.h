/* What to tell a translator whose catalog file or header is wrong. */
#ifndef GEN_POHINT_H
#define GEN_POHINT_H

#include <stddef.h>

/*
 * Checks that text (the whole file at path) is UTF-8. A UTF-16 file, or
 * one in another encoding, gets one error that names the problem and says
 * to save the file as UTF-8, at the first bad byte. Returns 0 when the
 * text is UTF-8, -1 (reported) otherwise.
 */
int pohint_encoding(const char *path, const char *text, size_t len);

/*
 * The line of header field ("Plural-Forms") in the header entry of text,
 * a PO file; else the line of the header's msgid, else 1.
 */
int pohint_field_line(const char *text, const char *field);

/*
 * A malloc'd hint "for Persian write `nplurals=2; plural=(n > 1);`" for
 * the canonical tag, or NULL when no rule is known. The caller frees it.
 */
char *pohint_plural(const char *tag);

#endif
