/* The output tree: every locale is built aside and swapped in atomically. */
#ifndef GEN_OUTPUT_H
#define GEN_OUTPUT_H

#include <stddef.h>

struct outdir;

/*
 * Starts building dist/name in a fresh temporary folder beside it
 * (dist/.name.XXXXXX). Returns NULL after reporting an error.
 */
struct outdir *output_begin(const char *dist, const char *name);

/* The temporary folder's path (to write files with other libraries). */
const char *output_tmp_path(const struct outdir *o);

/*
 * Writes a file at a relative path inside the folder, creating parent
 * folders. Returns 0, or -1 after reporting an error.
 */
int output_write(struct outdir *o, const char *relpath, const void *data,
    size_t len);

/*
 * Flushes everything to disk and puts the folder in place of dist/name,
 * then removes the previous one. Returns 0, or -1 after reporting an error
 * (the previous output is then left as it was). Frees o in every case.
 */
int output_commit(struct outdir *o);

/* Removes the temporary folder and frees o. Accepts NULL. */
void output_abort(struct outdir *o);

/*
 * Replaces the single file dist/relpath atomically (write to a temporary
 * file, flush, rename). Returns 0 or -1 after reporting an error.
 */
/* Replaces the file at path (its folder made if need be) with data,
 * through a temporary file beside it. Returns 0, or -1 after reporting. */
int output_replace_path(const char *path, const void *data, size_t len);

int output_replace_file(const char *dist, const char *relpath, const void *data,
    size_t len);

#endif
