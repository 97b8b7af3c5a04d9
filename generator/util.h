/* Memory helpers that never return NULL, a growable buffer, file reading. */
#ifndef GEN_UTIL_H
#define GEN_UTIL_H

#include <stddef.h>

/* Allocators that print a message and exit when memory runs out. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable byte buffer; data is always NUL-terminated. Free with buf_free. */
struct buf {
	char *data;
	size_t len, cap;
};

void buf_add(struct buf *b, const void *p, size_t n);
void buf_addstr(struct buf *b, const char *s);
void buf_addch(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_free(struct buf *b);

/* 1 for the white space of markup: space, tab, newline, carriage return. */
int is_ascii_space(char c);

/*
 * Appends s with every run of white space as one space, and none at the
 * start of b: text from XML or Markdown as it reads. buf_trim_end drops
 * the spaces at the end.
 */
void buf_add_collapsed(struct buf *b, const char *s);
void buf_trim_end(struct buf *b);

/*
 * Reads the whole file at path, at most max bytes. Returns a malloc'd,
 * NUL-terminated buffer and its length in *len, or NULL with errno set
 * (EFBIG when the file is larger than max). The caller frees the result.
 */
char *file_read(const char *path, size_t max, size_t *len);

/* FNV-1a hash of a string, for the generator's small hash tables. */
unsigned long long str_hash(const char *s);

/* qsort comparator for an array of char *, by strcmp. */
int str_compare(const void *a, const void *b);

/*
 * The regular files under root (symlinks not followed), as paths relative
 * to root, sorted by strcmp. The caller frees them with strings_free.
 */
char **files_under(const char *root, size_t *n);
void strings_free(char **list, size_t n);

/*
 * A mkstemp template for a temporary file in the folder of path:
 * "dir/.name.XXXXXX" for "dir/name". The caller frees it.
 */
char *temp_name_beside(const char *path);

/* Returns 1 when s ends with suffix. */
int str_endswith(const char *s, const char *suffix);

#endif
