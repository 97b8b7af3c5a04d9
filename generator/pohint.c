/*
 * Diagnostics for the mistakes a translator's tools make: a file saved as
 * UTF-16 or in a legacy encoding, a header left with msginit's
 * placeholders. Each says what to do, at the line to change.
 */
#include "pohint.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <unicode/utf8.h>

#include "diag.h"
#include "locale.h"
#include "plural_rules.h"
#include "util.h"

/* "little-endian" or "big-endian" when text looks like UTF-16, else NULL. */
static const char *
utf16_order(const unsigned char *s, size_t len)
{
	if (len >= 2 && s[0] == 0xff && s[1] == 0xfe)
		return "little-endian";
	if (len >= 2 && s[0] == 0xfe && s[1] == 0xff)
		return "big-endian";
	/* No byte-order mark: ASCII text has every other byte zero. */
	if (len >= 4 && s[0] != 0 && s[1] == 0 && s[2] != 0 && s[3] == 0)
		return "little-endian";
	if (len >= 4 && s[0] == 0 && s[1] != 0 && s[2] == 0 && s[3] != 0)
		return "big-endian";
	return NULL;
}

int
pohint_encoding(const char *path, const char *text, size_t len)
{
	const uint8_t *s = (const uint8_t *)text;
	const char *order = utf16_order(s, len);
	int32_t i = 0, start, n = len > INT32_MAX ? INT32_MAX : (int32_t)len;
	int line = 1, col = 1;
	UChar32 c;

	if (order)
		return diag(DIAG_ERROR, path, 1, 1,
		    "the catalog is saved as UTF-16 (%s); save it as UTF-8 "
		    "(Poedit and Weblate do; in a text editor, choose the "
		    "UTF-8 encoding when saving)",
		    order);
	while (i < n) {
		start = i;
		U8_NEXT(s, i, n, c);
		if (c < 0)
			return diag(DIAG_ERROR, path, line, col,
			    "the catalog is not UTF-8 (byte 0x%02x here is "
			    "not UTF-8; was it saved in a legacy encoding "
			    "such as Windows-1256 or ISO-8859-1?); save it "
			    "as UTF-8",
			    s[start]);
		col = c == '\n' ? 1 : col + (i - start);
		line += c == '\n';
	}
	return 0;
}

/* Whether the line at p starts a new entry or ends the header. */
static int
ends_header(const char *p)
{
	return *p == '\n' || *p == '\r' || *p == '#' ||
	    (strncmp(p, "msgid", 5) == 0 && strncmp(p, "msgid \"\"", 8) != 0);
}

int
pohint_field_line(const char *text, const char *field)
{
	const char *p = text;
	size_t flen = strlen(field);
	int line = 1, header = 0;

	for (; *p; line++) {
		if (header == 0 && strncmp(p, "msgid \"\"", 8) == 0)
			header = line;
		else if (header && ends_header(p))
			break;
		else if (header && p[0] == '"' &&
		    strncmp(p + 1, field, flen) == 0 && p[1 + flen] == ':')
			return line;
		p = strchr(p, '\n');
		if (p == NULL)
			break;
		p++;
	}
	return header ? header : 1;
}

char *
pohint_plural(const char *tag)
{
	const char *forms;
	struct locale_info loc;

	/* The tag has been checked: the lookup reports nothing. */
	if (locale_lookup(tag, NULL, &loc) < 0)
		return NULL;
	forms = plural_rules_lookup(tag);
	if (forms == NULL)
		forms = plural_rules_from_icu(loc.icu_id);
	return forms ? xasprintf("for %s write `%s`", loc.english, forms) :
	               NULL;
}
