/* EPUB 3 container: a deterministic zip written with libzip. */
#ifndef GEN_EPUB_H
#define GEN_EPUB_H

#include <stddef.h>

struct theme_output;

/*
 * Writes an EPUB at path from the files of a theme result whose target is
 * TARGET_EPUB ("mimetype" is added first and stored). Every entry gets the
 * time date (SOURCE_DATE_EPOCH) and fixed permissions so that the same
 * input gives the same bytes. Messages name the file as shown (its final
 * place, not the temporary one). Returns 0, or -1 after reporting an error.
 */
int epub_write(const char *path, const char *shown,
    const struct theme_output *files, int nfiles, long long date);

/*
 * Writes a zip of the folder dir at path, its files under the folder name
 * prefix/ in sorted order, with the time date and fixed permissions: the
 * same folder always gives the same bytes. Written under a unique temporary
 * name and renamed, so the previous zip stays until the new one is whole.
 * Returns 0 or -1 after an error.
 */
int epub_zip_folder(const char *path, const char *dir, const char *prefix,
    long long date);

#endif
