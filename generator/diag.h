/* Diagnostics: "file:line:col: error: message", counted by level. */
#ifndef GEN_DIAG_H
#define GEN_DIAG_H

#include <stddef.h>

enum diag_level { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR };

/*
 * Prints one diagnostic to standard error. file may be NULL (the message is
 * then prefixed "handbook:"); line and col are omitted when 0. Always
 * returns -1 so that callers can write "return diag(...)".
 */
int diag(enum diag_level level, const char *file, int line, int col,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Shorthand for an error without a position. */
int diag_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Reports why file_read failed on path, after errno: "WHAT: larger than N
 * MB" past max bytes, else "WHAT: <system message>". Returns -1.
 */
int diag_read_failed(const char *path, const char *what, size_t max);

/* Number of errors reported so far. */
int diag_errors(void);

/* Silences every message (errors are still counted); for unit tests. */
void diag_set_quiet(int quiet);

/* Makes every later warning an error, printed and counted as one
 * (--strict). */
void diag_set_strict(int on);

#endif
