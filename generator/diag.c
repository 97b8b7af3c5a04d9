/* Diagnostics: the single place where messages for the user are printed. */
#include "diag.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int nerrors;
static int quiet;
static int strict; /* warnings are errors (--strict) */

static const char *const level_names[] = {"note", "warning", "error"};

/*
 * A message ends up on one line of readable length whatever the input:
 * control characters (a newline in a chapter's name could forge a second
 * "file:line: error:" line) are shown escaped, and a value of 200 KB is
 * cut to its first part.
 */
#define DIAG_MAX_LINE 600

/* Prints at most max bytes of s (whole UTF-8 characters), control
 * characters escaped, and "…" when s was longer. */
static void
put_clean(const char *s, size_t max)
{
	size_t n = strlen(s), i;
	unsigned char c;

	if (n > max) {
		while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
			max--;
	}
	for (i = 0; i < n && i < max; i++) {
		c = (unsigned char)s[i];
		if (c == '\n')
			fputs("\\n", stderr);
		else if (c < 0x20 || c == 0x7f)
			fprintf(stderr, "\\x%02x", c);
		else
			fputc(c, stderr);
	}
	if (n > max)
		fputs("…", stderr);
}

static void
vdiag(enum diag_level level, const char *file, int line, int col,
    const char *fmt, va_list ap)
{
	char msg[DIAG_MAX_LINE * 2];

	if (strict && level == DIAG_WARNING)
		level = DIAG_ERROR;
	if (level == DIAG_ERROR)
		nerrors++;
	if (quiet)
		return;
	put_clean(file ? file : "handbook", DIAG_MAX_LINE / 2);
	if (file != NULL && line > 0) {
		fprintf(stderr, ":%d", line);
		if (col > 0)
			fprintf(stderr, ":%d", col);
	}
	fprintf(stderr, ": %s: ", level_names[level]);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	put_clean(msg, DIAG_MAX_LINE);
	fputc('\n', stderr);
}

int
diag(enum diag_level level, const char *file, int line, int col,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(level, file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

int
diag_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(DIAG_ERROR, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return -1;
}

int
diag_read_failed(const char *path, const char *what, size_t max)
{
	if (errno == EFBIG)
		return diag(DIAG_ERROR, path, 0, 0, "%s: larger than %zu MB",
		    what, max >> 20);
	return diag(DIAG_ERROR, path, 0, 0, "%s: %s", what, strerror(errno));
}

int
diag_errors(void)
{
	return nerrors;
}

void
diag_set_quiet(int q)
{
	quiet = q;
}

void
diag_set_strict(int on)
{
	strict = on;
}
