/* Diagnostics: the single place where messages for the user are printed. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

static int nerrors;
static int quiet;

static const char *const level_names[] = {"note", "warning", "error"};

static void
vdiag(enum diag_level level, const char *file, int line, int col,
    const char *fmt, va_list ap)
{
	if (level == DIAG_ERROR)
		nerrors++;
	if (quiet)
		return;
	if (file == NULL)
		fputs("handbook", stderr);
	else
		fputs(file, stderr);
	if (file != NULL && line > 0) {
		fprintf(stderr, ":%d", line);
		if (col > 0)
			fprintf(stderr, ":%d", col);
	}
	fprintf(stderr, ": %s: ", level_names[level]);
	vfprintf(stderr, fmt, ap);
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
diag_errors(void)
{
	return nerrors;
}

void
diag_set_quiet(int q)
{
	quiet = q;
}
