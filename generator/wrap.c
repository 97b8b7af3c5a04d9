/* Lines of a short text for a fixed width: ICU line breaks, estimated
 * widths. */
#include "wrap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "util.h"

static double
char_width(UChar32 c)
{
	int8_t type = u_charType(c);
	int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);

	if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK ||
	    type == U_FORMAT_CHAR || type == U_CONTROL_CHAR)
		return 0;
	if (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH)
		return 1;
	/* Joined Arabic letters are narrower than Latin ones. */
	if (u_getIntPropertyValue(c, UCHAR_SCRIPT) == USCRIPT_ARABIC)
		return 0.5;
	return 0.6;
}

/* The width of u[from..to), trailing white space left out. */
static double
run_width(const UChar *u, int32_t from, int32_t to)
{
	double w = 0, pending = 0;
	int32_t i = from;
	UChar32 c;

	while (i < to) {
		U16_NEXT(u, i, to, c);
		if (u_isUWhiteSpace(c)) {
			pending += char_width(c);
		} else {
			w += pending + char_width(c);
			pending = 0;
		}
	}
	return w;
}

/* Appends u[from..to) as UTF-8, without white space around it. */
static void
add_line(struct buf *b, const UChar *u, int32_t from, int32_t to)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n;
	UChar32 c;
	char *out;

	while (from < to) {
		int32_t at = from;
		U16_NEXT(u, at, to, c);
		if (!u_isUWhiteSpace(c))
			break;
		from = at;
	}
	while (to > from) {
		int32_t at = to;
		U16_PREV(u, from, at, c);
		if (!u_isUWhiteSpace(c))
			break;
		to = at;
	}
	if (to == from)
		return;
	out = xmalloc((size_t)(to - from) * 3 + 1);
	u_strToUTF8(out, (to - from) * 3 + 1, &n, u + from, to - from, &st);
	if (U_SUCCESS(st)) {
		if (b->len)
			buf_addch(b, '\n');
		buf_add(b, out, (size_t)n);
	}
	free(out);
}

/*
 * A segment wider than a line alone: cut it between grapheme clusters,
 * appending full lines to b; returns where its last, partial line starts.
 */
static int32_t
cut_segment(struct buf *b, const UChar *u, int32_t from, int32_t to,
    double width)
{
	UErrorCode st = U_ZERO_ERROR;
	UBreakIterator *ch = ubrk_open(UBRK_CHARACTER, "", u, to, &st);
	int32_t start = from, prev = from, at;

	if (U_FAILURE(st))
		return from;
	for (at = ubrk_following(ch, from); at != UBRK_DONE && at <= to;
	     at = ubrk_next(ch)) {
		if (prev > start && run_width(u, start, at) > width) {
			add_line(b, u, start, prev);
			start = prev;
		}
		prev = at;
	}
	ubrk_close(ch);
	return start;
}

char *
text_wrap(const char *s, double width)
{
	UErrorCode st = U_ZERO_ERROR;
	UBreakIterator *bi = NULL;
	struct buf b = {0};
	int32_t n = 0, start = 0, prev = 0, at;
	UChar *u;

	buf_addstr(&b, "");
	u_strFromUTF8(NULL, 0, &n, s, -1, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		return b.data;
	st = U_ZERO_ERROR;
	u = xcalloc((size_t)n + 1, sizeof(*u));
	u_strFromUTF8(u, n + 1, &n, s, -1, &st);
	if (U_SUCCESS(st))
		bi = ubrk_open(UBRK_LINE, "", u, n, &st);
	if (U_FAILURE(st) || bi == NULL) {
		free(u);
		return b.data;
	}
	for (at = ubrk_following(bi, 0); at != UBRK_DONE; at = ubrk_next(bi)) {
		/* prev..at is the next segment: does it still fit? */
		if (prev > start && run_width(u, start, at) > width) {
			add_line(&b, u, start, prev);
			start = prev;
		}
		if (run_width(u, start, at) > width)
			start = cut_segment(&b, u, start, at, width);
		prev = at;
	}
	add_line(&b, u, start, n);
	ubrk_close(bi);
	free(u);
	return b.data;
}
